"""The web page for writing staff and reviewers: Jinja2 templates, HTMX and a CodeMirror 6 bundle vendored
under ``static/`` (built by ``scripts/build_web_assets.sh``; no Node at run time).  :func:`docgen.service.create_app`
includes ``router`` and calls ``install(app)``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from docgen.service.errors import ApiError
from docgen.service.web import house_routes, review_routes, routes
from docgen.service.web.pages import error_page

__all__ = ["install", "router"]

router = APIRouter(include_in_schema=False)
router.include_router(routes.router)
router.include_router(review_routes.router)
router.include_router(house_routes.router)

_HEADINGS = {
    401: "请先登录",
    403: "没有权限",
    404: "找不到",
    409: "冲突",
    413: "内容过大",
    429: "请求过于频繁",
}


def _wants_page(request: Request) -> bool:
    """A browser navigating (not the JSON API, not HTMX or fetch from the page)."""
    return (
        not request.url.path.startswith("/api")
        and not request.headers.get("hx-request")
        and "text/html" in request.headers.get("accept", "")
    )


def install(app: FastAPI) -> None:
    """Errors of page requests are pages in Chinese (the JSON API keeps its JSON errors)."""
    json_handler: Any = app.exception_handlers.get(ApiError)

    async def handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        if _wants_page(request) or json_handler is None:
            heading = _HEADINGS.get(exc.status, "出错了")
            return error_page(request, None, exc.status, heading, exc.message)
        response: Response = await json_handler(request, exc)
        return response

    app.add_exception_handler(ApiError, handler)
