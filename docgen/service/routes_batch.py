"""Batch renders of stored documents: ``/api/batches``.  A zip of the latest revision of each chosen document
(of the caller's office), made off the request thread by :mod:`docgen.batch` — the same library the ``docgen
batch`` command uses (PDF: many documents per LibreOffice start) — and stored like any render, addressed by the
hash of (documents and their revisions, format, mode, docgen version): asking again for the same set is a lookup.

``POST /api/batches`` starts it (202, or 200 when that zip is already stored); ``GET /api/batches/{id}`` tells
its state (``running``, ``done``, ``failed``); ``GET /api/batches/{id}/zip`` downloads it.  The zip holds one
file per document that rendered and ``报告.txt`` listing every document with its problems and warnings.
The zip lives in the database, so any worker serves it; while it is being made, only the worker making it
knows it is running (another worker answers 404 until it is stored)."""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import tempfile
import threading
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docgen.service.auth import Caller, audit, require
from docgen.service.errors import ApiError
from docgen.service.models import Render
from docgen.service.rendering import docgen_version
from docgen.service.store import document, latest_revision
from docgen.service.uploads import attachment

__all__ = ["router"]

router = APIRouter(prefix="/api/batches", tags=["批量生成"])
reader = require("reviewer")
_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-batch")
_RUNNING: dict[tuple[int, str], concurrent.futures.Future[None]] = {}
_LOCK = threading.Lock()
ZIP = "zip"
REPORT = "报告.txt"


class BatchBody(BaseModel):
    documents: list[int] = Field(
        min_length=1, max_length=500, description="文稿 id（本单位的），每份取最新版本"
    )
    format: Literal["docx", "pdf", "md", "txt"] = Field(default="docx", description="输出格式")
    mode: Literal["final", "draft"] | None = Field(default=None, description="覆盖 document.mode")


def _stored(db: Session, office_id: int, key: str) -> Render | None:
    return db.scalar(
        select(Render).where(Render.office_id == office_id, Render.key == key, Render.fmt == ZIP)
    )


def _make_zip(items: list[dict[str, Any]], fmt: str, mode: str | None) -> bytes:
    """Render the revisions with :mod:`docgen.batch` in a private folder; the zip of the outputs and a report."""
    from docgen import batch as lib

    with tempfile.TemporaryDirectory(prefix="docgen-batch-") as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        for item in items:
            (src / f"{item['name']}.yaml").write_text(item["yaml"], encoding="utf-8")
        options = lib.BatchOptions(out, fmt, mode, jobs=1)  # type: ignore[arg-type]
        if fmt == "pdf":
            from docgen.service.rendering import _OFFICE

            with _OFFICE:  # one LibreOffice at a time in this worker, as for single renders
                result = lib.run(lib.plan([src], options), options)
        else:
            result = lib.run(lib.plan([src], options), options)
        lines = []
        for o in result.outcomes:
            name = Path(o.label).stem
            lines.append(f"{name}\t{o.output or '未生成'}\t问题 {len(o.problems)}\t警告 {len(o.warnings)}")
            lines += [f"  问题：{p.replace(str(src) + '/', '')}" for p in o.problems]
            lines += [f"  警告：{w}" for w in o.warnings]
        (out / REPORT).write_text("\n".join(lines) + "\n", encoding="utf-8")
        names = [o.output for o in result.outcomes if o.output] + [REPORT]
        lib.write_zip(Path(tmp) / "all.zip", out, names)
        return (Path(tmp) / "all.zip").read_bytes()


def _produce(
    factory: sessionmaker[Session], office_id: int, key: str, items: list[dict[str, Any]], body: BatchBody
) -> None:
    data = _make_zip(items, body.format, body.mode)
    with factory() as db:
        if _stored(db, office_id, key) is not None:
            return
        db.add(Render(office_id=office_id, key=key, fmt=ZIP, data=data))
        try:
            db.commit()
        except IntegrityError:  # another worker stored the same zip first
            db.rollback()


def _state(c: Caller, key: str) -> dict[str, Any]:
    row = _stored(c.db, c.office_id, key)
    if row is not None:
        return {"id": key, "status": "done", "size": len(row.data), "zip": f"/api/batches/{key}/zip"}
    with _LOCK:
        future = _RUNNING.get((c.office_id, key))
    if future is None:
        raise ApiError(404, "not-found", "没有这个批量任务（或它由另一个服务进程在做，请稍后再查）")
    if future.done() and future.exception() is not None:
        return {
            "id": key,
            "status": "failed",
            "error": f"{type(future.exception()).__name__}: {future.exception()}",
        }
    return {"id": key, "status": "running"}


@router.post("", status_code=202)
def start_batch(
    body: BatchBody,
    request: Request,
    response: Response,
    c: Caller = Depends(reader),  # noqa: B008
) -> dict[str, Any]:
    """批量生成本单位若干文稿的最新版本，打包为 zip（在后台生成；同样的文稿、版本和选项再次请求时直接取已存的结果）。"""
    items: list[dict[str, Any]] = []
    for doc_id in dict.fromkeys(body.documents):
        doc = document(c, doc_id)
        rev = latest_revision(c.db, doc)
        if rev is None:
            raise ApiError(404, "not-found", f"文稿 {doc_id} 还没有修订版本")
        name = f"{doc.id}-{doc.title}-第{rev.number}版".replace("/", "_").replace("\\", "_")
        items.append({"name": name, "yaml": rev.yaml, "hash": rev.content_hash})
    ident = {
        "batch": [(i["name"], i["hash"]) for i in items],
        "fmt": body.format,
        "mode": body.mode,
        "docgen": docgen_version(),
    }
    key = hashlib.sha256(json.dumps(ident, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    audit(
        c, "batch", f"documents:{','.join(str(d) for d in dict.fromkeys(body.documents))}", format=body.format
    )
    if _stored(c.db, c.office_id, key) is not None:
        response.status_code = 200
        return _state(c, key)
    factory = request.app.state.sessions
    with _LOCK:
        running = _RUNNING.get((c.office_id, key))
        if running is None or running.done():  # done but not stored (failed, or another database): redo
            _RUNNING[(c.office_id, key)] = _POOL.submit(_produce, factory, c.office_id, key, items, body)
    return {"id": key, "status": "running", "total": len(items)}


@router.get("/{key}")
def batch_state(key: str, c: Caller = Depends(reader)) -> dict[str, Any]:  # noqa: B008
    """批量任务的状态：running（生成中）、done（可下载）或 failed。"""
    return _state(c, key)


@router.get("/{key}/zip")
def batch_zip(key: str, c: Caller = Depends(reader)) -> Response:  # noqa: B008
    """下载批量生成的 zip（生成完成后）。"""
    row = _stored(c.db, c.office_id, key)
    if row is None:
        state = _state(c, key)
        raise ApiError(409, "batch-not-ready", f"批量任务尚未完成（{state['status']}）")
    audit(c, "download", f"batch:{key[:12]}")
    return attachment(row.data, "application/zip", "批量文稿.zip")
