"""The full single-field sweep (issue 16): every leaf of every example × every hostile value class.

    .venv/bin/python benchmarks/sweep_fields.py [--sample N]

Prints how many runs validated and rendered (0), were refused by validation (1), failed to render (3) or hit
an internal error (4), and lists every 3/4 (there should be none).  The suite runs a sample of it
(``tests/test_sweep_fields.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fieldsweep import EXAMPLES, VALUE_CLASSES, run


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=None, help="a seeded sample instead of every case")
    args = ap.parse_args()
    start = time.perf_counter()
    report = run(sample=args.sample)
    took = time.perf_counter() - start
    print(f"examples {len(EXAMPLES)}, value classes {len(VALUE_CLASSES)}, runs {report.runs}, {took:.0f} s")
    for code, label in ((0, "rendered"), (1, "refused by validate"), (3, "render failure"), (4, "internal error")):
        print(f"  exit {code} ({label}): {report.codes.get(code, 0)}")
    for case, code, detail in report.bad:
        print(f"  BAD exit {code}: {case.example} {case.loc} = {case.value_class}: {detail}")
    return 1 if report.bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
