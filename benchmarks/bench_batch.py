"""Benchmark (issue 15): a batch of N speeches (default 1,000) in one process against two processes, in one run;
and the resident memory of each worker along the way.

The N facts files are the city example with its document id and its counts varied (so every speech differs).
Each side renders all of them to .docx into an empty folder through ``docgen.batch.run`` (``--jobs 1`` renders
in-process; ``--jobs 2`` uses the process pool).  Wall-clock time, since a speed-up is what the user waits for;
the machine's load average is printed with it, because neighbours on a shared machine take the second core.
The runs go one process, two, two, one, and each side's mean is reported, so a load that drifts during the
benchmark weighs on both sides alike.  CPU time per document (this process and its workers, ``getrusage``) is
printed for each side too: it shows what the pool costs beyond the documents themselves, which a busy machine
cannot hide, while the wall-clock speed-up needs a second core that neighbours leave free.
Memory: each worker reports its RSS after every document; the benchmark prints it after document 100 and at
the end, per worker (target: no growth after the first 100).

Usage: python benchmarks/bench_batch.py [--docs 1000] [--skip-one]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
SPEEDUP_TARGET = 1.8


def make_inputs(folder: Path, n: int) -> None:
    text = CITY.read_text(encoding="utf-8")
    for i in range(n):
        doc = text.replace("id: cy-2024-xcxx-speech", f"id: cy-2024-unit-{i:04d}", 1)
        doc = re.sub(r"value: 186\b", f"value: {186 + i % 50}", doc, count=1)
        doc = re.sub(r"value: 312\b", f"value: {312 + i % 70}", doc, count=1)
        (folder / f"unit{i:04d}.yaml").write_text(doc, encoding="utf-8")


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(src: Path, out: Path, jobs: int) -> tuple[float, float, dict[int, list[int]]]:
    from docgen import batch as lib

    options = lib.BatchOptions(out, "docx", jobs=jobs)
    planned = lib.plan([src], options)
    t0, c0 = time.perf_counter(), _cpu()
    result = lib.run(planned, options)
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    bad = [o for o in result.outcomes if o.status != "rendered"]
    assert not bad, bad[:3]
    rss: dict[int, list[int]] = defaultdict(list)
    for o in sorted(result.outcomes, key=lambda o: o.label):
        rss[o.worker].append(o.rss)
    return seconds, cpu, rss


def report_rss(label: str, rss: dict[int, list[int]]) -> None:
    for pid, series in sorted(rss.items()):
        if len(series) < 101:
            print(f"  {label} worker {pid}: {len(series)} documents (too few to judge)")
            continue
        at100, end, peak = series[99] / 2**20, series[-1] / 2**20, max(series[100:]) / 2**20
        growth = end - at100
        print(
            f"  {label} worker {pid}: {len(series)} documents, RSS after 100th {at100:.1f} MB, "
            f"at end {end:.1f} MB (growth {growth:+.1f} MB), peak after 100th {peak:.1f} MB"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--skip-one", action="store_true", help="only the two-process run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        make_inputs(src, args.docs)
        load_before = os.getloadavg()[0]
        # one, two, two, one: a load that drifts during the run weighs on both sides alike
        order = [2] if args.skip_one else [1, 2, 2, 1]
        times: dict[int, list[float]] = {1: [], 2: []}
        cpus: dict[int, list[float]] = {1: [], 2: []}
        rss1: dict[int, list[int]] = {}
        rss2: dict[int, list[int]] = {}
        for k, jobs in enumerate(order):
            seconds, cpu, rss = run(src, Path(tmp) / f"out{k}", jobs)
            times[jobs].append(seconds)
            cpus[jobs].append(cpu)
            if jobs == 1:
                rss1 = rss1 or rss
            else:
                rss2 = rss2 or rss
        one = sum(times[1]) / len(times[1]) if times[1] else 0.0
        two = sum(times[2]) / len(times[2])
        load_after = os.getloadavg()[0]
    print(
        f"{args.docs} speeches (.docx), {os.cpu_count()} cores, load average {load_before:.1f} → {load_after:.1f}"
    )
    def per_doc(side: int) -> float:
        return sum(cpus[side]) / len(cpus[side]) / args.docs * 1000

    if one:
        print(f"one process    {one:7.1f} s   {one / args.docs * 1000:6.1f} ms/document   CPU {per_doc(1):5.1f} ms/document")
    print(f"two processes  {two:7.1f} s   {two / args.docs * 1000:6.1f} ms/document   CPU {per_doc(2):5.1f} ms/document")
    if one:
        ok = "met" if one / two >= SPEEDUP_TARGET else "NOT met"
        print(f"speed-up {one / two:.2f}  (target ≥ {SPEEDUP_TARGET}: {ok})")
    report_rss("two processes:", rss2)
    report_rss("one process:", rss1)


if __name__ == "__main__":
    main()
