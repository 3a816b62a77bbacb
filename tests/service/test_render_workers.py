"""Renders run in worker processes (issue 13: "render … bounded in time"): a render that outruns its time limit
has its process killed — not left running in a thread — and the service keeps serving with a fresh worker."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI

import docgen.service.rendering as rendering
from docgen.errors import FactsError
from docgen.service.workers import JobTimeout, PoolBusy, WorkerCrashed, WorkerPool
from service.jobs import crash, raise_bug, sleep_then_pid, slow_render, warm_slowly, worker_pid
from service.support import EXAMPLE, Client


def _gone(pid: int, within: float = 10.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    p = WorkerPool(2)
    yield p
    p.close()


def test_a_job_that_outruns_its_limit_has_its_worker_killed_and_replaced(pool: WorkerPool) -> None:
    first = pool.run(worker_pid, (), timeout=30, wait=30)
    t0 = time.monotonic()
    with pytest.raises(JobTimeout):
        pool.run(sleep_then_pid, (120,), timeout=0.5, wait=30)
    assert time.monotonic() - t0 < 10
    assert pool.killed == [first]  # the idle worker took the job, and it is that process that was killed
    assert _gone(first)
    second = pool.run(worker_pid, (), timeout=30, wait=30)
    assert second != first and pool.pids() == [second]


def test_the_pool_never_grows_past_its_size_and_a_full_pool_says_busy(pool: WorkerPool) -> None:
    seen: list[int] = []

    def one() -> None:
        seen.append(pool.run(sleep_then_pid, (0.3,), timeout=30, wait=30))

    threads = [threading.Thread(target=one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 6 and len(set(seen)) <= 2 and len(pool.pids()) <= 2
    blockers = [
        threading.Thread(target=pool.run, args=(sleep_then_pid, (1.5,)), kwargs={"timeout": 30, "wait": 30})
    ]
    blockers.append(
        threading.Thread(target=pool.run, args=(sleep_then_pid, (1.5,)), kwargs={"timeout": 30, "wait": 30})
    )
    for t in blockers:
        t.start()
    time.sleep(0.3)
    with pytest.raises(PoolBusy):
        pool.run(worker_pid, (), timeout=30, wait=0.2)
    for t in blockers:
        t.join()


def test_docgen_errors_come_back_as_themselves_and_bugs_as_crashes(pool: WorkerPool) -> None:
    broken = EXAMPLE.replace("kind: leadership_speech", "kind: speech", 1)
    with pytest.raises(FactsError) as info:
        pool.run(rendering._JOB, (broken, "docx", None, "讲话.yaml", None, {}), timeout=60, wait=60)
    assert info.value.problems and info.value.problems[0].file == "讲话.yaml"
    assert info.value.problems[0].code == "bad-choice"
    with pytest.raises(WorkerCrashed, match="KeyError"):
        pool.run(raise_bug, (), timeout=30, wait=30)
    pid = pool.run(worker_pid, (), timeout=30, wait=30)  # a bug does not cost the worker
    assert pid in pool.pids()


def test_a_worker_that_dies_is_replaced(pool: WorkerPool) -> None:
    first = pool.run(worker_pid, (), timeout=30, wait=30)
    with pytest.raises(WorkerCrashed):
        pool.run(crash, (), timeout=30, wait=30)
    assert _gone(first)
    assert pool.run(worker_pid, (), timeout=30, wait=30) != first


def test_a_timed_out_api_render_kills_its_worker_and_the_service_still_serves(
    app: FastAPI, client: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = app.state.settings
    monkeypatch.setattr(settings, "render_workers", 1)
    w = client("writer_a")
    assert w.post("/api/render", json={"yaml": EXAMPLE, "format": "txt"}).status_code == 200
    pool = rendering._pool(settings)
    (busy,) = pool.pids()
    monkeypatch.setattr(rendering, "_JOB", slow_render)
    monkeypatch.setattr(settings, "render_timeout", 1.0)
    t0 = time.monotonic()
    r = w.post("/api/render", json={"yaml": EXAMPLE, "format": "docx"})
    assert r.status_code == 504 and r.json()["code"] == "render-timeout", r.text
    assert "Traceback" not in r.text and time.monotonic() - t0 < 15
    assert busy in pool.killed and _gone(busy)  # the slow render's process is gone, not running on
    monkeypatch.setattr(rendering, "_JOB", rendering.render_job)
    monkeypatch.setattr(settings, "render_timeout", 60.0)
    r = w.post("/api/render", json={"yaml": EXAMPLE, "format": "docx"})
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert pool.pids() and busy not in pool.pids() and len(pool.pids()) == 1


def test_validation_and_saving_run_in_a_worker_bounded_like_a_render(
    app: FastAPI, client: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validating composes the draft (for its warnings), so ``POST /api/validate`` and saving a revision are
    bounded the same way; a save cut off stores nothing."""
    w = client("writer_a")
    good = w.post("/api/validate", json={"yaml": EXAMPLE})
    assert good.status_code == 200 and good.json()["valid"] is True
    doc = w.post("/api/documents", json={"kind": "leadership_speech", "yaml": EXAMPLE}).json()
    monkeypatch.setattr(rendering, "_VALIDATE", slow_render)
    monkeypatch.setattr(app.state.settings, "render_timeout", 1.0)
    r = w.post("/api/validate", json={"yaml": EXAMPLE})
    assert r.status_code == 504 and r.json()["code"] == "render-timeout"
    r = w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EXAMPLE + "\n"})
    assert r.status_code == 504
    assert len(w.get(f"/api/documents/{doc['id']}/revisions").json()) == 1
    assert len(rendering._pool(app.state.settings).killed) >= 2


def test_a_new_workers_start_up_does_not_count_against_its_first_job() -> None:
    pool = WorkerPool(1, warm=warm_slowly)
    try:
        pid = pool.run(worker_pid, (), timeout=1.0, wait=30)  # the warm-up alone takes 1.5 s
        assert pool.killed == [] and pool.pids() == [pid]
        t0 = time.monotonic()
        assert pool.run(worker_pid, (), timeout=1.0, wait=30) == pid
        assert time.monotonic() - t0 < 1.4  # warmed once, not before every job
    finally:
        pool.close()
