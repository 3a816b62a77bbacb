"""Benchmark (issue 15): the warm pipeline and the cold ``docgen render`` against plain docxtpl, in one run.

Warm: YAML → validated → composed (with the text-seam checker) → .docx, in-process, against plain docxtpl
rendering the same paragraphs into the same template (``DocxTemplate(...).render(ctx)``, saved to memory).
The two are measured alternately, run after run, so a busy machine slows both alike; also shown per stage.
Cold: fresh processes of ``python -m docgen render CITY -o OUT`` against a minimal docxtpl script rendering the
same paragraphs into the same template, alternately.  The cold output must be byte-identical to the library's.

Times are CPU time (user + system) of the measuring process, or of the child process for cold runs
(``getrusage``), medians: on a shared machine wall-clock time mostly measures the neighbours.  ``--wall``
prints wall-clock medians too.

``--varied N`` also times the warm pipeline over N copies of the city speech with their document ids and counts
varied (as ``bench_batch.py`` makes them: every copy picks other variants and says other numbers), against the
same file N times, so caches of repeated text cannot flatter the figure.

Usage: python benchmarks/bench_speed.py [--runs 40] [--cold-runs 9] [--wall] [--varied 200]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
TEMPLATE = ROOT / "templates" / "leadership_speech.docx"
WARM_TARGET, COLD_TARGET = 0.6, 1.8

MINIMAL = """
import json, sys
from docxtpl import DocxTemplate, RichText
blocks = json.load(open(sys.argv[1], encoding="utf-8"))
for b in blocks:
    if b["kind"] == "paragraph":
        rt = RichText(); rt.add(b["text"]); b["rich"] = rt
tpl = DocxTemplate(sys.argv[2]); tpl.render({"blocks": blocks, "meta": {}}); tpl.save(sys.argv[3])
"""


def _cpu() -> float:
    return time.process_time()


def alternate(fns: list[Callable[[], object]], runs: int, clock: Callable[[], float]) -> list[float]:
    """Median time (ms) of each function, measured one after the other in every round."""
    for fn in fns:
        fn()
        fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, out in zip(fns, samples, strict=True):
            t0 = clock()
            fn()
            out.append(clock() - t0)
    return [statistics.median(s) * 1000 for s in samples]


#: Children run as an installed program does: with compiled bytecode (pip compiles it on install).  A shell
#: with PYTHONDONTWRITEBYTECODE set would otherwise make every cold run compile docgen's sources (about 100 ms)
#: while docxtpl's, in site-packages, come precompiled.  The bytecode goes to a temporary folder, not the tree.
CHILD_ENV: dict[str, str] = {}


def child_cpu(cmd: list[str]) -> tuple[float, float]:
    """(CPU ms, wall ms) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=CHILD_ENV or None)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu * 1000, wall * 1000


def varied(n: int, runs: int) -> None:
    """Warm pipeline over ``n`` differently numbered copies against the same file ``n`` times (CPU ms/doc)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_batch import make_inputs

    from docgen.api import compose_file, render_draft

    with tempfile.TemporaryDirectory() as tmp:
        make_inputs(Path(tmp), n)
        copies = sorted(Path(tmp).glob("*.yaml"))
        best = {"same file": float("inf"), "varied copies": float("inf")}
        for _ in range(max(1, runs // 10)):
            for name, seq in (("same file", [CITY] * n), ("varied copies", copies)):
                t0 = _cpu()
                for p in seq:
                    render_draft(compose_file(p), "docx")
                best[name] = min(best[name], (_cpu() - t0) / n * 1000)
    print(f"warm CPU over {n} documents (best of {max(1, runs // 10)}): "
          + "   ".join(f"{k} {v:.2f} ms/document" for k, v in best.items()))  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--cold-runs", type=int, default=9)
    ap.add_argument("--wall", action="store_true")
    ap.add_argument("--varied", type=int, default=0, metavar="N")
    args = ap.parse_args()

    from docxtpl import DocxTemplate

    from docgen.api import compose_file, quality_notices, render_draft
    from docgen.compose import compose
    from docgen.fastload import load_fast
    from docgen.load import load_yaml
    from docgen.model.validate import validate_loaded
    from docgen.render.context import build_context

    draft = compose_file(CITY)
    context = build_context(draft)[0]

    def plain() -> None:
        tpl = DocxTemplate(str(TEMPLATE))
        tpl.render(context)
        tpl.save(io.BytesIO())

    def pipeline() -> None:
        render_draft(compose_file(CITY), "docx")

    clocks = [("CPU", _cpu)] + ([("wall", time.perf_counter)] if args.wall else [])
    print(f"city speech: {sum(len(x) for x in draft.lines())} characters, {len(draft.blocks)} blocks")
    for name, clock in clocks:
        base, ours = alternate([plain, pipeline], args.runs, clock)
        ok = "met" if ours / base <= WARM_TARGET else "NOT met"
        print(f"warm {name:4} plain docxtpl {base:7.2f} ms   docgen YAML→docx {ours:7.2f} ms   "
              f"ratio {ours / base:.2f}  (target ≤ {WARM_TARGET}: {ok})")  # fmt: skip

    if args.varied:
        varied(args.varied, args.runs)

    loaded = load_fast(CITY)
    facts = validate_loaded(loaded)
    composed = compose(facts)
    stages = {
        "load (positioned loader, before)": lambda: load_yaml(CITY),
        "load (libyaml fast path)": lambda: load_fast(CITY),
        "validate": lambda: validate_loaded(loaded),
        "compose": lambda: compose(facts),
        "text-seam checker": lambda: quality_notices(composed, facts),
        "render .docx": lambda: render_draft(composed, "docx"),
    }
    times = alternate(list(stages.values()), args.runs, _cpu)
    for (name, _), ms in zip(stages.items(), times, strict=True):
        print(f"  stage {name:34} {ms:6.2f} ms CPU")

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        CHILD_ENV.update(os.environ)
        CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(t / "pycache")
        blocks = [
            {"kind": b["kind"], "text": str(b.get("text", ""))}
            for b in context["blocks"]
            if b["kind"] not in ("table", "signature")
        ]
        (t / "blocks.json").write_text(json.dumps(blocks, ensure_ascii=False), encoding="utf-8")
        (t / "minimal.py").write_text(MINIMAL, encoding="utf-8")
        base_cmd = [
            sys.executable,
            str(t / "minimal.py"),
            str(t / "blocks.json"),
            str(TEMPLATE),
            str(t / "a.docx"),
        ]
        ours_cmd = [sys.executable, "-m", "docgen", "render", str(CITY), "-o", str(t / "b.docx")]
        child_cpu(base_cmd)
        child_cpu(ours_cmd)
        base_runs, ours_runs = [], []
        for _ in range(args.cold_runs):
            base_runs.append(child_cpu(base_cmd))
            ours_runs.append(child_cpu(ours_cmd))
        identical = (t / "b.docx").read_bytes() == render_draft(compose_file(CITY), "docx")
    for i, name in enumerate(("CPU", "wall")):
        if name == "wall" and not args.wall:
            continue
        base = statistics.median(r[i] for r in base_runs)
        ours = statistics.median(r[i] for r in ours_runs)
        ok = "met" if ours / base <= COLD_TARGET else "NOT met"
        print(f"cold {name:4} minimal docxtpl script {base:7.1f} ms   docgen render {ours:7.1f} ms   "
              f"ratio {ours / base:.2f}  (target ≤ {COLD_TARGET}: {ok})")  # fmt: skip
    print(f"cold output byte-identical to the library's render: {identical}")
    if os.environ.get("DOCGEN_NO_CACHE"):
        print("(DOCGEN_NO_CACHE is set: the fragment and template caches are off)")


if __name__ == "__main__":
    main()
