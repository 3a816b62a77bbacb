"""Roles within one office: reviewer reads, renders, diffs and checks; writer also creates, saves and deletes;
admin also manages users and templates (admin ⊇ writer ⊇ reviewer)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.service.models import Document, Render, Revision
from service.support import EDITED, EXAMPLE, Client, docx_of, new_document


@pytest.fixture
def doc(client: Callable[[str], Client]) -> dict[str, object]:
    return new_document(client("writer_a"))


def test_reviewer_reads_renders_diffs_and_checks(client: Callable[[str], Client], doc: dict[str, object]) -> None:
    client("writer_a").post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EDITED})
    r = client("reviewer_a")
    assert r.get("/api/documents").json()[0]["id"] == doc["id"]
    assert r.get(f"/api/documents/{doc['id']}/revisions/1").json()["yaml"] == EXAMPLE
    assert r.get(f"/api/documents/{doc['id']}/revisions/2/render").status_code == 200
    assert r.get(f"/api/documents/{doc['id']}/diff?old=1&new=2").json()["identical"] is False
    chk = r.post(f"/api/documents/{doc['id']}/revisions/1/check", files={"draft": ("a.docx", docx_of())})
    assert chk.status_code == 200 and chk.json()["clean"] is True


@pytest.mark.parametrize(("method", "path", "kwargs"), [
    ("post", "/api/documents", {"json": {"kind": "leadership_speech"}}),
    ("post", "/api/documents/{id}/revisions", {"json": {"yaml": EDITED}}),
    ("delete", "/api/documents/{id}", {}),
    ("get", "/api/users", {}),
    ("post", "/api/users", {"json": {"name": "x", "role": "writer", "password": "password-123"}}),
    ("get", "/api/audit", {}),
    ("post", "/api/templates", {"files": {"file": ("t.docx", b"PK")}}),
])
def test_reviewer_may_not_change_anything(
    client: Callable[[str], Client], doc: dict[str, object], method: str, path: str, kwargs: dict[str, object]
) -> None:
    r = getattr(client("reviewer_a"), method)(path.format(id=doc["id"]), **kwargs)
    assert r.status_code == 403 and r.json()["code"] == "role-required"


@pytest.mark.parametrize(("method", "path", "kwargs"), [
    ("get", "/api/users", {}),
    ("post", "/api/users", {"json": {"name": "x", "role": "writer", "password": "password-123"}}),
    ("patch", "/api/users/1", {"json": {"role": "admin"}}),
    ("get", "/api/audit", {}),
    ("post", "/api/templates", {"files": {"file": ("t.docx", b"PK")}}),
    ("delete", "/api/templates/1", {}),
])
def test_writer_may_not_administer(client: Callable[[str], Client], method: str, path: str, kwargs: dict[str, object]) -> None:
    r = getattr(client("writer_a"), method)(path, **kwargs)
    assert r.status_code == 403 and r.json()["code"] == "role-required"


def test_admin_can_write_too(client: Callable[[str], Client]) -> None:
    new_document(client("admin_a"))


def test_admin_adds_a_user_who_can_then_log_in(client: Callable[[str | None], Client]) -> None:
    a = client("admin_a")
    r = a.post("/api/users", json={"name": "新人", "role": "writer", "password": "password-123"})
    assert r.status_code == 201 and r.json()["office"] == "澄阳市政协"
    assert a.post("/api/users", json={"name": "新人", "role": "writer", "password": "password-123"}).status_code == 409
    new = client(None).login("新人", "password-123")
    assert new.user["role"] == "writer"
    assert {u["name"] for u in a.get("/api/users").json()} == {"admin_a", "writer_a", "reviewer_a", "新人"}


def test_admin_cannot_lock_themselves_out(client: Callable[[str], Client]) -> None:
    a = client("admin_a")
    me = a.user["id"]
    assert a.patch(f"/api/users/{me}", json={"active": False}).status_code == 422
    assert a.patch(f"/api/users/{me}", json={"role": "writer"}).status_code == 422


def test_soft_delete_hides_the_document_keeps_the_rows_and_is_audited(
    app: FastAPI, client: Callable[[str], Client], doc: dict[str, object]
) -> None:
    w = client("writer_a")
    assert w.delete(f"/api/documents/{doc['id']}").status_code == 200
    assert w.get(f"/api/documents/{doc['id']}").status_code == 404
    assert w.get("/api/documents").json() == []
    assert w.delete(f"/api/documents/{doc['id']}").status_code == 404
    with Session(app.state.engine) as s:
        row = s.get(Document, doc["id"])
        assert row is not None and row.deleted_at is not None
        assert s.scalar(select(Revision).where(Revision.document_id == row.id)) is not None
    events = client("admin_a").get("/api/audit").json()
    deleted = [e for e in events if e["action"] == "delete"]
    assert len(deleted) == 1 and deleted[0]["user"] == "writer_a" and deleted[0]["target"] == f"document:{doc['id']}"


def test_saving_the_same_text_twice_keeps_one_revision(client: Callable[[str], Client], doc: dict[str, object]) -> None:
    w = client("writer_a")
    r = w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EXAMPLE})
    assert r.status_code == 200 and r.json()["created"] is False and r.json()["number"] == 1


def test_a_revision_keeps_its_note(client: Callable[[str], Client], doc: dict[str, object]) -> None:
    w = client("writer_a")
    r = w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EDITED, "note": "  补充第三季度数字 "})
    assert r.status_code == 201 and r.json()["note"] == "补充第三季度数字"
    listed = w.get(f"/api/documents/{doc['id']}/revisions").json()
    assert [x["note"] for x in listed] == ["", "补充第三季度数字"]
    too_long = w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EXAMPLE, "note": "长" * 201})
    assert too_long.status_code == 422


def test_saving_over_a_newer_revision_is_a_conflict(client: Callable[[str], Client], doc: dict[str, object]) -> None:
    w = client("writer_a")
    assert w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EDITED, "base": 1}).status_code == 201
    r = w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EXAMPLE + "\n", "base": 1})
    assert r.status_code == 409 and r.json()["latest"] == 2


def test_an_invalid_revision_is_stored_with_its_problems_but_not_rendered(
    client: Callable[[str], Client], doc: dict[str, object]
) -> None:
    w = client("writer_a")
    bad = EXAMPLE.replace("  salutation: 同志们", "  salutaton: 同志们")
    r = w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": bad})
    assert r.status_code == 201 and r.json()["valid"] is False
    assert "unknown-key" in {p["code"] for p in r.json()["problems"]}
    out = w.get(f"/api/documents/{doc['id']}/revisions/2/render")
    assert out.status_code == 422 and out.json()["code"] == "revision-invalid" and out.json()["problems"]


def test_new_document_from_a_skeleton(client: Callable[[str], Client]) -> None:
    w = client("writer_a")
    r = w.post("/api/documents", json={"kind": "work_summary", "year": 2025})
    assert r.status_code == 201
    body = r.json()
    assert body["year"] == 2025 and body["latest"]["valid"] is False  # a skeleton still has fields to fill
    latest = w.get(f"/api/documents/{body['id']}/latest").json()
    assert "kind: work_summary" in latest["yaml"]
    assert w.post("/api/documents", json={"kind": "poem"}).json()["code"] == "kind-unknown"


def test_a_failed_render_stores_nothing(
    app: FastAPI, client: Callable[[str], Client], doc: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    import docgen.service.rendering as rendering
    from service.jobs import broken_render

    monkeypatch.setattr(rendering, "_JOB", broken_render)  # raised in the worker process, shown as itself
    r = client("writer_a").get(f"/api/documents/{doc['id']}/revisions/1/render")
    assert r.status_code == 422 and r.json()["code"] == "render-failed" and "模板损坏" in r.json()["message"]
    with Session(app.state.engine) as s:
        assert s.scalars(select(Render)).all() == []


def test_a_render_that_takes_too_long_is_cut_off(
    app: FastAPI, client: Callable[[str], Client], doc: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    import docgen.service.rendering as rendering
    from service.jobs import slow_render

    monkeypatch.setattr(rendering, "_JOB", slow_render)
    app.state.settings.render_timeout = 0.3
    r = client("writer_a").get(f"/api/documents/{doc['id']}/revisions/1/render")
    assert r.status_code == 504 and r.json()["code"] == "render-timeout"
    with Session(app.state.engine) as s:
        assert s.scalars(select(Render)).all() == []


def test_revisions_and_audit_events_are_append_only(app: FastAPI, doc: dict[str, object]) -> None:
    from docgen.service.models import AuditEvent

    with Session(app.state.engine) as s:
        rev = s.scalars(select(Revision)).first()
        assert rev is not None
        rev.yaml = "changed"
        with pytest.raises(RuntimeError, match="append-only"):
            s.flush()
        s.rollback()
        event = s.scalars(select(AuditEvent)).first()
        assert event is not None
        s.delete(event)
        with pytest.raises(RuntimeError, match="append-only"):
            s.flush()
