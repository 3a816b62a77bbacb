#!/usr/bin/env python3
"""Print what the text-seam checker finds on a set of facts files, counted by code (and by file).

    python scripts/quality_report.py tests/corpus docgen/domains/cppcc_publicity/examples            # both modes, a Markdown table
    python scripts/quality_report.py tests/corpus --mode final --show      # also every finding
    python scripts/quality_report.py tests/corpus --json                   # machine-readable counts

Each file is loaded, validated and composed through ``docgen.api`` and its draft checked by
``docgen.quality.check_draft`` directly (not through the render warnings), so the same script measures an
older composer too: copy ``docgen/quality/`` into a checkout of an older commit and run it there with that
checkout first on ``PYTHONPATH`` ("before" and "after" numbers of the same corpus).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("paths", nargs="+", help="facts files or directories of *.yaml")
    ap.add_argument("--mode", choices=["final", "draft", "both"], default="both")
    ap.add_argument("--show", action="store_true", help="print every finding")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = ap.parse_args(argv)

    from docgen.api import compose_file, load_facts, quality_rules
    from docgen.errors import DocgenError, FactsError
    from docgen.quality import CODES, check_draft

    modes = ["final", "draft"] if args.mode == "both" else [args.mode]
    by_code: dict[str, Counter[str]] = {m: Counter() for m in modes}
    by_file: dict[str, Counter[str]] = {}
    failed: dict[str, str] = {}
    files = _files(args.paths)
    for path in files:
        by_file[str(path)] = Counter()
        for mode in modes:
            try:
                facts = load_facts(path)
                draft = compose_file(path, mode=mode)  # type: ignore[arg-type]
            except FactsError as exc:
                failed[str(path)] = f"invalid: {exc.problems[0].format() if exc.problems else exc}"
                break
            except DocgenError as exc:
                failed[str(path)] = f"render error: {exc}"
                break
            data = facts.model_dump(mode="json", exclude_none=True)
            for f in check_draft(draft, mode=mode, data=data, rules=quality_rules(facts)):
                by_code[mode][f.code] += 1
                by_file[str(path)][mode] += 1
                if args.show:
                    print(f"{path} [{mode}] {f.format()}")
    if args.json:
        print(
            json.dumps(
                {"files": len(files), "failed": failed, "by_code": by_code, "by_file": by_file},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"{len(files)} files, {len(failed)} could not be composed\n")
    print("| code | " + " | ".join(modes) + " | meaning |")
    print("|---|" + "---:|" * len(modes) + "---|")
    for code in CODES:
        if any(by_code[m][code] for m in modes):
            counts = " | ".join(str(by_code[m][code]) for m in modes)
            print(f"| `{code}` | {counts} | {CODES[code]} |")
    totals = " | ".join(f"**{sum(by_code[m].values())}**" for m in modes)
    print(f"| total | {totals} | |")
    docs = len(files) - len(failed)
    if docs:
        per = " / ".join(f"{sum(by_code[m].values()) / docs:.1f}" for m in modes)
        print(f"\nfindings per document ({' / '.join(modes)}): {per}")
    print("\n| file | " + " | ".join(modes) + " |")
    print("|---|" + "---:|" * len(modes))
    for name, counts in by_file.items():
        if name in failed:
            print(f"| {Path(name).name} | {failed[name]} |")
        else:
            print(f"| {Path(name).name} | " + " | ".join(str(counts[m]) for m in modes) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
