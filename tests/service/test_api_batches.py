"""Batch renders of stored documents through the HTTP API: a zip made off the request thread by docgen.batch,
stored (asking again is a lookup), scoped to the caller's office."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from typing import Any

from docgen import api
from service.support import EXAMPLE, Client, new_document


def wait_done(c: Client, key: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = c.get(f"/api/batches/{key}")
        assert r.status_code == 200, r.text
        if r.json()["status"] != "running":
            return dict(r.json())
        time.sleep(0.05)
    raise AssertionError("batch did not finish")


def test_zip_of_stored_documents_made_off_the_request_thread(client: Callable[[str], Client]) -> None:
    w = client("writer_a")
    one = new_document(w, title="市政协讲话", year=2024)
    two = new_document(w, yaml=EXAMPLE.replace("value: 186", "value: 190", 1), title="第二份", year=2024)
    bad = new_document(
        w, yaml=EXAMPLE.replace("kind: leadership_speech", "kind: speech", 1), title="坏的", year=2024
    )
    reviewer = client("reviewer_a")
    r = reviewer.post("/api/batches", json={"documents": [one["id"], two["id"], bad["id"]], "format": "txt"})
    assert r.status_code == 202, r.text
    key = r.json()["id"]
    assert wait_done(reviewer, key)["status"] == "done"
    z = reviewer.get(f"/api/batches/{key}/zip")
    assert z.status_code == 200 and z.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(z.content)) as zf:
        names = zf.namelist()
        assert names == sorted(names) and len(names) == 3
        first = next(n for n in names if n.startswith(f"{one['id']}-"))
        assert zf.read(first) == api.render_draft(api.compose_text(EXAMPLE), "txt")
        report = zf.read("报告.txt").decode("utf-8")
    assert "[bad-choice]" in report and "未生成" in report
    again = reviewer.post(
        "/api/batches", json={"documents": [one["id"], two["id"], bad["id"]], "format": "txt"}
    )
    assert again.status_code == 200 and again.json()["status"] == "done"  # stored: a lookup
    actions = [e["action"] for e in client("admin_a").get("/api/audit").json()]
    assert "batch" in actions


def test_batches_are_scoped_to_the_office(client: Callable[[str], Client]) -> None:
    a = client("writer_a")
    doc = new_document(a, year=2024)
    r = a.post("/api/batches", json={"documents": [doc["id"]]})
    key = r.json()["id"]
    wait_done(a, key)
    b = client("writer_b")
    assert b.post("/api/batches", json={"documents": [doc["id"]]}).status_code == 404
    assert b.get(f"/api/batches/{key}").status_code == 404
    assert b.get(f"/api/batches/{key}/zip").status_code in (404, 409)
    assert client(None).post("/api/batches", json={"documents": [doc["id"]]}).status_code == 401
    assert a.post("/api/batches", json={"documents": []}).status_code == 422
