"""Stored documents through the HTTP API: create, save revisions, render (a repeated render is a lookup),
diff two revisions, check an edited draft, soft delete; the audit log records each."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from service.support import EXAMPLE, Client, new_document


def test_writer_saves_two_revisions_diffs_them_and_downloads_both_renders(client: Callable[[str], Client]) -> None:
    w = client("writer_a")
    doc = new_document(w, title="全市宣传信息工作会议讲话", year=2024)
    assert doc["revisions"] == 1 and doc["latest"]["valid"] is True
    edited = EXAMPLE.replace("同志们", "各位委员、同志们", 1)
    assert edited != EXAMPLE
    r = w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": edited, "base": 1})
    assert r.status_code == 201, r.text
    assert r.json()["number"] == 2 and r.json()["created"] is True

    first = w.get(f"/api/documents/{doc['id']}/revisions/1/render?format=docx")
    second = w.get(f"/api/documents/{doc['id']}/revisions/2/render?format=docx")
    assert first.status_code == second.status_code == 200
    assert first.headers["x-docgen-cache"] == "miss"
    assert zipfile.ZipFile(io.BytesIO(first.content)).testzip() is None
    again = w.get(f"/api/documents/{doc['id']}/revisions/1/render?format=docx")
    assert again.headers["x-docgen-cache"] == "hit" and again.content == first.content

    d = w.get(f"/api/documents/{doc['id']}/diff?old=1&new=2")
    assert d.status_code == 200, d.text
    body = d.json()
    assert body["identical"] is False
    assert "各位委员" in body["html"]
    red = w.get(f"/api/documents/{doc['id']}/diff?old=1&new=2&output=redline")
    assert red.status_code == 200
    assert b"w:ins" in zipfile.ZipFile(io.BytesIO(red.content)).read("word/document.xml")

    audit = client("admin_a").get("/api/audit").json()
    actions = [e["action"] for e in audit]
    for action in ("create", "save", "render", "download", "diff"):
        assert action in actions, actions
