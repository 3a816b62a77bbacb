"""Plumbing shared by the page routes: the Jinja2 environment (autoescaped), the signed-in caller of a page
(a redirect to the login page instead of a JSON 401), the security headers of every page, static files."""

from __future__ import annotations

import mimetypes
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from docgen import registry
from docgen.service.auth import Caller, caller, db, sent_csrf
from docgen.service.errors import ApiError

__all__ = [
    "CSP",
    "FONT_PROFILES",
    "ROLE_LABELS",
    "STATIC",
    "error_page",
    "kind_groups",
    "kind_labels",
    "local_path",
    "page",
    "page_caller",
    "render",
    "secure",
    "static_response",
]

HERE = Path(__file__).parent
STATIC = HERE / "static"

#: No inline script or style anywhere, so none is allowed; everything comes from this origin.  Pages add a
#: per-response nonce to style-src for the one <style> element the editor (CodeMirror) creates for its theme.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'{nonce}; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP.format(nonce=""),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

def kind_labels() -> dict[str, str]:
    """Every registered kind's Chinese label (asked at request time, like :func:`kind_groups`)."""
    return {k.name: k.label for k in registry.kinds()}


def kind_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(domain label, [(kind name, kind label)…]) for every registered domain, in registry order: the page's
    kind lists come from the registry, so an installed domain's kinds appear without changes here."""
    return [(d.label, [(k.name, k.label) for k in d.kinds]) for d in registry.domains()]


ROLE_LABELS = {"reviewer": "审核", "writer": "撰稿", "admin": "管理员"}
FONT_PROFILES = (
    ("gb2312", "公文字体（仿宋_GB2312、方正小标宋等）"),
    ("windows", "Windows 常用字体（仿宋、黑体、楷体）"),
)

_ENV = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def page_caller(
    request: Request,
    session: Session = Depends(db),  # noqa: B008
    sent: str = Depends(sent_csrf),
) -> Caller:
    """The signed-in caller of a page.  Not signed in (or the session expired): a page load or a form post is
    sent to the login page, which sends the writer back afterwards; a script call (HTMX, fetch) gets the JSON
    401 so the page can say so without losing the editor's text."""
    try:
        return caller(request, session, sent)
    except ApiError as exc:
        if (
            exc.status != 401
            or request.headers.get("hx-request")
            or "json" in request.headers.get("accept", "")
        ):
            raise
        target = request.url.path if request.method == "GET" else request.headers.get("referer", "")
        if request.method == "GET" and request.url.query:
            target += "?" + request.url.query
        url = request.url_for("login").path + "?next=" + quote(local_path(target, request), safe="/?=&")
        if exc.code == "session-expired":
            url += "&expired=1"
        raise HTTPException(303, headers={"Location": url}) from None


def local_path(target: str, request: Request) -> str:
    """Only a path on this site may be a ``next`` target (no open redirect)."""
    base = str(request.base_url).rstrip("/")
    if target.startswith(base):
        target = target[len(base) :]
    if not target.startswith("/") or target.startswith("//") or target.startswith("/\\"):
        return "/"
    return target


def secure(response: Response) -> Response:
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    return response


def _context(request: Request, c: Caller | None, extra: Mapping[str, Any]) -> dict[str, Any]:
    from docgen.service.rendering import docgen_version

    def url(name: str, **params: Any) -> str:
        return request.url_for(name, **{k: str(v) for k, v in params.items()}).path

    def static(path: str) -> str:
        return url("web_static", path=path) + "?v=" + docgen_version()

    ctx: dict[str, Any] = {
        "request": request,
        "url": url,
        "static": static,
        "version": docgen_version(),
        "user": None,
        "csrf_token": "",
        "can_write": False,
        "messages": [],
        "request_path": request.url.path,
        "page_title": "",
    }
    if c is not None:
        u = c.user
        ctx.update(
            user={"name": u.name, "office_name": u.office.name, "office_id": u.office_id, "role": u.role},
            csrf_token=c.csrf_token,
            can_write=u.may("writer"),
            role_label=ROLE_LABELS.get(u.role, u.role),
        )
    ctx.update(extra)
    return ctx


def render(
    template: str, request: Request, c: Caller | None, status: int = 200, **extra: Any
) -> HTMLResponse:
    nonce = secrets.token_urlsafe(18)
    html = _ENV.get_template(template).render(_context(request, c, {"csp_nonce": nonce, **extra}))
    headers = {"Cache-Control": "no-store", "Content-Security-Policy": CSP.format(nonce=f" 'nonce-{nonce}'")}
    resp = HTMLResponse(html, status_code=status, headers=headers)
    secure(resp)
    return resp


def page(request: Request, c: Caller | None, title: str, template: str, **extra: Any) -> HTMLResponse:
    return render(template, request, c, page_title=title, **extra)


def error_page(
    request: Request, c: Caller | None, status: int, heading: str, message: str, **extra: Any
) -> HTMLResponse:
    return render(
        "error.html", request, c, status, page_title=heading, heading=heading, message=message, **extra
    )


def static_response(path: str) -> Response:
    """A vendored static file (no directory listing, nothing outside static/)."""
    target = (STATIC / path).resolve()
    if STATIC.resolve() not in target.parents or not target.is_file():
        return Response("找不到该文件", status_code=404, media_type="text/plain; charset=utf-8")
    media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if media.startswith("text/") or media.endswith("javascript"):
        media += "; charset=utf-8"
    resp = Response(target.read_bytes(), media_type=media, headers={"Cache-Control": "public, max-age=86400"})
    return secure(resp)
