"""The office's house templates on the page: every role sees the list (and picks a template when downloading
in the editor); an admin uploads one — it passes the same template check as ``docgen template check`` and
``POST /api/templates`` before it is stored, and a rejected file is answered with all its findings — or
removes one."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from docgen.errors import DocgenError
from docgen.service import store
from docgen.service.auth import Caller, audit
from docgen.service.errors import ApiError, docgen_error
from docgen.service.models import HouseTemplate, User, utcnow
from docgen.service.routes_admin import accept_template
from docgen.service.uploads import read_docx
from docgen.service.web.pages import page, secure
from docgen.service.web.routes import Page, when

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_SEVERITY = {"error": "错误", "warning": "提醒"}


def _finding(f: dict[str, Any]) -> dict[str, str]:
    return {
        "severity": _SEVERITY.get(str(f.get("severity")), str(f.get("severity"))),
        "where": str(f.get("where") or ""),
        "message": str(f.get("message") or ""),
        "code": str(f.get("code") or ""),
    }


def _page(request: Request, c: Caller, status: int = 200, **extra: Any) -> HTMLResponse:
    rows = c.db.scalars(
        select(HouseTemplate)
        .where(HouseTemplate.office_id == c.office_id, HouseTemplate.deleted_at.is_(None))
        .order_by(HouseTemplate.id.desc())
    )
    names = {u.id: u.name for u in c.db.scalars(select(User).where(User.office_id == c.office_id))}
    templates = [
        {
            "id": t.id,
            "name": t.name,
            "created": when(t.created_at),
            "by": names.get(t.uploaded_by, ""),
            "size_kb": max(1, round(len(t.data) / 1024)),
            "findings": [_finding(f) for f in t.findings],
        }
        for t in rows
    ]
    resp = page(
        request,
        c,
        "版式模板",
        "templates.html",
        nav="templates",
        templates=templates,
        is_admin=c.user.may("admin"),
        **extra,
    )
    resp.status_code = status
    return resp


@router.get("/templates", name="templates_page", response_class=HTMLResponse)
def templates_page(request: Request, uploaded: str = "", c: Caller = Page) -> HTMLResponse:
    return _page(request, c, uploaded=uploaded[:200])


@router.post("/templates", name="templates_upload", response_class=HTMLResponse)
async def templates_upload(request: Request, c: Caller = Page) -> Response:
    if not c.user.may("admin"):
        raise ApiError(403, "role-required", "只有管理员可以上传模板")
    form = await request.form()
    upload, name = form.get("file"), form.get("name")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(request, c, 422, error="请选择要上传的模板文件（.docx）。")
    label = (name.strip() if isinstance(name, str) else "") or upload.filename
    c.db.commit()  # the check may take a moment: no transaction is held meanwhile
    try:
        data = read_docx(request.app.state.settings, upload, "模板")
        tpl = accept_template(c, data, label)
    except DocgenError as exc:
        return _page(request, c, docgen_error(exc).status, error=docgen_error(exc).message)
    except ApiError as exc:
        rejected = [_finding(f) for f in exc.extra.get("findings", [])]
        return _page(request, c, exc.status, error=exc.message + "。", rejected=rejected, rejected_name=label)
    target = request.url_for("templates_page").path
    return secure(RedirectResponse(f"{target}?uploaded={tpl.id}", status_code=303))


@router.post("/templates/{template_id}/delete", name="templates_delete")
def templates_delete(request: Request, template_id: int, c: Caller = Page) -> Response:
    if not c.user.may("admin"):
        raise ApiError(403, "role-required", "只有管理员可以删除模板")
    tpl = store.house_template(c, template_id)
    tpl.deleted_at = utcnow()
    audit(c, "delete", f"template:{tpl.id}")
    return secure(RedirectResponse(request.url_for("templates_page").path, status_code=303))
