"""JSON errors: every failure is ``{"code": stable-code, "message": 中文说明, ...}``; no traceback ever reaches
a client (unexpected exceptions become ``internal-error`` and are logged server-side without request bodies)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from docgen.errors import DocgenError, FactsError

__all__ = ["ApiError", "install_handlers", "not_found"]

log = logging.getLogger("docgen.service")

_HTTP_CODES: dict[int, tuple[str, str]] = {
    400: ("bad-request", "请求有误"),
    401: ("not-authenticated", "请先登录"),
    403: ("forbidden", "没有权限"),
    404: ("not-found", "找不到该资源"),
    405: ("method-not-allowed", "不支持该请求方法"),
    413: ("too-large", "请求内容过大"),
    415: ("unsupported-media-type", "不支持的内容类型"),
    429: ("too-many-requests", "请求过于频繁，请稍后再试"),
}


class ApiError(Exception):
    """An error the client should see: HTTP status, stable code, Chinese message, optional extra fields."""

    def __init__(
        self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.extra = extra

    def response(self) -> JSONResponse:
        body = {"code": self.code, "message": self.message, **self.extra}
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def not_found(what: str = "资源") -> ApiError:
    """The one answer for a missing id *and* an id of another office (never 403: existence is not confirmed)."""
    return ApiError(404, "not-found", f"找不到该{what}")


def docgen_error(exc: DocgenError) -> ApiError:
    if isinstance(exc, FactsError):
        return ApiError(
            422,
            "facts-invalid",
            f"事实文件有 {len(exc.problems)} 个问题",
            problems=[p.as_dict() for p in exc.problems],
        )
    from docgen.review.extract import ReviewError

    if isinstance(exc, ReviewError):
        return ApiError(422, "docx-unusable", str(exc))
    return ApiError(422, "render-failed", str(exc))


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(x) for x in loc if x not in ("body", "query", "path", "form", "header", "cookie"))


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(DocgenError)
    async def _docgen(_request: Request, exc: DocgenError) -> JSONResponse:
        return docgen_error(exc).response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Never echo the input: it may hold a password.
        fields = [{"field": _field(e.get("loc", ())), "type": e.get("type", "")} for e in exc.errors()]
        names = "、".join(f["field"] for f in fields if f["field"]) or "请求"
        return ApiError(422, "request-invalid", f"请求参数不正确：{names}", fields=fields).response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_CODES.get(exc.status_code, ("http-error", "请求失败"))
        return ApiError(exc.status_code, code, message, headers=getattr(exc, "headers", None)).response()

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__, exc_info=exc)
        return ApiError(500, "internal-error", "服务器内部错误，请联系管理员（已记录日志）").response()
