"""Accounts and sessions.

- Passwords: argon2id (argon2-cffi).  Never logged, never echoed in an error.
- Browser sessions: a random token in a signed (HMAC-SHA256), HttpOnly, SameSite=Lax cookie; the database keeps
  only the token's SHA-256, its expiry and the session's CSRF token.  State-changing calls authenticated by the
  cookie must send that CSRF token (header ``X-CSRF-Token``, or a ``csrf_token`` form field).
- Scripts: API tokens (``Authorization: Bearer dg_…``), stored hashed; no CSRF (no ambient credential).
- Login throttling: failed logins are rows in the database, counted per user name and per client address
  over a sliding window, so every worker sees the same counts.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from fastapi import Depends, Request, Response
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from docgen.service.errors import ApiError
from docgen.service.models import ROLES, ApiToken, AuditEvent, LoginFailure, LoginSession, User, utcnow
from docgen.service.settings import Settings

__all__ = [
    "COOKIE",
    "CSRF_HEADER",
    "Caller",
    "audit",
    "caller",
    "db",
    "hash_password",
    "login",
    "logout",
    "new_api_token",
    "require",
    "verify_password",
]

COOKIE = "docgen_session"
CSRF_HEADER = "X-CSRF-Token"
TOKEN_PREFIX = "dg_"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("docgen-timing-equaliser")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _sign(secret: str, token: str) -> str:
    mac = hmac.new(secret.encode(), token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def _unsign(secret: str, value: str) -> str | None:
    token, _, sig = value.partition(".")
    if not token or not sig or not hmac.compare_digest(_sign(secret, token), sig):
        return None
    return token


def db(request: Request) -> Iterator[Session]:
    """The request's database session (committed when the handler returns normally)."""
    from docgen.service.db import session_scope

    yield from session_scope(request.app.state.sessions)


@dataclass
class Caller:
    """The authenticated user of a request and how they authenticated."""

    user: User
    db: Session
    via: str  # "session" or "token"
    csrf_token: str = ""

    @property
    def office_id(self) -> int:
        return self.user.office_id


def audit(c: Caller, action: str, target: str = "", **detail: object) -> None:
    """Append one event to the audit log (in the request's transaction: no event for an action that failed)."""
    c.db.add(AuditEvent(office_id=c.office_id, user_id=c.user.id, action=action, target=target, detail=detail))


def _as_utc(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def _from_token(session: Session, header: str) -> User:
    token = header[len("Bearer ") :].strip()
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _sha(token), ApiToken.revoked.is_(False)))
    user = session.get(User, row.user_id) if row is not None else None
    if user is None or not user.active:
        raise ApiError(401, "token-invalid", "API 令牌无效或已撤销")
    return user


async def sent_csrf(request: Request) -> str:
    """The CSRF token the request carries: the ``X-CSRF-Token`` header, else a ``csrf_token`` form field."""
    sent = request.headers.get(CSRF_HEADER, "")
    if sent:
        return sent
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf_token")
        return value if isinstance(value, str) else ""
    return ""


def caller(
    request: Request,
    session: Session = Depends(db, scope="function"),  # noqa: B008
    sent: str = Depends(sent_csrf),
) -> Caller:
    """The authenticated caller: an API token, else the session cookie (+ CSRF check on state changes)."""
    header = request.headers.get("authorization", "")
    if header.startswith("Bearer "):
        by_token = _from_token(session, header)
        session.commit()
        return Caller(by_token, session, "token")
    raw = request.cookies.get(COOKIE, "")
    token = _unsign(request.app.state.secret, raw) if raw else None
    if token is None:
        raise ApiError(401, "not-authenticated", "请先登录")
    row = session.scalar(select(LoginSession).where(LoginSession.token_hash == _sha(token)))
    if row is None or _as_utc(row.expires_at) <= utcnow():
        raise ApiError(401, "session-expired", "登录已过期，请重新登录")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise ApiError(401, "not-authenticated", "请先登录")
    if request.method not in SAFE_METHODS and not (sent and hmac.compare_digest(sent, row.csrf_token)):
        raise ApiError(403, "csrf-failed", "页面已过期或请求来源不可信（CSRF 校验失败），请刷新页面后重试")
    csrf = row.csrf_token
    session.commit()  # end the read: no database lock is held while the handler works (SQLite)
    return Caller(user, session, "session", csrf)


def require(role: str) -> Callable[..., Caller]:
    """A dependency: the caller, whose role must include ``role`` (admin ⊇ writer ⊇ reviewer)."""
    assert role in ROLES

    def dep(c: Caller = Depends(caller)) -> Caller:  # noqa: B008
        if not c.user.may(role):
            labels = {"reviewer": "审核", "writer": "撰稿", "admin": "管理员"}
            raise ApiError(403, "role-required", f"需要“{labels[role]}”或更高的角色")
        return c

    return dep


def _throttled(session: Session, settings: Settings, keys: list[tuple[str, int]]) -> bool:
    since = utcnow() - dt.timedelta(minutes=settings.login_window_minutes)
    for key, limit in keys:
        n = session.scalar(select(func.count()).where(LoginFailure.key == key, LoginFailure.at > since)) or 0
        if n >= limit:
            return True
    return False


def login(session: Session, settings: Settings, name: str, password: str, address: str) -> tuple[User, str, str]:
    """Check a name and password; return (user, session token, CSRF token) or raise 401/429.
    The caller commits (failures are recorded even when the login fails)."""
    keys = [
        ("name:" + name.strip().lower(), settings.login_max_failures_per_name),
        ("addr:" + address, settings.login_max_failures_per_address),
    ]
    if _throttled(session, settings, keys):
        retry = str(int(settings.login_window_minutes * 60))
        raise ApiError(
            429, "login-throttled", "登录失败次数过多，请稍后再试", headers={"Retry-After": retry}
        )
    user = session.scalar(select(User).where(User.name == name.strip()))
    ok = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not ok or not user.active:
        for key, _ in keys:
            session.add(LoginFailure(key=key))
        session.commit()
        raise ApiError(401, "login-failed", "用户名或密码不正确")
    session.execute(delete(LoginFailure).where(LoginFailure.key == keys[0][0]))
    stale = utcnow() - dt.timedelta(minutes=settings.login_window_minutes)
    session.execute(delete(LoginFailure).where(LoginFailure.at < stale))
    session.execute(delete(LoginSession).where(LoginSession.expires_at < utcnow()))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = utcnow() + dt.timedelta(hours=settings.session_hours)
    session.add(LoginSession(token_hash=_sha(token), user_id=user.id, csrf_token=csrf, expires_at=expires))
    return user, token, csrf


def set_cookie(response: Response, request: Request, token: str) -> None:
    settings: Settings = request.app.state.settings
    response.set_cookie(
        COOKIE,
        f"{token}.{_sign(request.app.state.secret, token)}",
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )


def logout(session: Session, request: Request, response: Response) -> None:
    raw = request.cookies.get(COOKIE, "")
    token = _unsign(request.app.state.secret, raw) if raw else None
    if token is not None:
        session.execute(delete(LoginSession).where(LoginSession.token_hash == _sha(token)))
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")


def new_api_token(session: Session, user: User, label: str) -> tuple[ApiToken, str]:
    """Create an API token for ``user``; the clear token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(token_hash=_sha(token), user_id=user.id, label=label)
    session.add(row)
    session.flush()
    return row, token
