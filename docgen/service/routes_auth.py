"""Login, logout, the current user and API tokens: ``/api/auth/…``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.service.auth import Caller, caller, db, login, logout, new_api_token, set_cookie
from docgen.service.errors import not_found
from docgen.service.models import ApiToken, AuditEvent, User, iso

router = APIRouter(prefix="/api/auth", tags=["登录"])


class LoginBody(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class TokenBody(BaseModel):
    label: str = Field(default="", max_length=100)


def user_json(user: User) -> dict[str, Any]:
    return {"id": user.id, "name": user.name, "role": user.role, "office": user.office.name, "active": user.active}


@router.post("/login")
def post_login(
    body: LoginBody,
    request: Request,
    response: Response,
    session: Session = Depends(db, scope="function"),  # noqa: B008
) -> dict[str, Any]:
    """用户名 + 密码登录：设置会话 Cookie，返回 CSRF 令牌（此后的修改请求须带 X-CSRF-Token 头）。"""
    address = request.client.host if request.client else "-"
    user, token, csrf = login(session, request.app.state.settings, body.name, body.password, address)
    session.add(AuditEvent(office_id=user.office_id, user_id=user.id, action="login", target=f"user:{user.id}"))
    set_cookie(response, request, token)
    return {"user": user_json(user), "csrf_token": csrf}


@router.post("/logout")
def post_logout(
    request: Request,
    response: Response,
    c: Caller = Depends(caller),  # noqa: B008
) -> dict[str, Any]:
    """退出登录：删除会话。"""
    logout(c.db, request, response)
    return {"ok": True}


@router.get("/me")
def get_me(c: Caller = Depends(caller)) -> dict[str, Any]:  # noqa: B008
    """当前用户、所属单位、角色，以及（浏览器会话时）CSRF 令牌。"""
    return {"user": user_json(c.user), "csrf_token": c.csrf_token, "via": c.via}


@router.post("/tokens", status_code=201)
def post_token(body: TokenBody, c: Caller = Depends(caller)) -> dict[str, Any]:  # noqa: B008
    """为脚本创建 API 令牌（只显示这一次）：请求头 ``Authorization: Bearer <令牌>``。"""
    row, token = new_api_token(c.db, c.user, body.label)
    return {"id": row.id, "label": row.label, "token": token}


@router.get("/tokens")
def get_tokens(c: Caller = Depends(caller)) -> list[dict[str, Any]]:  # noqa: B008
    """本人的 API 令牌（不含令牌本身）。"""
    rows = c.db.scalars(select(ApiToken).where(ApiToken.user_id == c.user.id).order_by(ApiToken.id))
    return [{"id": r.id, "label": r.label, "created_at": iso(r.created_at), "revoked": r.revoked} for r in rows]


@router.delete("/tokens/{token_id}")
def delete_token(token_id: int, c: Caller = Depends(caller)) -> dict[str, Any]:  # noqa: B008
    """撤销本人的一个 API 令牌。"""
    row = c.db.get(ApiToken, token_id)
    if row is None or row.user_id != c.user.id:
        raise not_found("令牌")
    row.revoked = True
    return {"ok": True}
