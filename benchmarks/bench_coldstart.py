"""Cold start of a ``docgen`` process: load the fragment library and compose one speech, in a fresh process.

    .venv/bin/python benchmarks/bench_coldstart.py [--runs 7]

Compares the data-only JSON cache (``docgen/fragcache.py``) with no cache at all (``DOCGEN_NO_CACHE=1``, the
baseline measured in the same run); prints p50 wall times and the ratio.  Each side runs once first to fill the
cache and the OS file cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
import time
t0 = time.perf_counter()
from docgen.fragments import FragmentLibrary
FragmentLibrary.load()
t1 = time.perf_counter()
from docgen.api import compose_file
compose_file({path!r})
t2 = time.perf_counter()
print(t1 - t0, t2 - t0)
"""


def once(env: dict[str, str]) -> tuple[float, float]:
    script = SCRIPT.format(path=str(ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    load, total = out.stdout.split()
    return float(load), float(total)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        cached = {**os.environ, "DOCGEN_CACHE_DIR": cache}
        bare = {**os.environ, "DOCGEN_NO_CACHE": "1"}
        once(cached)
        once(bare)
        a = [once(cached) for _ in range(args.runs)]
        b = [once(bare) for _ in range(args.runs)]
    for label, i in (("library load", 0), ("load + compose", 1)):
        ca, cb = statistics.median(x[i] for x in a), statistics.median(x[i] for x in b)
        print(f"{label:15s} p50  JSON cache {ca * 1000:7.1f} ms   no cache {cb * 1000:7.1f} ms   ratio {ca / cb:.3f}")


if __name__ == "__main__":
    main()
