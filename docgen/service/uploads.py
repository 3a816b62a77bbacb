"""Reading uploaded files within the limits: a .docx is refused above ``max_docx_bytes`` and then passes the
review module's guards (zip bombs, too many entries, DOCTYPE / entity expansion) before any parsing."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Response
from starlette.datastructures import UploadFile

from docgen.service.errors import ApiError
from docgen.service.settings import Settings

__all__ = ["attachment", "read_docx", "read_text"]


def _read(upload: UploadFile, limit: int, what: str) -> bytes:
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise ApiError(413, "upload-too-large", f"{what}过大（上限 {limit // 1024 // 1024} MB）")
    return data


def read_docx(settings: Settings, upload: UploadFile, what: str) -> bytes:
    """The bytes of an uploaded .docx, checked as a bounded, sane zip (not yet parsed as Word XML)."""
    from docgen.review.extract import ReviewError, read_zip

    data = _read(upload, settings.max_docx_bytes, what)
    parts = read_zip(data, what)  # raises ReviewError (→ 422 docx-unusable) for bombs, non-zips, encrypted files
    for name, body in parts.items():
        if name.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in body or b"<!ENTITY" in body):
            raise ReviewError(f"{what}：{name} 含有 DOCTYPE 或实体声明，拒绝处理")
    return data


def read_text(settings: Settings, upload: UploadFile, what: str) -> bytes:
    """An uploaded facts file (the YAML loader then applies its own limits: size, aliases, depth)."""
    return _read(upload, settings.max_yaml_bytes, what)


def attachment(data: bytes, media_type: str, filename: str, *, inline: bool = False, **headers: str) -> Response:
    disposition = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    headers["Content-Disposition"] = f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    headers["X-Content-Type-Options"] = "nosniff"
    return Response(data, media_type=media_type, headers=headers)
