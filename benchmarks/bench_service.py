"""Benchmark: the real service (``docgen serve --workers 2`` on 127.0.0.1, SQLite in a temporary data folder)
under 8 concurrent clients sending 1,000 mixed requests: validate, render .docx, save a revision, diff two
.docx.  Prints requests/s, p50 and p95 (overall and per kind), errors, and the ratio of the service's render
p50 to the in-process render (``compose_text`` + ``render_draft``) of the same file measured in the same run.
Target: 0 errors.

Usage: python benchmarks/bench_service.py [--requests 1000] [--clients 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
MIX = ["validate", "validate", "validate", "render", "render", "render", "save", "save", "diff", "diff"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def seed(data: Path) -> str:
    """An office, a writer and an API token, straight into the database."""
    from sqlalchemy.orm import Session

    from docgen.service.accounts import add_user
    from docgen.service.auth import new_api_token
    from docgen.service.db import make_engine, upgrade
    from docgen.service.settings import Settings

    engine = make_engine(Settings(data_dir=data).url())
    upgrade(engine)
    with Session(engine) as s:
        user = add_user(s, "bench", "澄阳市政协（虚构）", "writer", "bench-password", create_office=True)
        _, token = new_api_token(s, user, "bench")
        s.commit()
    engine.dispose()
    return token


def in_process_render_p50(text: str, runs: int = 30) -> float:
    from docgen.api import compose_text, render_draft

    render_draft(compose_text(text), "docx")  # warm caches like a running worker
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        render_draft(compose_text(text), "docx")
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    from docgen.api import compose_text, render_draft

    text = CITY.read_text(encoding="utf-8")
    edited = text.replace("同志们", "各位委员、同志们", 1)
    old_docx = render_draft(compose_text(text), "docx")
    new_docx = render_draft(compose_text(edited), "docx")
    baseline = in_process_render_p50(text)

    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        data = Path(tmp) / "data"
        token = seed(data)
        port = free_port()
        env = dict(os.environ, DOCGEN_DATA_DIR=str(data))
        env.pop("DOCGEN_DATABASE_URL", None)
        server = subprocess.Popen(
            [sys.executable, "-m", "docgen", "serve", "--port", str(port), "--workers", str(args.workers),
             "--data", str(data)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    err = server.stderr.read().decode() if server.stderr and server.poll() is not None else ""
                    sys.exit(f"server did not start: {err[-2000:]}")
                time.sleep(0.2)
            headers = {"Authorization": f"Bearer {token}"}
            doc = httpx.post(base + "/api/documents", json={"kind": "leadership_speech", "yaml": text},
                             headers=headers, timeout=60).json()
            results: list[tuple[str, float, bool]] = []
            lock = threading.Lock()
            counter = iter(range(args.requests))

            def client() -> None:
                with httpx.Client(base_url=base, headers=headers, timeout=120) as c:
                    while True:
                        with lock:
                            i = next(counter, None)
                        if i is None:
                            return
                        kind = MIX[i % len(MIX)]
                        t0 = time.perf_counter()
                        try:
                            if kind == "validate":
                                r = c.post("/api/validate", json={"yaml": text})
                                ok = r.status_code == 200 and r.json()["valid"]
                            elif kind == "render":
                                r = c.post("/api/render", json={"yaml": text, "format": "docx"})
                                ok = r.status_code == 200 and r.content[:2] == b"PK"
                            elif kind == "save":
                                body = {"yaml": f"{text}# 保存 {i}\n"}
                                r = c.post(f"/api/documents/{doc['id']}/revisions", json=body)
                                ok = r.status_code == 201
                            else:
                                files = {"old": ("old.docx", old_docx), "new": ("new.docx", new_docx)}
                                r = c.post("/api/diff", files=files)
                                ok = r.status_code == 200 and not r.json()["identical"]
                        except httpx.HTTPError:
                            ok = False
                        with lock:
                            results.append((kind, time.perf_counter() - t0, ok))

            with httpx.Client(base_url=base, headers=headers, timeout=120) as warm:  # load each worker's caches
                for _ in range(4 * args.workers):
                    warm.post("/api/render", json={"yaml": text, "format": "docx"})
                    warm.post("/api/validate", json={"yaml": text})
            t0 = time.perf_counter()
            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)

    times = [r[1] for r in results]
    errors = sum(not r[2] for r in results)
    print(f"service: {len(results)} requests, {args.clients} clients, {args.workers} workers, SQLite")
    print(f"  {len(results) / wall:.1f} requests/s; p50 {pct(times, 50) * 1000:.0f} ms; "
          f"p95 {pct(times, 95) * 1000:.0f} ms; errors {errors}")
    for kind in ("validate", "render", "save", "diff"):
        ts = [r[1] for r in results if r[0] == kind]
        print(f"  {kind:<8} n={len(ts):<4} p50 {pct(ts, 50) * 1000:6.0f} ms   p95 {pct(ts, 95) * 1000:6.0f} ms")
    render_p50 = pct([r[1] for r in results if r[0] == "render"], 50)
    print(f"in-process render p50 {baseline * 1000:.0f} ms; service render p50 / in-process = "
          f"{render_p50 / baseline:.2f}")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
