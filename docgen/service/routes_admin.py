"""Administration of one office (admin role): users, house templates, the audit log.  ``/api/users``,
``/api/templates``, ``/api/audit``.  Every role may list and download the office's templates."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy import select

from docgen.service.auth import Caller, audit, hash_password, require
from docgen.service.errors import ApiError, not_found
from docgen.service.models import AuditEvent, HouseTemplate, User, iso, utcnow
from docgen.service.rendering import MEDIA_TYPES
from docgen.service.routes_auth import user_json
from docgen.service.store import house_template
from docgen.service.uploads import attachment, read_docx

router = APIRouter(prefix="/api", tags=["管理"])
admin = require("admin")
reader = require("reviewer")
Role = Literal["reviewer", "writer", "admin"]
MIN_PASSWORD = 8


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=100, pattern=r"^[^\s:]+$")
    role: Role
    password: str = Field(min_length=MIN_PASSWORD, max_length=1000)


class UserChange(BaseModel):
    role: Role | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=MIN_PASSWORD, max_length=1000)


def _user(c: Caller, user_id: int) -> User:
    user = c.db.get(User, user_id)
    if user is None or user.office_id != c.office_id:
        raise not_found("用户")
    return user


@router.get("/users")
def list_users(c: Caller = Depends(admin)) -> list[dict[str, Any]]:  # noqa: B008
    """本单位的用户。"""
    rows = c.db.scalars(select(User).where(User.office_id == c.office_id).order_by(User.id))
    return [user_json(u) for u in rows]


@router.post("/users", status_code=201)
def create_user(body: NewUser, c: Caller = Depends(admin)) -> dict[str, Any]:  # noqa: B008
    """在本单位新增用户（用户名全局唯一）。"""
    if c.db.scalar(select(User).where(User.name == body.name)) is not None:
        raise ApiError(409, "user-exists", f"用户名“{body.name}”已被使用")
    user = User(office_id=c.office_id, name=body.name, role=body.role, password_hash=hash_password(body.password))
    c.db.add(user)
    c.db.flush()
    audit(c, "user-add", f"user:{user.id}", role=body.role)
    return user_json(user)


@router.patch("/users/{user_id}")
def change_user(user_id: int, body: UserChange, c: Caller = Depends(admin)) -> dict[str, Any]:  # noqa: B008
    """修改本单位用户的角色、启用状态或密码。"""
    user = _user(c, user_id)
    if user.id == c.user.id and (body.active is False or (body.role and body.role != "admin")):
        raise ApiError(422, "self-lockout", "不能停用自己或取消自己的管理员角色")
    if body.role is not None:
        user.role = body.role
    if body.active is not None:
        user.active = body.active
    if body.password is not None:
        user.password_hash = hash_password(body.password)
    audit(c, "user-change", f"user:{user.id}", role=body.role, active=body.active, password=body.password is not None)
    return user_json(user)


def template_json(t: HouseTemplate) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "sha256": t.sha256,
        "size": len(t.data),
        "findings": t.findings,
        "created_at": iso(t.created_at),
    }


@router.get("/templates")
def list_templates(c: Caller = Depends(reader)) -> list[dict[str, Any]]:  # noqa: B008
    """本单位的模板。"""
    q = select(HouseTemplate).where(HouseTemplate.office_id == c.office_id, HouseTemplate.deleted_at.is_(None))
    return [template_json(t) for t in c.db.scalars(q.order_by(HouseTemplate.id))]


@router.post("/templates", status_code=201)
def upload_template(
    request: Request,
    file: UploadFile = File(description="模板 .docx（以 templates/<文种>.docx 为底稿修改）"),  # noqa: B008
    name: str = Form(default="", max_length=200),
    c: Caller = Depends(admin),  # noqa: B008
) -> dict[str, Any]:
    """上传本单位模板：先经模板检查（同 ``docgen template check``），有错误则拒收并列出全部问题。"""
    c.db.commit()
    data = read_docx(request.app.state.settings, file, "模板")
    return template_json(accept_template(c, data, name or file.filename or "模板"))


def accept_template(c: Caller, data: bytes, name: str) -> HouseTemplate:
    """Store an uploaded house template (bytes already through :func:`read_docx`) once it passes the
    template check; with an error among the findings, 422 ``template-rejected`` listing them all."""
    from docgen.template_check import check_template

    with tempfile.TemporaryDirectory(prefix="docgen-upload-") as tmp:
        path = Path(tmp) / "template.docx"
        path.write_bytes(data)
        findings = [asdict(f) for f in check_template(path)]
    if any(f["severity"] == "error" for f in findings):
        raise ApiError(422, "template-rejected", "模板检查未通过，未保存", findings=findings)
    tpl = HouseTemplate(
        office_id=c.office_id,
        name=name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        findings=findings,
        uploaded_by=c.user.id,
    )
    c.db.add(tpl)
    c.db.flush()
    audit(c, "upload", f"template:{tpl.id}", name=tpl.name)
    return tpl


@router.get("/templates/{template_id}/download")
def download_template(template_id: int, c: Caller = Depends(reader)) -> Response:  # noqa: B008
    """下载本单位的一个模板。"""
    tpl = house_template(c, template_id)
    audit(c, "download", f"template:{tpl.id}")
    return attachment(tpl.data, MEDIA_TYPES["docx"], f"{tpl.name.removesuffix('.docx')}.docx")


@router.delete("/templates/{template_id}")
def delete_template(template_id: int, c: Caller = Depends(admin)) -> dict[str, Any]:  # noqa: B008
    """删除本单位的一个模板（软删除）。"""
    tpl = house_template(c, template_id)
    tpl.deleted_at = utcnow()
    audit(c, "delete", f"template:{tpl.id}")
    return {"ok": True}


@router.get("/audit")
def audit_log(c: Caller = Depends(admin), limit: int = 200, before: int | None = None) -> list[dict[str, Any]]:  # noqa: B008
    """本单位的审计日志（新的在前）：谁在何时保存、生成、下载、比较、上传、删除了什么。"""
    q = select(AuditEvent).where(AuditEvent.office_id == c.office_id)
    if before is not None:
        q = q.where(AuditEvent.id < before)
    rows = c.db.scalars(q.order_by(AuditEvent.id.desc()).limit(max(1, min(limit, 1000))))
    names = {u.id: u.name for u in c.db.scalars(select(User).where(User.office_id == c.office_id))}
    return [
        {
            "id": e.id,
            "at": iso(e.at),
            "user": names.get(e.user_id or 0, ""),
            "action": e.action,
            "target": e.target,
            "detail": e.detail,
        }
        for e in rows
    ]
