"""Rendering for the service: bounded in time, at most one LibreOffice conversion at a time per worker, and
stored renders addressed by the hash of (facts, template, docgen version, options) so a repeated render is a
lookup.  A render is stored only once its bytes are complete: a failure stores nothing."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docgen.api import Format, Mode, Validation
from docgen.fsutil import atomic_write
from docgen.render.pdf import docx_to_pdf
from docgen.service.errors import ApiError
from docgen.service.models import Render
from docgen.service.renderjob import render_job, validate_job, warm
from docgen.service.settings import Settings
from docgen.service.workers import JobTimeout, PoolBusy, WorkerCrashed, WorkerPool, shared_pool

__all__ = [
    "MEDIA_TYPES",
    "Options",
    "docgen_version",
    "render_key",
    "render_text",
    "stored_render",
    "template_file",
    "validate_bounded",
]

MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
T = TypeVar("T")
log = logging.getLogger("docgen.service")
_OFFICE = threading.Lock()  # one LibreOffice conversion at a time in this worker; others wait in line


def docgen_version() -> str:
    try:
        return version("docgen")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


@dataclass(frozen=True)
class Options:
    fmt: Format = "docx"
    mode: Mode | None = None
    font_profile: str = "gb2312"
    bold_leads: bool = False
    page_numbers: str = "center"


def render_key(content_hash: str, template_sha: str, opts: Options) -> str:
    """The address of a render: facts, template, docgen version and options, hashed together."""
    ident = {
        "facts": content_hash,
        "template": template_sha,
        "docgen": docgen_version(),
        "fmt": opts.fmt,
        "mode": opts.mode,
        "font_profile": opts.font_profile,
        "bold_leads": opts.bold_leads,
        "page_numbers": opts.page_numbers,
    }
    return hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()


def _pool(settings: Settings) -> WorkerPool:
    return shared_pool(settings.render_workers, warm)


def _work(settings: Settings, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a render worker process, bounded by ``render_timeout``: a job that outruns it has its
    process killed (and replaced for the next job), so nothing keeps running after the client got its 504."""
    try:
        result: T = _pool(settings).run(fn, args, timeout=settings.render_timeout, wait=settings.render_timeout)
    except JobTimeout:
        raise ApiError(
            504, "render-timeout", f"生成超时（超过 {settings.render_timeout:g} 秒），请检查事实文件是否过大"
        ) from None
    except PoolBusy:
        raise ApiError(503, "render-busy", "生成任务繁忙，请稍后再试", headers={"Retry-After": "10"}) from None
    except WorkerCrashed as exc:
        log.error("render worker failed: %s", exc)
        raise ApiError(500, "internal-error", "服务器内部错误，请联系管理员（已记录日志）") from None
    return result


_JOB: Callable[..., tuple[bytes, int]] = render_job  # what a worker runs (tests put a slow job here)
_VALIDATE: Callable[..., Validation] = validate_job


def validate_bounded(settings: Settings, text: str | bytes, *, file: str = "<facts>") -> Validation:
    """:func:`docgen.api.validate_text` (which composes the draft for its warnings) in a render worker, bounded
    like a render; the result's ``draft`` is None."""
    return _work(settings, _VALIDATE, text, file)


def render_text(
    settings: Settings, text: str | bytes, opts: Options, *, template: Path | None = None, file: str = "<facts>"
) -> tuple[bytes, int]:
    """Compose and render facts text; returns (bytes, number of warnings).  Composition and rendering run in a
    worker process bounded by ``render_timeout`` (killed after it); a PDF then waits for this process's
    LibreOffice slot, and LibreOffice is bounded by ``soffice_timeout`` (and killed after it)."""
    kw: dict[str, Any] = {
        "font_profile": opts.font_profile,
        "bold_leads": opts.bold_leads,
        "page_numbers": opts.page_numbers,
    }
    tpl = str(template) if template is not None else None
    data, warnings = _work(settings, _JOB, text, opts.fmt, opts.mode, file, tpl, kw)
    if opts.fmt != "pdf":
        return data, warnings
    if not _OFFICE.acquire(timeout=settings.soffice_queue_timeout):
        raise ApiError(503, "office-busy", "LibreOffice 正忙，请稍后再试", headers={"Retry-After": "10"})
    try:
        result = docx_to_pdf(data, timeout=settings.soffice_timeout)
    finally:
        _OFFICE.release()
    return result.pdf, warnings


def stored_render(
    session: Session, office_id: int, key: str, fmt: str, produce: Callable[[], bytes]
) -> tuple[Render, bool]:
    """The stored render at ``key``, or a new one from ``produce()`` (True when new).  Bytes are produced
    before anything is written, so a failed render leaves no row; two workers racing on the same key
    keep one row."""
    found = session.scalar(select(Render).where(Render.office_id == office_id, Render.key == key))
    if found is not None:
        return found, False
    session.commit()  # release the database while rendering
    data = produce()
    row = Render(office_id=office_id, key=key, fmt=fmt, data=data)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        found = session.scalar(select(Render).where(Render.office_id == office_id, Render.key == key))
        if found is None:
            raise
        return found, False
    return row, True


def template_file(sha256: str, data: bytes) -> Path:
    """A house template's bytes as a local file (content-addressed, written once), for the renderer."""
    folder = Path(tempfile.gettempdir()) / f"docgen-house-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / f"{sha256}.docx"
    if not path.is_file():
        atomic_write(path, data)
    return path
