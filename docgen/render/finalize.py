"""Deterministic .docx containers: same parts in, same bytes out.

A .docx is a zip.  ``zipfile.writestr`` stamps every entry with the local time, so two renders of the same
draft differ although every part is identical.  :func:`write_docx` writes parts in a fixed order
(``[Content_Types].xml``, ``_rels/.rels``, then by name) with a fixed date (1980-01-01 00:00:00), fixed
attributes and a fixed compression level; :func:`finalize` re-packs any .docx that way.

"Same bytes" holds for one zlib build.  Another zlib (zlib-ng) may deflate differently; compare the
decompressed parts (:func:`parts_digest`) where that matters.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date

from docgen.docxlimits import xml_work_problem
from docgen.errors import RenderError, reason_zh

__all__ = ["FIXED_DATE_TIME", "finalize", "parts_digest", "read_parts", "write_docx"]

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 6
MAX_PARTS = 2000
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
MAX_UNCOMPRESSED = 256 * 1024 * 1024  # refuse zip bombs

_FIRST = ("[Content_Types].xml", "_rels/.rels")


def entry_order(names: Iterable[str]) -> list[str]:
    """``[Content_Types].xml`` first (OPC readers look for it early), ``_rels/.rels`` next, then by name."""
    names = list(names)
    first = [n for n in _FIRST if n in names]
    return first + sorted(n for n in names if n not in _FIRST)


# The parts a Word document is made of, with plain names: anything else a template or an input carried
# (``../../x``, absolute names, backslashes, control characters, odd folders) is not written into the files
# docgen produces.  A name may hold any other character, Chinese included (``word/<folder>/图片1.png``, as WPS and
# Chinese Word write them) and OPC's percent-encoding (``word/<folder>/%E5%9B%BE.png``): those parts are kept.
_TOP_FOLDERS = ("_rels", "docProps", "word", "customXml")
_SEGMENT = re.compile(r'[^\x00-\x1f\x7f\\/:*?"<>|]+')


def known_part(name: str) -> bool:
    """True for a part name docgen writes: ``[Content_Types].xml``, or a known top folder followed by segments
    of printable characters other than ``\\ : * ? " < > |``, none empty, ``.`` or ``..``, none ending in a dot."""
    if name == "[Content_Types].xml":
        return True
    top, _, rest = name.partition("/")
    if top not in _TOP_FOLDERS or not rest:
        return False
    return all(
        _SEGMENT.fullmatch(seg) is not None and seg not in (".", "..") and not seg.endswith(".")
        for seg in rest.split("/")
    )


def write_docx(parts: Mapping[str, bytes]) -> bytes:
    """Zip ``parts`` (name → bytes) deterministically.  Only :func:`known_part` names are written; an XML
    part with a DOCTYPE is refused (:class:`RenderError`), so nothing hostile a template or an input carried
    passes into a file docgen writes."""
    parts = {name: data for name, data in parts.items() if known_part(name)}
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")) and _DOCTYPE.search(data):
            raise RenderError(f"{name} 含有 DOCTYPE 声明，拒绝写出")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as zf:
        for name in entry_order(parts):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
            info.create_system = 3  # fixed on every platform (zipfile picks 0 on Windows, 3 elsewhere)
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, parts[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL)
    return buf.getvalue()


def read_parts(docx_bytes: bytes) -> dict[str, bytes]:
    """All parts of a .docx, in archive order.  Raises :class:`RenderError` on anything that is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx_bytes)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
                raise RenderError("文件过大或部件过多，不像是正常的 .docx 文件")
            parts: dict[str, bytes] = {}
            for info in infos:
                if info.is_dir():
                    continue
                if info.filename in parts:
                    raise RenderError(f".docx 中有重复的部件：{info.filename}")
                parts[info.filename] = zf.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise RenderError(f"不是有效的 .docx（zip）文件：{reason_zh(exc)}") from exc
    if "[Content_Types].xml" not in parts:
        raise RenderError("不是有效的 .docx 文件：缺少 [Content_Types].xml")
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            problem = xml_work_problem(data)
            if problem is not None:
                raise RenderError(f"{name} {problem}")
    return parts


_LAST_PRINTED = re.compile(rb"<cp:lastPrinted>[^<]*</cp:lastPrinted>|<cp:lastPrinted/>")
_CREATED = re.compile(rb"(<dcterms:created\b[^>]*>)[^<]*(</dcterms:created>)")
_MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def _normalise_core(xml: bytes, core_date: date | None) -> bytes:
    xml = _LAST_PRINTED.sub(b"", xml)
    if core_date is not None:
        stamp = f"{core_date.isoformat()}T00:00:00Z".encode()
        xml = _CREATED.sub(rb"\g<1>" + stamp + rb"\g<2>", xml)
        xml = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", xml)
    return xml


def finalize(docx_bytes: bytes, *, core_date: date | None = None) -> bytes:
    """Re-pack a .docx deterministically (see the module doc).

    ``docProps/core.xml`` loses ``cp:lastPrinted`` (a print timestamp); with ``core_date`` its created and
    modified stamps become that day at 00:00:00Z.  Part contents are otherwise untouched, so finalizing the
    output of :func:`docgen.render.render_docx` returns the same bytes.
    """
    parts = read_parts(docx_bytes)
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = _normalise_core(parts["docProps/core.xml"], core_date)
    return write_docx(parts)


def parts_digest(docx_bytes: bytes) -> str:
    """SHA-256 over the sorted (name, content) pairs: equal for equal parts whatever the zip encoder."""
    h = hashlib.sha256()
    for name, data in sorted(read_parts(docx_bytes).items()):
        h.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()
