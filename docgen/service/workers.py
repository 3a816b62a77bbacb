"""A small supervisor of render processes: a job that outruns its time limit is really stopped.

A thread cannot be stopped in Python, so a render cut off by a timeout in a thread pool keeps using a core and
memory until it finishes on its own.  :class:`WorkerPool` runs each job in one of at most ``size`` worker
processes (started on demand from a ``forkserver`` on Linux, so each start is a fork of a process that has
already imported docgen).  A job that is not done within its time limit gets its worker killed (``SIGKILL``);
the next job starts a fresh worker in its place, so the pool stays at its size and the service keeps serving.
A worker that dies on its own (out of memory, a crash) is replaced the same way.

Only plain data crosses the process boundary: the job function (a module-level function, pickled by name), its
arguments and its result.  A docgen exception raised in a worker is sent back as data and raised again in the
caller with the same type and content (:class:`~docgen.errors.FactsError` with all its problems, and so on);
anything else becomes :class:`WorkerCrashed`.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from docgen.errors import DocgenError, FactsError, Problem, RenderError, UsageError

__all__ = ["JobTimeout", "PoolBusy", "WorkerCrashed", "WorkerPool"]

_PRELOAD = ["docgen.api", "docgen.service.renderjob"]


class JobTimeout(Exception):
    """The job did not finish in time; its worker was killed."""


class PoolBusy(Exception):
    """Every worker stayed busy for the whole wait."""


class WorkerCrashed(Exception):
    """The worker died or failed in a way that is not a docgen error (a bug, or the OS killed it)."""


def _context() -> Any:
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - macOS and Windows


# -- the worker side ------------------------------------------------------------------------------------------


def _die_with_parent() -> None:
    """Ctrl-C is the supervisor's business; on Linux the worker is killed if its parent goes."""
    with contextlib.suppress(Exception):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _as_data(exc: BaseException) -> tuple[str, Any]:
    if isinstance(exc, FactsError):
        return "facts", [(p.file, p.line, p.col, p.path, p.code, p.message) for p in exc.problems]
    from docgen.review.extract import ReviewError

    for tag, cls in (("review", ReviewError), ("usage", UsageError), ("render", RenderError)):
        if isinstance(exc, cls):
            return tag, str(exc)
    if isinstance(exc, DocgenError):
        return "render", str(exc)
    return "crash", f"{type(exc).__name__}: {exc}"


def _serve(conn: multiprocessing.connection.Connection) -> None:
    """A worker's loop: receive (function, args), send back ("ok", result) or an error as data."""
    _die_with_parent()
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except Exception as exc:
            reply = _as_data(exc)
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


def _raise(tag: str, payload: Any) -> None:
    if tag == "facts":
        raise FactsError([Problem(*p) for p in payload])
    if tag == "review":
        from docgen.review.extract import ReviewError

        raise ReviewError(payload)
    if tag == "usage":
        raise UsageError(payload)
    if tag == "render":
        raise RenderError(payload)
    raise WorkerCrashed(str(payload))


# -- the supervisor side --------------------------------------------------------------------------------------


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.fresh = True  # not yet warmed up
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True, name="docgen-render")
        self.process.start()
        child.close()

    @property
    def pid(self) -> int:
        return int(self.process.pid or 0)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """At most ``size`` worker processes; :meth:`run` gives a job to an idle one (starting it if needed),
    waits at most ``wait`` seconds for one to be free, and at most ``timeout`` seconds for the result."""

    def __init__(self, size: int, *, warm: Callable[[], Any] | None = None, warm_timeout: float = 120.0) -> None:
        self.size = max(1, size)
        self._warm, self._warm_timeout = warm, warm_timeout
        self._ctx = _context()
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._alive: set[_Worker] = set()
        self.killed: list[int] = []  # pids of workers killed for a timeout (for tests and logs)
        self._closed = False
        atexit.register(self.close)

    def pids(self) -> list[int]:
        """The process ids of the workers now running."""
        with self._lock:
            return sorted(w.pid for w in self._alive)

    def _acquire(self, wait: float) -> _Worker:
        with contextlib.suppress(queue.Empty):
            return self._idle.get_nowait()
        with self._lock:
            if self._closed:
                raise PoolBusy("closed")
            if len(self._alive) < self.size:
                worker = _Worker(self._ctx)
                self._alive.add(worker)
                return worker
        try:
            return self._idle.get(timeout=max(wait, 0.001))
        except queue.Empty:
            raise PoolBusy(f"no worker free within {wait:g} s") from None

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._alive.discard(worker)

    def run(self, fn: Callable[..., Any], args: tuple[Any, ...], *, timeout: float, wait: float) -> Any:
        """``fn(*args)`` in a worker process.  :class:`JobTimeout` (worker killed) after ``timeout`` seconds;
        :class:`PoolBusy` when no worker is free within ``wait``; docgen errors raised again as themselves."""
        worker = self._acquire(wait)
        while not worker.process.is_alive():  # died while idle: replace it
            self._discard(worker)
            worker = self._acquire(wait)
        if worker.fresh:
            worker.fresh = False
            if self._warm is not None:  # imports and data loaded before the clock of the first job starts
                self._call(worker, self._warm, (), self._warm_timeout)  # its own failure is ignored
        tag, payload = self._call(worker, fn, args, timeout)
        self._idle.put(worker)
        if tag == "ok":
            return payload
        _raise(tag, payload)

    def _call(
        self, worker: _Worker, fn: Callable[..., Any], args: tuple[Any, ...], timeout: float
    ) -> tuple[str, Any]:
        """Send one job to ``worker`` (not released here); kill it after ``timeout``."""
        try:
            worker.conn.send((fn, args))
            if not worker.conn.poll(timeout):
                self._discard(worker)
                self.killed.append(worker.pid)
                raise JobTimeout(f"job did not finish within {timeout:g} s")
            tag, payload = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._discard(worker)
            raise WorkerCrashed(f"render worker {worker.pid} died: {type(exc).__name__}") from None
        except BaseException:
            if worker in self._alive and worker.process.is_alive() and not worker.conn.closed:
                self._discard(worker)  # interrupted mid-job (KeyboardInterrupt…): the worker's state is unknown
            raise
        return str(tag), payload

    def close(self) -> None:
        """Stop every worker (at exit)."""
        with self._lock:
            self._closed = True
            workers = list(self._alive)
            self._alive.clear()
        for w in workers:
            w.kill()


_POOLS: dict[int, WorkerPool] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(size: int, warm: Callable[[], Any] | None = None) -> WorkerPool:
    """The process-wide pool of this size (each uvicorn worker process has its own); ``warm`` runs once in
    each new worker before its first job."""
    pid = os.getpid()
    with _POOLS_LOCK:
        pool = _POOLS.get(pid)
        if pool is None or pool.size != max(1, size):
            if pool is not None:
                pool.close()
            pool = _POOLS[pid] = WorkerPool(size, warm=warm)
        return pool
