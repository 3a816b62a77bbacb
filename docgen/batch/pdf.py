"""PDF in a batch: the pool renders .docx files into a staging folder, then LibreOffice converts them many per
start (one LibreOffice per core); each PDF is renamed into OUTDIR as it is confirmed."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from docgen.batch.jobs import BatchOptions, Job, Outcome
from docgen.errors import DocgenError

__all__ = ["chunks", "run_pdf"]

Runner = Callable[
    [Sequence[Job], Sequence[int], BatchOptions, Callable[[Job], Path], Callable[[int, Outcome], None]], bool
]


def run_pdf(
    jobs: Sequence[Job],
    todo: Sequence[int],
    options: BatchOptions,
    staging: Path,
    done: Callable[[int, Outcome], None],
    run_pool: Runner,
) -> bool:
    """.docx files into ``staging`` (``run_pool``), then PDFs in chunks; True when interrupted."""
    from docgen.render.pdf import require_soffice

    require_soffice()
    docx_done: dict[int, Outcome] = {}

    def staged(job: Job) -> Path:
        return staging / (Path(job.name).stem + ".docx")

    interrupted = run_pool(jobs, todo, options, staged, lambda i, o: docx_done.__setitem__(i, o))
    ready = []
    for i in todo:
        outcome = docx_done.get(i)
        if outcome is None:
            continue
        if outcome.status == "failed":
            done(i, outcome)
        else:
            ready.append(i)
    if interrupted:
        return True
    parts = chunks(ready, options.pdf_chunk, options.workers)
    with ThreadPoolExecutor(max(1, min(options.workers, len(parts)))) as threads:
        futures = {
            threads.submit(_convert_chunk, [staged(jobs[i]) for i in chunk], staging): chunk for chunk in parts
        }
        for fut in futures:
            chunk = futures[fut]
            error = ""
            try:
                fut.result()
            except DocgenError as exc:
                error = str(exc)
            for i in chunk:
                job, outcome = jobs[i], docx_done[i]
                pdf = staging / "pdf" / job.name
                if pdf.is_file():
                    os.replace(pdf, options.outdir / job.name)
                    done(i, replace(outcome, output=job.name, sha256="", size=0))
                else:
                    message = f"{job.label}: LibreOffice 未能转换为 PDF" + (f"（{error}）" if error else "")
                    done(i, Outcome(job.label, "", "failed", [message], outcome.warnings, outcome.seconds))
    return False


def chunks(items: Sequence[int], size: int, workers: int) -> list[list[int]]:
    """Split into at most ``size`` per chunk, and into at least ``workers`` chunks when there are enough
    documents (one LibreOffice per core)."""
    if not items:
        return []
    n = max(-(-len(items) // max(size, 1)), min(workers, len(items) // 10 or 1))
    per = -(-len(items) // n)
    return [list(items[k : k + per]) for k in range(0, len(items), per)]


def _convert_chunk(sources: list[Path], staging: Path) -> None:
    from docgen.render.pdf import convert

    with contextlib.suppress(DocgenError):
        convert(sources, staging / "pdf", "pdf")
        return
    # LibreOffice wrote some or none: the missing ones are reported by the caller; retry the chunk's missing
    # documents once, one LibreOffice start for all of them.
    missing = [s for s in sources if not (staging / "pdf" / (s.stem + ".pdf")).is_file()]
    if missing:
        convert(missing, staging / "pdf", "pdf")
