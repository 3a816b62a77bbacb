"""Running a batch: skip what is up to date, render the rest in-process or in a process pool, record each
output in the manifest as it arrives, and stop cleanly on Ctrl-C.

The pool is warmed before it starts (imports, fragment libraries; the heap then frozen out of the collector),
so forked workers begin warm and share those pages with the parent; documents go out a few per task (one
round trip for several) with a bounded number in flight, so a Ctrl-C waits only for the documents in progress.
The warm-up runs once per process: in a long-lived process (the service's batch thread) what is alive at that
moment stays out of the collector's reach for good, which is what a warmed library and its modules should."""

from __future__ import annotations

import contextlib
import gc
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from docgen.batch.jobs import BatchOptions, BatchResult, Job, Outcome
from docgen.batch.manifest import MANIFEST, STAGING, Manifest, clean_leftovers
from docgen.batch.worker import guarded, guarded_many, warm_up, worker_init
from docgen.errors import UsageError
from docgen.fsutil import guard_outputs

__all__ = ["check_outputs", "run"]

SAVE_EVERY = 2.0  # seconds between manifest saves during a run
MAX_GROUP = 8  # documents per task sent to a worker
_WARM: list[bool] = []


def check_outputs(
    jobs: Sequence[Job],
    options: BatchOptions,
    *,
    inputs: Iterable[Path | None] = (),
    outputs: Iterable[Path | None] = (),
) -> None:
    """Refuse (:class:`~docgen.fsutil.OutputRefused`, exit 2) before anything is written when an output of the
    batch — each document, the manifest, and ``outputs`` (the zip) — is one of its inputs (facts files, shared
    mail-merge files, the template, and ``inputs``: the workbook), another output, a directory or a special
    file."""
    if options.outdir.exists() and not options.outdir.is_dir():
        raise UsageError(f"输出位置“{options.outdir}”不是目录")
    given = [p for job in jobs for p in (job.path, job.base)] + [options.template, *inputs]
    written = [options.outdir / job.name for job in jobs] + [options.outdir / MANIFEST]
    written += [p for p in outputs if p is not None]
    guard_outputs(written, given)


def run(
    jobs: Sequence[Job], options: BatchOptions, on_done: Callable[[Outcome], None] | None = None
) -> BatchResult:
    """Render every job; skip those up to date; never stop at a bad one.  Ctrl-C stops after the documents in
    progress (:attr:`BatchResult.interrupted`); what was finished is kept and recorded."""
    gc.enable()  # the CLI turns it off for short runs; a batch of a thousand documents needs it
    t0 = time.perf_counter()
    outdir = options.outdir
    check_outputs(jobs, options)
    outdir.mkdir(parents=True, exist_ok=True)
    clean_leftovers(outdir)
    manifest = Manifest(outdir)
    outcomes: dict[int, Outcome] = {}
    saved = [time.monotonic()]

    def done(i: int, outcome: Outcome) -> None:
        outcomes[i] = outcome
        if outcome.status == "rendered":
            manifest.record(jobs[i], outdir, outcome)
        elif outcome.status == "failed":
            manifest.forget(jobs[i].name)
        if time.monotonic() - saved[0] > SAVE_EVERY:  # a killed batch loses at most this much bookkeeping
            manifest.save()
            saved[0] = time.monotonic()
        if on_done is not None:
            on_done(outcome)

    todo: list[int] = []
    for i, job in enumerate(jobs):
        if not options.force and manifest.up_to_date(job, outdir):
            done(i, Outcome(job.label, job.name, "skipped"))
        else:
            todo.append(i)
    staging = outdir / STAGING
    interrupted = False
    try:
        if todo and not _WARM:  # once per process: the workers forked from here start warm
            warm_up()
            _WARM.append(True)
        if options.fmt == "pdf":
            from docgen.batch.pdf import run_pdf

            staging.mkdir(exist_ok=True)
            interrupted = run_pdf(jobs, todo, options, staging, done, _run_pool)
        else:
            interrupted = _run_pool(jobs, todo, options, lambda job: outdir / job.name, done)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        manifest.save()
        shutil.rmtree(staging, ignore_errors=True)
    ordered = [outcomes[i] for i in sorted(outcomes)]
    return BatchResult(ordered, time.perf_counter() - t0, interrupted)


def group_size(count: int, workers: int) -> int:
    """Documents per task: enough to make the round trip to a worker negligible, few enough that every worker
    gets eight tasks or more (the last ones finish together) and a Ctrl-C waits little."""
    return max(1, min(MAX_GROUP, count // (workers * 8)))


def _run_pool(
    jobs: Sequence[Job],
    todo: Sequence[int],
    options: BatchOptions,
    target: Callable[[Job], Path],
    done: Callable[[int, Outcome], None],
) -> bool:
    """Render ``todo`` in-process (one worker) or in a process pool; True when interrupted by Ctrl-C."""
    workers = min(options.workers, len(todo))
    if workers <= 1:
        try:
            for i in todo:
                done(i, guarded(jobs[i], options, target(jobs[i])))
        except KeyboardInterrupt:
            return True
        return False
    size = group_size(len(todo), workers)
    groups = [list(todo[k : k + size]) for k in range(0, len(todo), size)]
    pending: dict[Future[list[Outcome]], list[int]] = {}
    queue = iter(groups)
    window = workers * 3  # tasks in flight: each worker has its next one ready
    with ProcessPoolExecutor(workers, initializer=worker_init) as pool:

        def fill() -> None:
            for group in queue:
                tasks = [(jobs[i], target(jobs[i])) for i in group]
                pending[pool.submit(guarded_many, tasks, options)] = group
                if len(pending) >= window:
                    break

        def finish(fut: Future[list[Outcome]]) -> None:
            for i, outcome in zip(pending.pop(fut), fut.result(), strict=True):
                done(i, outcome)

        try:
            fill()
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    finish(fut)
                fill()
        except KeyboardInterrupt:
            for fut in pending:
                fut.cancel()
            for fut in list(pending):
                with contextlib.suppress(Exception):
                    if not fut.cancelled():
                        finish(fut)
            return True
    return False
