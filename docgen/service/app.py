"""``create_app(settings)``: the FastAPI application.  It holds no per-user state in the process (sessions,
login throttling and the cookie key live in the database), so any number of workers serve the same data.

Web page hook: when the package :mod:`docgen.service.web` exists, its ``router`` (an ``APIRouter``) is included
and, if it defines ``install(app)``, that is called too (static files, template globals …)."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docgen.service.db import make_engine, shared_secret, upgrade
from docgen.service.errors import ApiError, install_handlers
from docgen.service.rendering import docgen_version
from docgen.service.settings import Settings

__all__ = ["WEB_MODULE", "app_from_env", "create_app"]

WEB_MODULE = "docgen.service.web"


class BodyLimit:
    """Refuse request bodies above ``limit`` bytes (by Content-Length, and while streaming without it)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        too_large = ApiError(413, "body-too-large", f"请求内容过大（上限 {self.limit // 1024 // 1024} MB）")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await too_large.response()(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return msg

        async def tracking(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counting, tracking)
        except _TooLarge:
            if not started:
                await too_large.response()(scope, receive, send)


class _TooLarge(Exception):
    pass


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                             (b"x-frame-options", b"DENY")):
                    if k not in names:
                        headers.append((k, v))
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, send_with)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service app for ``settings`` (default: from the environment, ``DOCGEN_*``)."""
    settings = settings or Settings()
    engine = make_engine(settings.url())
    if settings.auto_migrate:
        upgrade(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    app = FastAPI(
        title="docgen 文稿生成服务",
        version=docgen_version(),
        description="讲话、总结等文稿：校验、生成、比较、核对；按单位保存事实文件和修订版本。"
        "文种按领域列在 /api/kinds（来自文种注册表）。",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = factory
    app.state.secret = settings.secret_key or shared_secret(factory)
    install_handlers(app)

    from docgen.service import routes_admin, routes_auth, routes_batch, routes_documents, routes_tools

    for module in (routes_auth, routes_tools, routes_documents, routes_admin, routes_batch):
        app.include_router(module.router)
    _include_web(app)
    limit = 2 * settings.max_docx_bytes + 4 * settings.max_yaml_bytes + 1024 * 1024
    app.add_middleware(BodyLimit, limit=limit)
    app.add_middleware(SecurityHeaders)
    return app


def _include_web(app: FastAPI) -> None:
    """The hook for the browser page (issue 14): include ``docgen.service.web.router`` when the package exists."""
    if importlib.util.find_spec(WEB_MODULE) is None:
        return
    web: Any = importlib.import_module(WEB_MODULE)
    router = getattr(web, "router", None)
    if router is not None:
        app.include_router(router)
    install = getattr(web, "install", None)
    if callable(install):
        install(app)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory docgen.service.app:app_from_env`` (used by ``docgen serve``)."""
    return create_app(Settings())
