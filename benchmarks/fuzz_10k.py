"""10,000 mutated facts files through validate and render (issue 16).

    .venv/bin/python benchmarks/fuzz_10k.py [--runs 10000] [--seed fuzz10k]

The mutations are the suite's (``tests/test_fuzz.py``: hostile values in place of real ones, and byte-level
damage); each input is loaded, validated, composed and rendered to .docx, Markdown and text in-process, under a
10-second alarm.  Prints the counts by outcome — rendered (0), refused by validation (1), render failure (3),
internal error (4), hangs over 10 s — the slowest input and the peak memory (max RSS) of the process.
"""

from __future__ import annotations

import argparse
import random
import resource
import signal
import sys
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fieldsweep import EXAMPLES, outcome
from test_fuzz import fuzz_one

HANG_SECONDS = 10


class _Hang(BaseException):  # not caught by the outcome's "except Exception"
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Hang


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--seed", default="fuzz10k")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in EXAMPLES]
    counts = {0: 0, 1: 0, 3: 0, 4: 0}
    hangs = 0
    bad: list[str] = []
    slowest = (0.0, "")
    signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    for i in range(args.runs):
        name, text = texts[i % len(texts)]
        damaged = fuzz_one(text, rng)
        t0 = time.perf_counter()
        signal.alarm(HANG_SECONDS)
        try:
            code, detail = outcome(damaged, name)
        except _Hang:
            hangs += 1
            bad.append(f"hang > {HANG_SECONDS} s: input {i} ({name})")
            continue
        finally:
            signal.alarm(0)
        took = time.perf_counter() - t0
        if took > slowest[0]:
            slowest = (took, f"input {i} ({name})")
        counts[code] = counts.get(code, 0) + 1
        if code not in (0, 1):
            bad.append(f"exit {code}: input {i} ({name}): {detail}")
    total = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"runs {args.runs} in {total:.0f} s")
    print(f"  rendered (0): {counts[0]}   refused (1): {counts[1]}   render failure (3): {counts.get(3, 0)}")
    print(f"  internal errors (4): {counts.get(4, 0)}   hangs > {HANG_SECONDS} s: {hangs}")
    print(f"  slowest input {slowest[0]:.2f} s ({slowest[1]})   peak memory {peak_mb:.0f} MB")
    for line in bad[:50]:
        print("  BAD", line)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
