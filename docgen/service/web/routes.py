"""The writer's pages: sign in, the office's documents, a new document, the editor (YAML + form + preview,
live validation), saving revisions, downloads, history.  Every stored lookup goes through
:mod:`docgen.service.store`, which scopes it to the caller's office (another office's id is a 404)."""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from docgen import registry
from docgen.api import compose_text, validate_text
from docgen.errors import DocgenError, FactsError
from docgen.init import skeleton
from docgen.load import load_yaml_text
from docgen.render.pdf import find_soffice
from docgen.schema import json_schema
from docgen.service import store
from docgen.service.auth import Caller, audit, db, login, logout, set_cookie
from docgen.service.errors import ApiError, docgen_error
from docgen.service.models import Document, HouseTemplate, Revision
from docgen.service.rendering import MEDIA_TYPES, Options, render_text, template_file
from docgen.service.web.carry import carry_forward
from docgen.service.web.formgen import FormError, apply_form, form_groups, load_rt
from docgen.service.web.pages import (
    FONT_PROFILES,
    error_page,
    kind_groups,
    kind_labels,
    local_path,
    page,
    page_caller,
    render,
    secure,
    static_response,
)
from docgen.service.web.views import preview_blocks

__all__ = ["Page", "doc_view", "rev_view", "router", "when"]

router = APIRouter(include_in_schema=False)
Page = Depends(page_caller)


def when(t: dt.datetime | None) -> str:
    """A stored time as local “YYYY-MM-DD HH:MM” (SQLite hands back naive UTC)."""
    if t is None:
        return ""
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone().strftime("%Y-%m-%d %H:%M")


def _need_writer(c: Caller) -> None:
    if not c.user.may("writer"):
        raise ApiError(403, "role-required", "需要“撰稿”或更高的角色")


def _domain_name(kind: str) -> str:
    try:
        return registry.domain_of(kind).name
    except KeyError:  # a kind no longer registered: the first domain's schema
        return ""


def doc_view(c: Caller, doc: Document) -> dict[str, Any]:
    last = store.latest_revision(c.db, doc)
    count = c.db.scalar(select(func.count()).where(Revision.document_id == doc.id)) or 0
    return {
        "id": doc.id,
        "title": doc.title,
        "kind": doc.kind,
        "kind_label": kind_labels().get(doc.kind, doc.kind),
        "year": doc.year,
        "revisions": count,
        "updated": when(last.created_at if last else doc.created_at),
        "problems": len(last.problems) if last else 0,
    }


def rev_view(rev: Revision) -> dict[str, Any]:
    return {
        "id": rev.number,
        "number": rev.number,
        "created": when(rev.created_at),
        "author": rev.author.name if rev.author else "",
        "note": rev.note,
        "problems": len(rev.problems),
    }


# -- static files, schema -------------------------------------------------------------------------------------


@router.get("/static/{path:path}", name="web_static")
def web_static(path: str) -> Response:
    return static_response(path)


@router.get("/schema.json", name="schema_json")
def schema_json(domain: str = "") -> Response:
    """The JSON Schema the editor completes from: the domain's of the document's kind (default: the first)."""
    try:
        body = json_schema(domain or None)
    except KeyError:
        return Response("没有这个领域", status_code=404, media_type="text/plain; charset=utf-8")
    return JSONResponse(body, headers={"Cache-Control": "public, max-age=3600"})


# -- sign in and out ------------------------------------------------------------------------------------------


LOGIN_CSRF = "docgen_login_csrf"


def _login_form(request: Request, status: int = 200, **extra: Any) -> HTMLResponse:
    """The login page.  Its form carries a token that must match a cookie set with it (double submit), so
    another site cannot sign a browser in to an account of its choosing (login CSRF)."""
    token = secrets.token_urlsafe(24)
    resp = render("login.html", request, None, status, page_title="登录", login_csrf=token, **extra)
    resp.set_cookie(LOGIN_CSRF, token, max_age=3600, httponly=True, samesite="strict", path="/login")
    return resp


@router.get("/login", name="login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/", expired: int = 0) -> HTMLResponse:
    return _login_form(request, next=local_path(next, request), expired=bool(expired), username="")


@router.post("/login", name="login_post", response_class=HTMLResponse)
def login_post(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/"),
    csrf_token: str = Form(""),
    session: Session = Depends(db),  # noqa: B008
) -> Response:
    again = {"next": local_path(next, request), "username": username, "expired": False}
    sent = request.cookies.get(LOGIN_CSRF, "")
    if not sent or not hmac.compare_digest(sent, csrf_token):
        return _login_form(request, 403, error="登录页面已过期，请重新输入用户名和密码。", **again)
    address = request.client.host if request.client else ""
    try:
        _user, token, _csrf = login(session, request.app.state.settings, username, password, address)
    except ApiError as exc:
        return _login_form(request, exc.status, error=exc.message, **again)
    session.commit()
    resp = RedirectResponse(local_path(next, request), status_code=303)
    set_cookie(resp, request, token)
    resp.delete_cookie(LOGIN_CSRF, path="/login")
    return secure(resp)


@router.post("/logout", name="logout")
def logout_post(request: Request, c: Caller = Page, session: Session = Depends(db)) -> Response:  # noqa: B008
    resp = RedirectResponse(request.url_for("login").path, status_code=303)
    logout(c.db, request, resp)
    return secure(resp)


# -- documents ------------------------------------------------------------------------------------------------


@router.get("/", name="home", response_class=HTMLResponse)
def home(request: Request, year: str = "", kind: str = "", c: Caller = Page) -> HTMLResponse:
    q = select(Document).where(Document.office_id == c.office_id, Document.deleted_at.is_(None))
    all_docs = list(c.db.scalars(q.order_by(Document.year.desc(), Document.id.desc())))
    years = sorted({d.year for d in all_docs}, reverse=True)
    chosen_year = int(year) if year.isdigit() else None
    chosen_kind = kind if kind in kind_labels() else ""
    docs = [
        d
        for d in all_docs
        if (chosen_year is None or d.year == chosen_year) and (not chosen_kind or d.kind == chosen_kind)
    ]
    groups: list[tuple[int, list[dict[str, Any]]]] = []
    for d in docs:
        if not groups or groups[-1][0] != d.year:
            groups.append((d.year, []))
        groups[-1][1].append(doc_view(c, d))
    return page(
        request,
        c,
        "文稿",
        "docs.html",
        nav="docs",
        groups=groups,
        years=years,
        year=chosen_year,
        kind=chosen_kind,
        kind_groups=kind_groups(),
    )


@router.get("/new", name="new_doc", response_class=HTMLResponse)
def new_page(request: Request, c: Caller = Page) -> HTMLResponse:
    _need_writer(c)
    q = select(Document).where(Document.office_id == c.office_id, Document.deleted_at.is_(None))
    prev = [doc_view(c, d) for d in c.db.scalars(q.order_by(Document.year.desc(), Document.id.desc()))]
    return page(
        request,
        c,
        "新建文稿",
        "new.html",
        nav="new",
        kind_groups=kind_groups(),
        previous_docs=[d for d in prev if d["revisions"]],
        this_year=dt.date.today().year,
    )


@router.post("/new", name="new_doc_post")
def new_post(
    request: Request,
    source: str = Form("kind"),
    kind: str = Form(""),
    title: str = Form(""),
    year: str = Form(""),
    from_doc: str = Form(""),
    c: Caller = Page,
) -> Response:
    _need_writer(c)
    title = title.strip()[:300]
    if not title:
        return error_page(request, c, 422, "无法创建", "请填写标题。", back=request.url_for("new_doc").path)
    if source == "previous":
        old = store.document(c, int(from_doc)) if from_doc.isdigit() else None
        last = store.latest_revision(c.db, old) if old else None
        if old is None or last is None:
            return error_page(request, c, 404, "无法创建", "找不到去年的文稿或它还没有保存过修订。")
        try:
            text = carry_forward(last.yaml)
        except FormError as exc:
            return error_page(request, c, 422, "无法创建", str(exc))
        doc = Document(
            office_id=c.office_id, kind=old.kind, title=title, year=old.year + 1, created_by=c.user.id
        )
        note = f"由 {old.year} 年的“{old.title}”复制，日期顺延一年，去年数字记入同比"
    else:
        if kind not in kind_labels() or not year.isdigit() or not 2000 <= int(year) <= 2100:
            return error_page(request, c, 422, "无法创建", "请选择文种并填写年度（2000—2100）。")
        text = skeleton(kind)
        doc = Document(office_id=c.office_id, kind=kind, title=title, year=int(year), created_by=c.user.id)
        note = f"由“{kind_labels()[kind]}”模板创建"
    c.db.add(doc)
    c.db.flush()
    rev, _ = store.save_revision(c, doc, text, note=note)
    audit(c, "create", f"document:{doc.id}", kind=doc.kind, title=doc.title)
    audit(c, "save", f"document:{doc.id}", revision=rev.number, note=note)
    return RedirectResponse(request.url_for("editor", doc_id=str(doc.id)).path, status_code=303)


def _problems_with_lines(text: str, warnings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Warnings carry a data path; the page shows them on their line as well."""
    try:
        source = load_yaml_text(text, "<facts>").source
    except DocgenError:
        return warnings
    out = []
    for w in warnings:
        loc: list[str | int] = []
        first = re.split(r"[、,，\s]+", str(w.get("path", "")).strip())[0]  # quality findings list several
        for part in re.findall(r"[^.\[\]]+|\[\d+\]", first):
            loc.append(int(part[1:-1]) if part.startswith("[") else part)
        line, col = source.locate(tuple(loc), prefer_key=True) if loc else (0, 0)
        out.append({**w, "line": line, "col": col})
    return out


@router.get("/docs/{doc_id}", name="editor", response_class=HTMLResponse)
def editor(request: Request, doc_id: int, rev: int | None = None, c: Caller = Page) -> HTMLResponse:
    doc = store.document(c, doc_id)
    last = store.latest_revision(c.db, doc)
    shown = store.revision(c, doc, rev) if rev is not None else last
    text = shown.yaml if shown else skeleton(doc.kind)
    templates = c.db.scalars(
        select(HouseTemplate).where(
            HouseTemplate.office_id == c.office_id, HouseTemplate.deleted_at.is_(None)
        )
    )
    return page(
        request,
        c,
        doc.title,
        "editor.html",
        nav="docs",
        doc=doc_view(c, doc),
        text=text,
        rev=rev_view(shown) if shown else None,
        is_latest=shown is None or last is None or shown.number == last.number,
        problems=shown.problems if shown else [],
        warnings=_problems_with_lines(text, shown.warnings) if shown else [],
        house_templates=[{"id": t.id, "name": t.name} for t in templates],
        font_profiles=FONT_PROFILES,
        schema_domain=_domain_name(doc.kind),
        pdf_available=find_soffice() is not None,
    )


@router.post("/docs/{doc_id}/lint", name="lint")
async def lint(request: Request, doc_id: int, c: Caller = Page) -> JSONResponse:
    store.document(c, doc_id)
    body = await request.json()
    text = body.get("text", "") if isinstance(body, dict) else ""
    if not isinstance(text, str):
        raise ApiError(422, "request-invalid", "请求参数不正确：text")
    if len(text.encode("utf-8")) > request.app.state.settings.max_yaml_bytes:
        raise ApiError(413, "too-large", "事实数据超过大小上限")
    check = validate_text(text, file=f"文稿{doc_id}.yaml")
    warnings = [{"code": w.code, "message": w.message, "path": w.path} for w in check.warnings]
    return JSONResponse(
        {"problems": [p.as_dict() for p in check.problems], "warnings": _problems_with_lines(text, warnings)}
    )


@router.post("/docs/{doc_id}/save", name="save")
def save(
    request: Request,
    doc_id: int,
    yaml: str = Form(""),
    note: str = Form(""),
    base: str = Form(""),
    c: Caller = Page,
) -> Response:
    _need_writer(c)
    doc = store.document(c, doc_id)
    if len(yaml.encode("utf-8")) > request.app.state.settings.max_yaml_bytes:
        return error_page(request, c, 413, "无法保存", "事实数据超过大小上限（2 MB）。")
    try:
        rev, new = store.save_revision(c, doc, yaml, base=int(base) if base.isdigit() else None, note=note)
    except ApiError as exc:
        if exc.code != "revision-conflict":
            raise
        return error_page(
            request,
            c,
            409,
            "保存冲突",
            exc.message + "。你的改动仍保存在本机浏览器中，打开最新修订后会自动恢复，核对后再保存。",
            back=request.url_for("editor", doc_id=str(doc.id)).path,
        )
    if new:
        audit(c, "save", f"document:{doc.id}", revision=rev.number, note=rev.note)
    return RedirectResponse(request.url_for("editor", doc_id=str(doc.id)).path + "?saved=1", status_code=303)


@router.post("/docs/{doc_id}/preview", name="preview", response_class=HTMLResponse)
def preview(
    request: Request, doc_id: int, yaml: str = Form(""), mode: str = Form("draft"), c: Caller = Page
) -> HTMLResponse:
    store.document(c, doc_id)
    try:
        draft = compose_text(yaml, file=f"文稿{doc_id}.yaml", mode="final" if mode == "final" else "draft")
    except FactsError as exc:
        return render(
            "parts/preview.html",
            request,
            c,
            error=f"数据有 {len(exc.problems)} 个问题，改正后才能预览：",
            problems=[p.as_dict() for p in exc.problems[:50]],
        )
    except DocgenError as exc:
        return render("parts/preview.html", request, c, error=str(exc), problems=[])
    blocks, todo = preview_blocks(draft)
    notices = [{"message": n.message, "path": n.path} for n in draft.notices]
    return render("parts/preview.html", request, c, blocks=blocks, todo_count=todo, notices=notices)


@router.post("/docs/{doc_id}/form", name="form_fragment", response_class=HTMLResponse)
def form_fragment(request: Request, doc_id: int, yaml: str = Form(""), c: Caller = Page) -> HTMLResponse:
    store.document(c, doc_id)
    error = ""
    try:
        load_rt(yaml)
    except FormError as exc:
        error = str(exc)
    return render("parts/form.html", request, c, groups=form_groups(yaml), doc_id=doc_id, error=error)


@router.post("/docs/{doc_id}/form/apply", name="form_apply", response_class=HTMLResponse)
async def form_apply(request: Request, doc_id: int, c: Caller = Page) -> HTMLResponse:
    store.document(c, doc_id)
    form = await request.form()
    text = form.get("yaml")
    values = {k: v for k, v in form.items() if isinstance(v, str) and k not in ("yaml", "csrf_token")}
    if not isinstance(text, str):
        return render("parts/form_result.html", request, c, error="没有收到 YAML 内容。")
    try:
        new = apply_form(text, values)
    except FormError as exc:
        return render("parts/form_result.html", request, c, error=str(exc))
    return render("parts/form_result.html", request, c, text=new, changed=new != text)


def _template_path(c: Caller, template: str) -> tuple[Any, str]:
    if not template.isdigit():
        return None, ""
    tpl = store.house_template(c, int(template))
    return template_file(tpl.sha256, tpl.data), tpl.sha256


def _download(
    request: Request,
    c: Caller,
    doc: Document,
    text: str,
    fmt: str,
    mode: str,
    template: str,
    font: str,
    label: str,
) -> Response:
    if fmt not in ("docx", "pdf", "md"):
        return error_page(request, c, 422, "无法下载", "不支持的格式。")
    if font not in dict(FONT_PROFILES):
        font = FONT_PROFILES[0][0]
    path, _sha = _template_path(c, template)
    opts = Options(fmt=fmt, mode="draft" if mode == "draft" else "final", font_profile=font)  # type: ignore[arg-type]
    try:
        data, _warnings = render_text(
            request.app.state.settings, text, opts, template=path, file=f"文稿{doc.id}.yaml"
        )
    except FactsError as exc:
        return error_page(
            request,
            c,
            422,
            "无法生成",
            f"数据有 {len(exc.problems)} 个问题，改正后才能下载。",
            problems=[p.as_dict() for p in exc.problems[:50]],
            back=request.url_for("editor", doc_id=str(doc.id)).path,
        )
    except DocgenError as exc:
        err = docgen_error(exc)
        return error_page(
            request,
            c,
            err.status,
            "无法生成",
            err.message,
            back=request.url_for("editor", doc_id=str(doc.id)).path,
        )
    except ApiError as exc:
        return error_page(
            request,
            c,
            exc.status,
            "无法生成",
            exc.message,
            back=request.url_for("editor", doc_id=str(doc.id)).path,
        )
    audit(c, "download", f"document:{doc.id}", fmt=fmt, source=label)
    name = f"{doc.year}-{doc.title}.{fmt}"
    headers = {
        "Content-Disposition": f"attachment; filename=\"document.{fmt}\"; filename*=UTF-8''{quote(name)}"
    }
    return secure(Response(data, media_type=MEDIA_TYPES[fmt], headers=headers))


@router.post("/docs/{doc_id}/download", name="download")
def download(
    request: Request,
    doc_id: int,
    yaml: str = Form(""),
    fmt: str = Form("docx"),
    mode: str = Form("final"),
    template: str = Form(""),
    font_profile: str = Form("gb2312"),
    c: Caller = Page,
) -> Response:
    doc = store.document(c, doc_id)
    return _download(request, c, doc, yaml, fmt, mode, template, font_profile, "editor")


@router.get("/docs/{doc_id}/revisions/{rev_id}/download", name="revision_download")
def revision_download(
    request: Request, doc_id: int, rev_id: int, fmt: str = "docx", c: Caller = Page
) -> Response:
    doc = store.document(c, doc_id)
    rev = store.revision(c, doc, rev_id)
    return _download(request, c, doc, rev.yaml, fmt, "final", "", "gb2312", f"revision:{rev.number}")


@router.get("/docs/{doc_id}/history", name="history", response_class=HTMLResponse)
def history(request: Request, doc_id: int, c: Caller = Page) -> HTMLResponse:
    doc = store.document(c, doc_id)
    revs = c.db.scalars(
        select(Revision).where(Revision.document_id == doc.id).order_by(Revision.number.desc())
    )
    return page(
        request,
        c,
        "修订历史",
        "history.html",
        nav="docs",
        doc=doc_view(c, doc),
        revisions=[rev_view(r) for r in revs],
    )
