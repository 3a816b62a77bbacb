"""End to end through a real server: ``docgen serve`` in a subprocess on 127.0.0.1, a user added with
``docgen user add``, then over HTTP: log in, save two revisions of the example, diff them, download both renders."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from service.support import EDITED, EXAMPLE

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_add_user_save_two_revisions_diff_and_download(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "DOCGEN_DATABASE_URL"}
    add = subprocess.run(
        [sys.executable, "-m", "docgen", "user", "add", "writer", "--office", "澄阳市政协", "--role", "writer",
         "--create-office", "--data", str(data)],
        input="long-enough-pw\n", capture_output=True, text=True, env=env, timeout=120,
    )
    assert add.returncode == 0, add.stderr
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "docgen", "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("docgen serve did not answer within 60 s")
        with httpx.Client(base_url=base, timeout=60) as c:
            login = c.post("/api/auth/login", json={"name": "writer", "password": "long-enough-pw"})
            assert login.status_code == 200
            c.headers["X-CSRF-Token"] = login.json()["csrf_token"]
            doc = c.post("/api/documents", json={"kind": "leadership_speech", "yaml": EXAMPLE}).json()
            assert c.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EDITED}).status_code == 201
            diff = c.get(f"/api/documents/{doc['id']}/diff", params={"old": 1, "new": 2})
            assert diff.status_code == 200 and diff.json()["identical"] is False
            for n in (1, 2):
                r = c.get(f"/api/documents/{doc['id']}/revisions/{n}/render")
                assert r.status_code == 200
                assert zipfile.ZipFile(io.BytesIO(r.content)).testzip() is None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        out, _ = server.communicate(timeout=30)
    banner = out.decode("utf-8", "replace")
    assert f"http://127.0.0.1:{port}/" in banner and "docgen user add" in banner
    assert "long-enough-pw" not in banner
