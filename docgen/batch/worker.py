"""One job, in a worker process: load, validate, compose and render through :mod:`docgen.api`, write the
output atomically, and report an :class:`~docgen.batch.jobs.Outcome` (never raises)."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.batch.jobs import BatchOptions, Job, Outcome
from docgen.errors import DocgenError, FactsError, os_reason
from docgen.fsutil import atomic_write

if TYPE_CHECKING:
    from docgen.draft import Notice
    from docgen.errors import Problem
    from docgen.load import Loaded

__all__ = ["guarded", "render_job", "warm_up", "worker_init"]


def _located(items: Sequence[Problem | Notice], job: Job) -> list[str]:
    """Problems or warnings as lines, in the one located format render prints (``FILE:LINE:COL: path: message
    [code]``); one about a value that came from a workbook cell names the cell instead."""
    lines = []
    for p in items:
        cell = next(
            (c for path, c in job.cells.items() if p.path == path or p.path.startswith(path + ".")), None
        )
        lines.append(f"{cell}: {p.path}: {p.message} [{p.code}]" if cell else p.format())
    return lines


def _loaded(job: Job) -> Loaded:
    """The job's facts: its file (the fast loader), or a mail-merge row — the merged mapping, with the shared
    file's positions for its own values."""
    from docgen.fastload import load_fast
    from docgen.load import Loaded, load_yaml

    if job.data is None or job.base is None:
        assert job.path is not None
        return load_fast(job.path)
    shared = load_yaml(job.base)
    return Loaded(shared.file, job.data, shared.source)


def render_job(job: Job, options: BatchOptions, target: Path) -> Outcome:
    """Render one job with :func:`docgen.api.render_loaded` (the options of ``docgen render``); write
    ``target`` atomically."""
    from docgen import api

    t0 = time.perf_counter()
    try:
        result = api.render_loaded(_loaded(job), options.render_options())
        if job.errors:  # bad cells were left out; their row is still validated, so every problem shows
            return Outcome(job.label, "", "failed", list(job.errors), seconds=time.perf_counter() - t0)
        data = result.data
        assert data is not None  # not strict: never refused
        atomic_write(target, data, durable=False)
    except FactsError as exc:
        problems = [*job.errors, *_located(exc.problems, job)]
        return Outcome(job.label, "", "failed", problems, seconds=time.perf_counter() - t0)
    except DocgenError as exc:
        return Outcome(job.label, "", "failed", [f"{job.label}: {exc}"], seconds=time.perf_counter() - t0)
    except OSError as exc:
        message = f"{job.label}: 无法写入 {target}（{os_reason(exc)}）"
        return Outcome(job.label, "", "failed", [message], seconds=time.perf_counter() - t0)
    warnings = _located(result.warnings, job)
    digest = hashlib.sha256(data).hexdigest()
    seconds = time.perf_counter() - t0
    return Outcome(job.label, job.name, "rendered", [], warnings, seconds, digest, len(data), os.getpid(), _rss())


def _rss() -> int:
    """Resident memory of this process in bytes (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def guarded(job: Job, options: BatchOptions, target: Path) -> Outcome:
    try:
        return render_job(job, options, target)
    except Exception as exc:  # keep going past anything one input does
        message = f"{job.label}: 内部错误 {type(exc).__name__}: {exc}"
        return Outcome(job.label, "", "failed", [message])


def guarded_many(tasks: Sequence[tuple[Job, Path]], options: BatchOptions) -> list[Outcome]:
    """Several jobs in one call: one round trip to the pool for a few documents (see ``pool``)."""
    return [guarded(job, options, target) for job, target in tasks]


def warm_up() -> None:
    """Imports and every registered domain's fragment library, once per process; then the heap built so far
    (modules, models, libraries) is frozen out of the collector, which then scans only what documents make."""
    with contextlib.suppress(Exception):
        from docgen import registry
        from docgen.api import render_loaded  # noqa: F401
        from docgen.fragments import FragmentLibrary

        for d in registry.domains():
            FragmentLibrary.load(domain=d.name)
    gc.collect()
    gc.freeze()


def worker_init() -> None:
    """Workers ignore Ctrl-C (the parent stops them after their current document), die with the parent, and
    warm up."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    warm_up()
