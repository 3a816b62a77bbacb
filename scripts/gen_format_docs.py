#!/usr/bin/env python3
"""Write docs/format.md from the facts model (``docgen.formatdoc``); ``--check`` exits 1 when the page is stale."""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.formatdoc import format_markdown

PAGE = Path(__file__).resolve().parent.parent / "docs" / "format.md"


def main(argv: list[str]) -> int:
    text = format_markdown()
    if "--check" in argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE} 已过期：运行 scripts/gen_format_docs.py 重新生成", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"已写入 {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
