"""Office isolation: from office B, every endpoint that takes an id of office A answers exactly as for an id
that does not exist (404, never 403), and no list shows A's data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI

from service.support import EDITED, EXAMPLE, ROOT, Client, docx_of, new_document

TEMPLATE = ROOT / "templates" / "leadership_speech.docx"
MISSING = 987654


NO_BATCH = "0" * 64


def _calls(
    doc: int, tpl: int, user: int, token: int, batch: str = NO_BATCH
) -> list[tuple[str, str, dict[str, Any]]]:
    draft = {"files": {"draft": ("a.docx", docx_of())}}
    return [
        ("get", f"/api/documents/{doc}", {}),
        ("delete", f"/api/documents/{doc}", {}),
        ("get", f"/api/documents/{doc}/latest", {}),
        ("get", f"/api/documents/{doc}/revisions", {}),
        ("post", f"/api/documents/{doc}/revisions", {"json": {"yaml": EDITED}}),
        ("get", f"/api/documents/{doc}/revisions/1", {}),
        ("get", f"/api/documents/{doc}/revisions/1/render", {}),
        ("get", f"/api/documents/{doc}/revisions/1/render?format=html", {}),
        ("post", f"/api/documents/{doc}/revisions/1/check", draft),
        ("get", f"/api/documents/{doc}/diff?old=1&new=2", {}),
        ("get", f"/api/documents/{doc}/diff?old=1&new=2&output=redline", {}),
        ("get", f"/api/templates/{tpl}/download", {}),
        ("delete", f"/api/templates/{tpl}", {}),
        ("post", "/api/render", {"json": {"yaml": EXAMPLE, "template_id": tpl}}),
        ("patch", f"/api/users/{user}", {"json": {"role": "reviewer"}}),
        ("delete", f"/api/auth/tokens/{token}", {}),
        ("get", f"/api/batches/{batch}", {}),
        ("get", f"/api/batches/{batch}/zip", {}),
    ]


@pytest.fixture
def office_a(client: Callable[[str], Client]) -> dict[str, Any]:
    w, a = client("writer_a"), client("admin_a")
    doc = new_document(w)
    assert w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EDITED}).status_code == 201
    up = a.post("/api/templates", files={"file": ("本单位.docx", TEMPLATE.read_bytes())}, data={"name": "本单位"})
    assert up.status_code == 201, up.text
    token = w.post("/api/auth/tokens", json={"label": "a"}).json()["id"]
    batch = w.post("/api/batches", json={"documents": [doc["id"]], "format": "txt"}).json()["id"]
    return {"doc": doc["id"], "tpl": up.json()["id"], "user": w.user["id"], "token": token, "batch": batch}


def test_every_id_endpoint_is_covered_here(app: FastAPI) -> None:
    paths = {p for p in app.openapi()["paths"] if "{" in p}
    covered = {c[1].split("?")[0] for c in _calls(1, 2, 3, 4)}
    normalized = {
        p.replace("{doc_id}", "1").replace("{number}", "1").replace("{template_id}", "2")
        .replace("{user_id}", "3").replace("{token_id}", "4").replace("{key}", NO_BATCH)
        for p in paths
        if not p.startswith("/api/kinds/")
    }
    assert normalized <= covered, normalized - covered


@pytest.mark.parametrize("who", ["admin_b", "writer_b"])
def test_office_b_cannot_see_or_touch_office_a(
    client: Callable[[str], Client], office_a: dict[str, Any], who: str
) -> None:
    b = client(who)
    theirs = _calls(office_a["doc"], office_a["tpl"], office_a["user"], office_a["token"], office_a["batch"])
    missing = _calls(MISSING, MISSING, MISSING, MISSING)
    for (method, url, kw), (_, url_missing, kw_missing) in zip(theirs, missing, strict=True):
        got = getattr(b, method)(url, **kw)
        none = getattr(b, method)(url_missing, **kw_missing)
        assert got.json() == none.json(), (method, url)
        if got.status_code == 403:  # a writer asking for an admin action: refused the same way for any id
            assert who == "writer_b" and got.json()["code"] == "role-required", (method, url)
        else:
            assert got.status_code == 404, (who, method, url, got.status_code, got.text)
    assert b.get("/api/documents").json() == []
    assert b.get("/api/templates").json() == []
    if who == "admin_b":
        assert {u["name"] for u in b.get("/api/users").json()} == {"admin_b", "writer_b"}
        assert all("document:" not in e["target"] or e["user"] in ("admin_b", "writer_b")
                   for e in b.get("/api/audit").json())
    # office A's things are untouched
    a = client("writer_a")
    assert a.get(f"/api/documents/{office_a['doc']}").json()["revisions"] == 2
    assert client("admin_a").get("/api/templates").json()[0]["id"] == office_a["tpl"]


def test_a_render_cached_by_one_office_is_not_a_hit_for_another(
    client: Callable[[str], Client], office_a: dict[str, Any]
) -> None:
    a = client("writer_a")
    assert a.get(f"/api/documents/{office_a['doc']}/revisions/1/render").status_code == 200
    b = client("writer_b")
    doc_b = new_document(b)
    r = b.get(f"/api/documents/{doc_b['id']}/revisions/1/render")
    assert r.headers["x-docgen-cache"] == "miss"
