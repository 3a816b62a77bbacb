"""The reviewer's pages: two revisions (or two uploaded .docx) side by side with changed numbers highlighted,
the redline .docx, and the fact check of a hand-edited .docx against the revision it came from."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from docgen.api import check_bytes, diff_bytes
from docgen.errors import DocgenError, FactsError
from docgen.review.diff import DiffResult
from docgen.review.extract import story_label
from docgen.service import store
from docgen.service.auth import Caller, audit
from docgen.service.errors import ApiError, docgen_error
from docgen.service.models import Document, Revision
from docgen.service.rendering import MEDIA_TYPES, Options, render_text
from docgen.service.web.pages import error_page, page, secure
from docgen.service.web.routes import Page, doc_view, rev_view
from docgen.service.web.views import check_rows, diff_rows, summary_counts

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _diff_context(result: DiffResult) -> dict[str, Any]:
    numbers = []
    for n in result.numbers:
        idx = n.new_index if n.new_index is not None else n.old_index
        where = story_label(n.story) + (f"第 {idx + 1} 段" if idx is not None else "")
        numbers.append({"old": n.old, "new": n.new, "where": where})
    return {
        "identical": result.identical,
        "summary": result.summary(),
        "numbers": numbers,
        "rows": diff_rows(result),
    }


def _docx(request: Request, c: Caller, doc: Document, rev: Revision) -> bytes:
    data, _ = render_text(
        request.app.state.settings, rev.yaml, Options(fmt="docx"), file=f"文稿{doc.id}.yaml"
    )
    return data


def _pair(
    request: Request, c: Caller, doc_id: int, a: int, b: int
) -> tuple[Document, Revision, Revision, bytes, bytes]:
    doc = store.document(c, doc_id)
    ra, rb = store.revision(c, doc, a), store.revision(c, doc, b)
    return doc, ra, rb, _docx(request, c, doc, ra), _docx(request, c, doc, rb)


def _fail(request: Request, c: Caller, exc: Exception, back: str) -> HTMLResponse:
    if isinstance(exc, FactsError):
        return error_page(
            request,
            c,
            422,
            "无法比较",
            f"这次修订的数据有 {len(exc.problems)} 个问题，不能生成文稿。",
            problems=[p.as_dict() for p in exc.problems[:50]],
            back=back,
        )
    err = docgen_error(exc) if isinstance(exc, DocgenError) else exc
    assert isinstance(err, ApiError)
    return error_page(request, c, err.status, "无法比较", err.message, back=back)


@router.get("/docs/{doc_id}/diff", name="diff", response_class=HTMLResponse)
def diff_revisions(request: Request, doc_id: int, a: int, b: int, c: Caller = Page) -> Response:
    back = request.url_for("history", doc_id=str(doc_id)).path
    try:
        doc, ra, rb, old, new = _pair(request, c, doc_id, a, b)
        out = diff_bytes(old, new, old_label=f"修订 #{ra.number}", new_label=f"修订 #{rb.number}")
    except (DocgenError, ApiError) as exc:
        if isinstance(exc, ApiError) and exc.status == 404:
            raise
        return _fail(request, c, exc, back)
    audit(c, "diff", f"document:{doc.id}", old=ra.number, new=rb.number)
    redline = request.url_for("redline", doc_id=str(doc.id)).path + f"?a={ra.number}&b={rb.number}"
    return page(
        request,
        c,
        "文稿比较",
        "diff.html",
        nav="review",
        doc=doc_view(c, doc),
        old_label=_label(rev_view(ra)),
        new_label=_label(rev_view(rb)),
        redline_url=redline,
        **_diff_context(out.result),
    )


def _label(r: dict[str, Any]) -> str:
    return f"修订 #{r['number']}（{r['created']}{'，' + r['note'] if r['note'] else ''}）"


def _attachment(data: bytes, name: str) -> Response:
    headers = {
        "Content-Disposition": f"attachment; filename=\"redline.docx\"; filename*=UTF-8''{quote(name)}"
    }
    return secure(Response(data, media_type=MEDIA_TYPES["docx"], headers=headers))


@router.get("/docs/{doc_id}/redline", name="redline")
def redline_revisions(request: Request, doc_id: int, a: int, b: int, c: Caller = Page) -> Response:
    back = request.url_for("history", doc_id=str(doc_id)).path
    try:
        doc, ra, rb, old, new = _pair(request, c, doc_id, a, b)
        out = diff_bytes(old, new, redline=True)
    except (DocgenError, ApiError) as exc:
        if isinstance(exc, ApiError) and exc.status == 404:
            raise
        return _fail(request, c, exc, back)
    assert out.redline is not None
    audit(c, "download", f"document:{doc.id}", fmt="redline", old=ra.number, new=rb.number)
    return _attachment(out.redline, f"{doc.title}-修订{ra.number}至{rb.number}-修订稿.docx")


@router.get("/review", name="review", response_class=HTMLResponse)
def review(request: Request, c: Caller = Page) -> HTMLResponse:
    q = select(Document).where(Document.office_id == c.office_id, Document.deleted_at.is_(None))
    docs = [doc_view(c, d) for d in c.db.scalars(q.order_by(Document.year.desc(), Document.id.desc()))]
    return page(request, c, "比较与核对", "review.html", nav="review", docs=docs)


async def _upload(request: Request, f: UploadFile | None, what: str) -> bytes:
    if f is None or not f.filename:
        raise ApiError(422, "request-invalid", f"请选择{what}")
    limit = request.app.state.settings.max_docx_bytes
    data = await f.read(limit + 1)
    if len(data) > limit:
        raise ApiError(413, "too-large", f"{what}超过 {limit // (1024 * 1024)} MB")
    return data


async def _two(request: Request) -> tuple[bytes, bytes, str, str]:
    form = await request.form()
    old, new = form.get("old"), form.get("new")
    a = await _upload(request, old if isinstance(old, UploadFile) else None, "旧稿")
    b = await _upload(request, new if isinstance(new, UploadFile) else None, "新稿")
    na = old.filename if isinstance(old, UploadFile) and old.filename else "旧稿"
    nb = new.filename if isinstance(new, UploadFile) and new.filename else "新稿"
    return a, b, na, nb


@router.post("/review/diff", name="review_diff", response_class=HTMLResponse)
async def review_diff(request: Request, c: Caller = Page) -> Response:
    back = request.url_for("review").path
    try:
        a, b, na, nb = await _two(request)
        out = diff_bytes(a, b, old_label=na, new_label=nb)
    except (DocgenError, ApiError) as exc:
        return _fail(request, c, exc, back)
    audit(c, "diff", "upload", old=na, new=nb)
    return page(
        request,
        c,
        "文稿比较",
        "diff.html",
        nav="review",
        doc=None,
        old_label=na,
        new_label=nb,
        redline_url="",
        redline_form=True,
        **_diff_context(out.result),
    )


@router.post("/review/redline", name="review_redline")
async def review_redline(request: Request, c: Caller = Page) -> Response:
    back = request.url_for("review").path
    try:
        a, b, na, nb = await _two(request)
        out = diff_bytes(a, b, old_label=na, new_label=nb, redline=True)
    except (DocgenError, ApiError) as exc:
        return _fail(request, c, exc, back)
    assert out.redline is not None
    audit(c, "download", "upload", fmt="redline", old=na, new=nb)
    return _attachment(out.redline, f"{nb.removesuffix('.docx')}-修订稿.docx")


def _check_page(request: Request, c: Caller, doc: Document, **extra: Any) -> HTMLResponse:
    revs = c.db.scalars(
        select(Revision).where(Revision.document_id == doc.id).order_by(Revision.number.desc())
    )
    views = [rev_view(r) for r in revs]
    extra.setdefault("chosen", views[0]["id"] if views else None)
    return page(
        request, c, "核对改稿", "check.html", nav="review", doc=doc_view(c, doc), revisions=views, **extra
    )


@router.get("/docs/{doc_id}/check", name="check_page", response_class=HTMLResponse)
def check_page(request: Request, doc_id: int, c: Caller = Page) -> HTMLResponse:
    return _check_page(request, c, store.document(c, doc_id))


@router.post("/docs/{doc_id}/check", name="check_post", response_class=HTMLResponse)
async def check_post(request: Request, doc_id: int, c: Caller = Page) -> Response:
    doc = store.document(c, doc_id)
    back = request.url_for("check_page", doc_id=str(doc.id)).path
    form = await request.form()
    raw_rev, f = form.get("rev"), form.get("file")
    rev = store.revision(c, doc, int(raw_rev)) if isinstance(raw_rev, str) and raw_rev.isdigit() else None
    if rev is None:
        return error_page(request, c, 422, "无法核对", "请选择修订。", back=back)
    try:
        data = await _upload(request, f if isinstance(f, UploadFile) else None, "改稿")
        result = check_bytes(data, rev.yaml, facts_file=f"文稿{doc.id}.yaml")
    except (DocgenError, ApiError) as exc:
        return _fail(request, c, exc, back)
    filename = f.filename if isinstance(f, UploadFile) and f.filename else "改稿.docx"
    audit(c, "check", f"document:{doc.id}", revision=rev.number, findings=len(result.findings))
    rows = check_rows(result)
    return _check_page(
        request,
        c,
        doc,
        chosen=rev.number,
        result=result,
        rows=rows,
        counts=summary_counts(rows),
        filename=filename,
        result_rev=rev.number,
        result_rev_id=rev.number,
    )
