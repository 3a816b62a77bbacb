"""Stored documents of the caller's office: documents, revisions, renders, diffs between revisions and checks
of edited drafts.  ``/api/documents/…``.  Roles: every role reads, renders, diffs and checks; writer (and
admin) create, save and delete."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy import select

from docgen.api import check_bytes, diff_bytes
from docgen.service.auth import Caller, audit, require
from docgen.service.errors import ApiError
from docgen.service.models import Document, Revision, utcnow
from docgen.service.rendering import (
    MEDIA_TYPES,
    Options,
    render_key,
    render_text,
    stored_render,
    template_file,
)
from docgen.service.routes_tools import RenderFormat, diff_json
from docgen.service.store import (
    check_text,
    document,
    document_json,
    house_template,
    latest_revision,
    revision,
    revision_json,
    save_revision,
)
from docgen.service.uploads import attachment, read_docx

router = APIRouter(prefix="/api/documents", tags=["文稿"])
reader = require("reviewer")
writer = require("writer")


class NewDocument(BaseModel):
    kind: str = Field(description="文种，见 /api/kinds")
    title: str | None = Field(default=None, max_length=300, description="标题（不填用文种名称）")
    year: int | None = Field(default=None, ge=1949, le=2200, description="年度（不填用今年）")
    yaml: str | None = Field(default=None, description="首个修订版本；不填则用该文种的骨架")


class SaveBody(BaseModel):
    yaml: str = Field(description="事实文件（YAML）全文，不超过 2 MB")
    base: int | None = Field(default=None, description="编辑所依据的版本号；已有更新版本时返回 409")
    note: str = Field(default="", max_length=200, description="修改说明（随版本保存，显示在修订历史中）")


@router.get("")
def list_documents(
    c: Caller = Depends(reader),  # noqa: B008
    kind: str | None = None,
    year: int | None = None,
) -> list[dict[str, Any]]:
    """本单位的文稿（不含已删除的），新建的在前。"""
    q = select(Document).where(Document.office_id == c.office_id, Document.deleted_at.is_(None))
    if kind:
        q = q.where(Document.kind == kind)
    if year:
        q = q.where(Document.year == year)
    return [document_json(c.db, d) for d in c.db.scalars(q.order_by(Document.id.desc()))]


@router.post("", status_code=201)
def create_document(body: NewDocument, request: Request, c: Caller = Depends(writer)) -> dict[str, Any]:  # noqa: B008
    """新建文稿：第 1 版为提交的 YAML，或该文种的骨架（同 ``docgen init``）。"""
    from docgen import registry
    from docgen.init import skeleton

    if body.kind not in registry.kind_names():
        raise ApiError(422, "kind-unknown", f"没有这个文种：{body.kind}（见 /api/kinds）")
    text = body.yaml if body.yaml is not None else skeleton(body.kind)
    check = check_text(text, request.app.state.settings)
    doc = Document(
        office_id=c.office_id,
        kind=body.kind,
        title=body.title or registry.kind(body.kind).label,
        year=body.year or dt.date.today().year,
        created_by=c.user.id,
    )
    c.db.add(doc)
    c.db.flush()
    rev, _ = save_revision(c, doc, text, check=check)
    audit(c, "create", f"document:{doc.id}", kind=doc.kind)
    audit(c, "save", f"document:{doc.id}", revision=rev.number)
    return document_json(c.db, doc)


@router.get("/{doc_id}")
def read_document(doc_id: int, c: Caller = Depends(reader)) -> dict[str, Any]:  # noqa: B008
    """一份文稿及其最新版本的校验结果。"""
    return document_json(c.db, document(c, doc_id))


@router.delete("/{doc_id}")
def delete_document(doc_id: int, c: Caller = Depends(writer)) -> dict[str, Any]:  # noqa: B008
    """删除文稿（软删除：保留，但不再显示；记入审计日志）。"""
    doc = document(c, doc_id)
    doc.deleted_at = utcnow()
    doc.deleted_by = c.user.id
    audit(c, "delete", f"document:{doc.id}")
    return {"ok": True}


@router.get("/{doc_id}/revisions")
def list_revisions(doc_id: int, c: Caller = Depends(reader)) -> list[dict[str, Any]]:  # noqa: B008
    """全部修订版本（不含 YAML 全文），新的在后。"""
    doc = document(c, doc_id)
    rows = c.db.scalars(select(Revision).where(Revision.document_id == doc.id).order_by(Revision.number))
    return [revision_json(r) for r in rows]


@router.post("/{doc_id}/revisions")
def post_revision(
    doc_id: int, body: SaveBody, response: Response, request: Request, c: Caller = Depends(writer)  # noqa: B008
) -> dict[str, Any]:
    """保存新的修订版本（内容与最新版本相同时不另存）；保存时校验，结果与警告随版本保存。"""
    check = check_text(body.yaml, request.app.state.settings)
    doc = document(c, doc_id)
    rev, created = save_revision(c, doc, body.yaml, base=body.base, check=check, note=body.note)
    if created:
        audit(c, "save", f"document:{doc.id}", revision=rev.number, note=rev.note)
    response.status_code = 201 if created else 200
    return {**revision_json(rev), "created": created}


@router.get("/{doc_id}/revisions/{number}")
def read_revision(doc_id: int, number: int, c: Caller = Depends(reader)) -> dict[str, Any]:  # noqa: B008
    """一个修订版本，含 YAML 全文。"""
    return revision_json(revision(c, document(c, doc_id), number), with_yaml=True)


def _render_revision(
    request: Request, c: Caller, doc: Document, rev: Revision, opts: Options, template_id: int | None
) -> tuple[bytes, bool]:
    if not rev.valid:
        raise ApiError(
            422, "revision-invalid", f"第 {rev.number} 版有 {len(rev.problems)} 个问题，无法生成", problems=rev.problems
        )
    template, template_sha = None, f"builtin:{doc.kind}"
    if template_id is not None:
        tpl = house_template(c, template_id)
        template, template_sha = template_file(tpl.sha256, tpl.data), tpl.sha256
    key = render_key(rev.content_hash, template_sha, opts)
    settings = request.app.state.settings
    text = rev.yaml
    c.db.commit()  # no database lock held while rendering

    def produce() -> bytes:
        data, _ = render_text(settings, text, opts, template=template, file=f"文稿{doc.id}-第{rev.number}版.yaml")
        return data

    row, fresh = stored_render(c.db, c.office_id, key, opts.fmt, produce)
    return row.data, fresh


@router.get("/{doc_id}/revisions/{number}/render")
def render_revision(
    doc_id: int,
    number: int,
    request: Request,
    format: RenderFormat = "docx",
    mode: Literal["final", "draft"] | None = None,
    font_profile: Literal["gb2312", "windows"] = "gb2312",
    bold_leads: bool = False,
    page_numbers: Literal["center", "odd_even"] = "center",
    template_id: int | None = None,
    c: Caller = Depends(reader),  # noqa: B008
) -> Response:
    """生成并下载某一版本（同样的事实、模板、版本和选项再次生成时直接取已存的结果）。"""
    doc = document(c, doc_id)
    rev = revision(c, doc, number)
    opts = Options(format, mode, font_profile, bold_leads, page_numbers)
    data, fresh = _render_revision(request, c, doc, rev, opts, template_id)
    audit(c, "render" if fresh else "download", f"document:{doc.id}", revision=rev.number, format=format)
    name = f"{doc.title}-第{rev.number}版.{format}"
    return attachment(data, MEDIA_TYPES[format], name, inline=format == "html", **{"X-Docgen-Cache": "miss" if fresh else "hit"})


@router.get("/{doc_id}/diff")
def diff_revisions(
    doc_id: int,
    request: Request,
    old: int = Query(description="旧版本号"),
    new: int = Query(description="新版本号"),
    output: Literal["json", "redline", "html"] = "json",
    template_id: int | None = None,
    c: Caller = Depends(reader),  # noqa: B008
) -> Any:
    """比较同一文稿的两个版本：差异 + HTML 报告（json），或修订稿 .docx（redline），或 HTML 报告。"""
    doc = document(c, doc_id)
    rev_old, rev_new = revision(c, doc, old), revision(c, doc, new)
    opts = Options("docx")
    old_bytes, _ = _render_revision(request, c, doc, rev_old, opts, template_id)
    new_bytes, _ = _render_revision(request, c, doc, rev_new, opts, template_id)
    c.db.commit()
    old_label, new_label = f"第{old}版", f"第{new}版"
    out = diff_bytes(
        old_bytes, new_bytes, old_label=old_label, new_label=new_label, html=output != "redline", redline=output == "redline"
    )
    audit(c, "diff", f"document:{doc.id}", old=old, new=new, output=output)
    if output == "redline" and out.redline is not None:
        return attachment(out.redline, MEDIA_TYPES["docx"], f"{doc.title}-第{old}版至第{new}版修订稿.docx")
    if output == "html" and out.html is not None:
        return attachment(out.html.encode("utf-8"), MEDIA_TYPES["html"], "比较.html", inline=True)
    return diff_json(out, old=old_label, new=new_label)


@router.post("/{doc_id}/revisions/{number}/check")
def check_revision(
    doc_id: int,
    number: int,
    request: Request,
    draft: UploadFile = File(description="修改后的文稿 .docx"),  # noqa: B008
    c: Caller = Depends(reader),  # noqa: B008
) -> dict[str, Any]:
    """核对上传的修改稿（.docx）中的数字与该版本的事实是否一致。"""
    doc = document(c, doc_id)
    rev = revision(c, doc, number)
    text = rev.yaml
    c.db.commit()
    data = read_docx(request.app.state.settings, draft, "文稿")
    result = check_bytes(data, text, facts_file=f"第{number}版.yaml", label=draft.filename or "文稿")
    audit(c, "check", f"document:{doc.id}", revision=number, clean=result.clean)
    return result.as_dict()


@router.get("/{doc_id}/latest")
def latest(doc_id: int, c: Caller = Depends(reader)) -> dict[str, Any]:  # noqa: B008
    """最新版本，含 YAML 全文（新建文稿后编辑用）。"""
    doc = document(c, doc_id)
    rev = latest_revision(c.db, doc)
    if rev is None:
        raise ApiError(404, "not-found", "该文稿还没有修订版本")
    return revision_json(rev, with_yaml=True)
