"""Office-scoped access to stored documents, revisions and templates.  Every lookup takes the caller's office:
an id from another office is answered exactly like an id that does not exist (404)."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docgen.api import Validation, validate_text
from docgen.draft import Notice
from docgen.service.auth import Caller
from docgen.service.errors import ApiError, not_found
from docgen.service.models import Document, HouseTemplate, Revision, User, iso
from docgen.service.settings import Settings

__all__ = [
    "check_text",
    "document",
    "document_json",
    "house_template",
    "latest_revision",
    "notice_json",
    "revision",
    "revision_json",
    "save_revision",
]


def document(c: Caller, doc_id: int) -> Document:
    doc = c.db.get(Document, doc_id)
    if doc is None or doc.office_id != c.office_id or doc.deleted_at is not None:
        raise not_found("文稿")
    return doc


def revision(c: Caller, doc: Document, number: int) -> Revision:
    rev = c.db.scalar(select(Revision).where(Revision.document_id == doc.id, Revision.number == number))
    if rev is None:
        raise not_found("修订版本")
    return rev


def latest_revision(session: Session, doc: Document) -> Revision | None:
    return session.scalar(
        select(Revision).where(Revision.document_id == doc.id).order_by(Revision.number.desc()).limit(1)
    )


def house_template(c: Caller, template_id: int) -> HouseTemplate:
    tpl = c.db.get(HouseTemplate, template_id)
    if tpl is None or tpl.office_id != c.office_id or tpl.deleted_at is not None:
        raise not_found("模板")
    return tpl


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def notice_json(n: Notice) -> dict[str, Any]:
    """A warning as JSON: like a problem object (file, line, col, path, code, message)."""
    return {"file": n.file, "line": n.line, "col": n.col, "path": n.path, "code": n.code, "message": n.message}


def check_text(text: str, settings: Settings | None = None) -> Validation:
    """Validate before touching the database, so no transaction is open while composing; with ``settings`` in a
    render worker process, bounded by ``render_timeout`` like a render."""
    if settings is not None:
        from docgen.service.rendering import validate_bounded

        return validate_bounded(settings, text, file="facts.yaml")
    return validate_text(text, file="facts.yaml")


def save_revision(
    c: Caller,
    doc: Document,
    text: str,
    *,
    base: int | None = None,
    check: Validation | None = None,
    note: str = "",
) -> tuple[Revision, bool]:
    """Store ``text`` as the next revision with its validation result and warnings (True when new).
    Saving the same text as the newest revision stores nothing.  ``base``: the revision the writer started
    from; a newer one already stored is a conflict (409).  ``check``: the validation of ``text`` when the
    caller ran it before opening a transaction (:func:`check_text`).  ``note``: the writer's short note
    (trimmed to 200 characters), stored with the revision."""
    if check is None:
        check = check_text(text)
    digest = content_hash(text)
    for _ in range(3):
        last = latest_revision(c.db, doc)
        if base is not None and last is not None and last.number != base:
            raise ApiError(
                409,
                "revision-conflict",
                f"文稿已有更新的修订版本（第 {last.number} 版），请先载入最新版本再保存",
                latest=last.number,
            )
        if last is not None and last.content_hash == digest:
            return last, False
        rev = Revision(
            document_id=doc.id,
            number=(last.number if last else 0) + 1,
            yaml=text,
            content_hash=digest,
            author_id=c.user.id,
            valid=check.valid,
            problems=[p.as_dict() for p in check.problems],
            warnings=[notice_json(w) for w in check.warnings],
            note=note.strip()[:200],
        )
        try:
            with c.db.begin_nested():
                c.db.add(rev)
        except IntegrityError:  # another worker stored the same number first: retry on the new newest
            continue
        return rev, True
    raise ApiError(409, "revision-conflict", "同时保存的人太多，请重试")


def revision_json(rev: Revision, *, with_yaml: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": rev.number,
        "author": rev.author.name if rev.author else "",
        "created_at": iso(rev.created_at),
        "content_hash": rev.content_hash,
        "valid": rev.valid,
        "problems": rev.problems,
        "warnings": rev.warnings,
        "note": rev.note,
    }
    if with_yaml:
        out["yaml"] = rev.yaml
    return out


def document_json(session: Session, doc: Document) -> dict[str, Any]:
    last = latest_revision(session, doc)
    count = session.scalar(select(func.count()).where(Revision.document_id == doc.id)) or 0
    creator = session.get(User, doc.created_by)
    return {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "year": doc.year,
        "created_by": creator.name if creator else "",
        "created_at": iso(doc.created_at),
        "revisions": count,
        "latest": revision_json(last) if last is not None else None,
    }
