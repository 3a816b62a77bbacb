"""Benchmark: PDF for N documents through ``docgen batch`` (many documents per LibreOffice start) against one
LibreOffice start per document (what ``docgen render --format pdf`` does for each file), in the same run.

Both sides render the same N facts files (copies of the city example, each with its own document id).
One-at-a-time: ``api.render_pdf`` per document.  Batch: ``docgen.batch.run`` with ``--format pdf`` and the
default number of processes (the cores), from an empty output folder.  Target: batch ≤ 0.3 s a document.

Usage: python benchmarks/bench_batch_pdf.py [--docs 20] [--jobs 0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=0)
    args = ap.parse_args()

    from docgen import api
    from docgen import batch as lib
    from docgen.render.pdf import find_soffice

    if find_soffice() is None:
        sys.exit("LibreOffice (soffice) is not installed")
    text = CITY.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i in range(args.docs):
            doc = text.replace("id: ", f"id: bench-{i:03d}-", 1)
            (src / f"unit{i:03d}.yaml").write_text(doc, encoding="utf-8")
        files = sorted(src.glob("*.yaml"))

        t0 = time.perf_counter()
        for f in files:
            api.render_pdf(api.compose_file(f))
        single = (time.perf_counter() - t0) / len(files)

        options = lib.BatchOptions(Path(tmp) / "out", "pdf", jobs=args.jobs)
        t0 = time.perf_counter()
        result = lib.run(lib.plan([src], options), options)
        many = (time.perf_counter() - t0) / len(files)
        assert result.count("rendered") == len(files), [o.problems for o in result.outcomes]

    print(f"{len(files)} documents, {options.workers} processes")
    print(f"one LibreOffice start per document   {single:6.2f} s/document")
    print(f"docgen batch --format pdf            {many:6.2f} s/document   ratio {many / single:.2f}")
    print(f"target: batch <= 0.30 s/document     {'met' if many <= 0.30 else 'NOT met'}")


if __name__ == "__main__":
    main()
