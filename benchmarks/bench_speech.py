"""Benchmark: render the city leadership speech, against plain docxtpl in the same run.

Warm: p50 over N in-process runs after warm-ups, for (a) docgen.render_docx of the composed draft, (b) the whole
pipeline from YAML (load, validate, compose, render), (c) plain docxtpl rendering the same paragraphs into the same
template (DocxTemplate(...).render(ctx); save to memory).  Cold: p50 over R fresh processes of ``python -m docgen
render`` against a minimal docxtpl script rendering the same paragraphs.  Ratios are ours / baseline.

Usage: python benchmarks/bench_speech.py [--runs 30] [--cold-runs 5]
"""

from __future__ import annotations

import argparse
import io
import json
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

MINIMAL = """
import json, sys
from docxtpl import DocxTemplate, RichText
blocks = json.load(open(sys.argv[1], encoding="utf-8"))
for b in blocks:
    if b["kind"] == "paragraph":
        rt = RichText(); rt.add(b["text"]); b["rich"] = rt
tpl = DocxTemplate(sys.argv[2]); tpl.render({"blocks": blocks, "meta": {}}); tpl.save(sys.argv[3])
"""


def p50(fn: Callable[[], object], runs: int, warm: int = 3) -> float:
    for _ in range(warm):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--cold-runs", type=int, default=5)
    args = ap.parse_args()

    from docxtpl import DocxTemplate

    from docgen.api import compose_file, render_draft
    from docgen.render.context import build_context

    draft = compose_file(CITY)
    chars = sum(len(x) for x in draft.lines())

    def plain() -> None:
        tpl = DocxTemplate(str(TEMPLATE))
        tpl.render(build_context(draft)[0])
        tpl.save(io.BytesIO())

    baseline = p50(plain, args.runs)
    ours_render = p50(lambda: render_draft(draft, "docx"), args.runs)
    ours_pipeline = p50(lambda: render_draft(compose_file(CITY), "docx"), args.runs)
    print(f"city speech: {chars} characters, {len(draft.blocks)} blocks")
    print(f"warm p50  plain docxtpl           {baseline:8.1f} ms")
    print(f"warm p50  docgen render_docx      {ours_render:8.1f} ms   ratio {ours_render / baseline:.2f}")
    print(f"warm p50  docgen YAML→docx        {ours_pipeline:8.1f} ms   ratio {ours_pipeline / baseline:.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        blocks = [
            {"kind": b["kind"], "text": str(b.get("text", ""))}
            for b in build_context(draft)[0]["blocks"]
            if b["kind"] not in ("table", "signature")
        ]
        (t / "blocks.json").write_text(json.dumps(blocks, ensure_ascii=False), encoding="utf-8")
        (t / "minimal.py").write_text(MINIMAL, encoding="utf-8")

        def run(cmd: list[str]) -> float:
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            return (time.perf_counter() - t0) * 1000

        base_cmd = [
            sys.executable,
            str(t / "minimal.py"),
            str(t / "blocks.json"),
            str(TEMPLATE),
            str(t / "a.docx"),
        ]
        ours_cmd = [sys.executable, "-m", "docgen", "render", str(CITY), "-o", str(t / "b.docx")]
        run(base_cmd)
        run(ours_cmd)
        cold_base = statistics.median(run(base_cmd) for _ in range(args.cold_runs))
        cold_ours = statistics.median(run(ours_cmd) for _ in range(args.cold_runs))
    print(f"cold p50  minimal docxtpl script  {cold_base:8.1f} ms")
    print(f"cold p50  docgen render (CLI)     {cold_ours:8.1f} ms   ratio {cold_ours / cold_base:.2f}")


if __name__ == "__main__":
    main()
