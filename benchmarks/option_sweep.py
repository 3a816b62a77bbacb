"""The option sweep over the whole corpus (issue 10, point 4: every fact is used or warned about).

    .venv/bin/python benchmarks/option_sweep.py

Every enumeration and boolean of every example and corpus file of every domain, set to each value the schema
allows: prints how many variants were composed, how many the rules refused (with a located message), and every
fact a variant lost without a warning (there should be none).  The suite runs the examples
(``tests/test_option_coverage.py``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_option_coverage import sweep  # noqa: E402

from docgen import registry  # noqa: E402


def files(domain: str) -> list[Path]:
    own = ROOT / "tests" / "domains" / domain / "corpus"
    corpus = own if own.is_dir() else ROOT / "tests" / "corpus"
    return sorted((ROOT / "docgen" / "domains" / domain / "examples").glob("*.yaml")) + sorted(
        corpus.glob("*.yaml")
    )


def main() -> int:
    t0 = time.perf_counter()
    tried = lost_total = found_total = n_files = 0
    for d in registry.domains():
        for path in files(d.name):
            n, lost, findings = sweep(d.name, path)
            tried += n
            n_files += 1
            lost_total += len(lost)
            found_total += len(findings)
            for line in lost + findings:
                print(f"{path.name}\t{line}")
    print(
        f"files {n_files}, variants composed {tried}, facts lost without a warning {lost_total}, "
        f"checker findings {found_total}, "
        f"{time.perf_counter() - t0:.0f} s"
    )
    return 1 if lost_total or found_total else 0


if __name__ == "__main__":
    raise SystemExit(main())
