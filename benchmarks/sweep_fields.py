"""The full single-field sweep (issue 16): every leaf of every example × every hostile value class.

    .venv/bin/python benchmarks/sweep_fields.py [--sample N]

Prints how many runs validated and rendered (0), were refused by validation (1), failed to render (3) or hit
an internal error (4), how many took over 10 s (hangs; each run is under a 10-second alarm), the slowest run and
the peak memory, and lists every 3/4/hang (there should be none).  The suite runs a sample of it
(``tests/test_sweep_fields.py``).
"""

from __future__ import annotations

import argparse
import resource
import signal
import sys
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fieldsweep import EXAMPLES, VALUE_CLASSES, cases, outcome

HANG_SECONDS = 10


class _Hang(BaseException):  # not caught by the outcome's "except Exception"
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Hang


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=None, help="a seeded sample instead of every case")
    args = ap.parse_args()
    start = time.perf_counter()
    codes: dict[int, int] = {}
    bad: list[str] = []
    hangs = 0
    slowest = (0.0, "")
    signal.signal(signal.SIGALRM, _alarm)
    todo = cases(sample=args.sample)
    for case, text in todo:
        what = f"{case.example} {case.loc} = {case.value_class}"
        t0 = time.perf_counter()
        signal.alarm(HANG_SECONDS)
        try:
            code, detail = outcome(text, f"{case.example}.yaml")
        except _Hang:
            hangs += 1
            bad.append(f"hang > {HANG_SECONDS} s: {what}")
            continue
        finally:
            signal.alarm(0)
        took = time.perf_counter() - t0
        if took > slowest[0]:
            slowest = (took, what)
        codes[code] = codes.get(code, 0) + 1
        if code not in (0, 1):
            bad.append(f"exit {code}: {what}: {detail}")
    total = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"examples {len(EXAMPLES)}, value classes {len(VALUE_CLASSES)}, runs {len(todo)}, {total:.0f} s")
    for code, label in ((0, "rendered"), (1, "refused by validate"), (3, "render failure"), (4, "internal error")):
        print(f"  exit {code} ({label}): {codes.get(code, 0)}")
    print(f"  hangs > {HANG_SECONDS} s: {hangs}")
    print(f"  slowest run {slowest[0]:.2f} s ({slowest[1]})   peak memory {peak_mb:.0f} MB")
    for line in bad[:50]:
        print("  BAD", line)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
