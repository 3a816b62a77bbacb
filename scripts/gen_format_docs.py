#!/usr/bin/env python3
"""Write each registered domain's format page from its facts model (``docgen.formatdoc``): the built-in
domain's docs/format.md, every other domain's docgen/domains/<name>/format.md.  ``--check`` exits 1 when a page
is stale."""

from __future__ import annotations

import sys
from pathlib import Path

from docgen import registry
from docgen.formatdoc import format_markdown, page_path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    stale = 0
    for domain in registry.domains():
        page = ROOT / page_path(domain)
        text = format_markdown(domain)
        if "--check" in argv:
            current = page.read_text(encoding="utf-8") if page.exists() else ""
            if current != text:
                print(f"{page} 已过期：运行 scripts/gen_format_docs.py 重新生成", file=sys.stderr)
                stale = 1
            continue
        page.write_text(text, encoding="utf-8")
        print(f"已写入 {page}")
    return stale


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
