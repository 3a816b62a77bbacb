"""House templates: an office's restyled copy of ``templates/<kind>.docx``, passed as ``--template FILE``.

Office suites rename things when they save.  LibreOffice writes every style whose name is not a built-in
English one under a new id (公文正文 ``BodyText`` becomes ``Style16``) and drops table styles no table uses
(``DocTable``); Word and WPS may do the same to styles they create.  The renderer refers to its styles by id,
so :func:`prepare_template` gives such a template docgen's ids back, matching styles by their *name*, and
restores a dropped table style from the default templates.  The office's formatting is untouched.  A template
that needs nothing is used as it is; a repaired copy is cached by content hash.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.errors import DocgenError, RenderError
from docgen.render import ooxml
from docgen.render.context import (
    ROLE_STYLES,
    SIGNATURE_STYLE,
    TABLE_HEADER_STYLE,
    TABLE_STYLE,
    TABLE_TEXT_STYLE,
)
from docgen.render.finalize import read_parts, write_docx
from docgen.render.ooxml import NS, w

__all__ = [
    "REQUIRED_STYLES",
    "Layout",
    "Repairs",
    "canonical_styles",
    "layout",
    "normalize_parts",
    "prepare_template",
    "style_renames",
]

FORMAT = b"docgen-house-1"
# Styles the renderer writes into the document by id (runs, signature lines, tables), whatever the template.
REQUIRED_STYLES: tuple[str, ...] = (
    *sorted({s for s in ROLE_STYLES.values() if s}),
    SIGNATURE_STYLE,
    TABLE_STYLE,
    TABLE_TEXT_STYLE,
    TABLE_HEADER_STYLE,
)
_REF_TAGS = frozenset(w(t) for t in ("pStyle", "rStyle", "tblStyle", "basedOn", "next", "link"))
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)


@dataclass(frozen=True)
class Layout:
    """Where a .docx keeps its parts (found through the relationship parts, not by guessing names)."""

    main: str
    styles: str | None
    settings: str | None
    headers_footers: tuple[str, ...]


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _relationships(parts: dict[str, bytes], name: str) -> list[tuple[str, str]]:
    """(type suffix, target part) of every internal relationship of ``name``."""
    data = parts.get(_rels_name(name) if name else "_rels/.rels")
    if data is None:
        return []
    root = etree.fromstring(data, parser=_PARSER)
    return [
        (r.get("Type", "").rsplit("/", 1)[-1], _target(name, r.get("Target", "")))
        for r in root.iter(f"{{{NS['pr']}}}Relationship")
        if r.get("TargetMode") != "External"
    ]


def layout(parts: dict[str, bytes]) -> Layout:
    """The main document part, the styles and settings parts and the headers and footers."""
    main = next((t for kind, t in _relationships(parts, "") if kind == "officeDocument"), "")
    if main not in parts:
        raise RenderError("不是有效的 .docx 文件：缺少正文部件（word/document.xml）")
    rels = _relationships(parts, main)

    def first(kind: str) -> str | None:
        return next((t for k, t in rels if k == kind and t in parts), None)

    hf = tuple(t for k, t in rels if k in ("header", "footer") and t in parts)
    return Layout(main, first("styles"), first("settings"), hf)


@functools.lru_cache(maxsize=1)
def canonical_styles() -> dict[str, str]:
    """docgen's style ids → their names (styles/gbt9704.yaml), plus Normal and the table defaults."""
    data = ooxml.load_profile().data
    out = {"Normal": "Normal", "TableNormal": "Normal Table"}
    for key in ("paragraph_styles", "character_styles"):
        out.update({str(s["id"]): str(s["name"]) for s in data[key]})
    out[str(data["table"]["style_id"])] = str(data["table"]["style_name"])
    return out


def _styles(root: etree._Element) -> dict[str, str]:
    """style id → name of a styles part."""
    out: dict[str, str] = {}
    for st in root.iter(w("style")):
        name = st.find(w("name"))
        out[st.get(w("styleId"), "")] = name.get(w("val"), "") if name is not None else ""
    return out


def style_renames(styles_root: etree._Element) -> dict[str, str]:
    """Ids to change so that every docgen style found by name carries docgen's id again."""
    present = _styles(styles_root)
    by_name: dict[str, list[str]] = {}
    for sid, name in present.items():
        by_name.setdefault(name.casefold(), []).append(sid)
    renames: dict[str, str] = {}
    for cid, cname in canonical_styles().items():
        if cid in present:
            continue
        ids = by_name.get(cname.casefold(), [])
        if len(ids) == 1 and ids[0] not in canonical_styles():
            renames[ids[0]] = cid
    return renames


@functools.lru_cache(maxsize=1)
def _default_styles() -> etree._Element | None:
    from docgen.render.templates import reference_template

    try:
        parts = read_parts(reference_template().read_bytes())
        lay = layout(parts)
    except (OSError, RenderError):
        return None
    return etree.fromstring(parts[lay.styles], parser=_PARSER) if lay.styles else None


def _restore_table_style(styles: etree._Element) -> bool:
    present = _styles(styles)
    if TABLE_STYLE in present:
        return False
    default = _default_styles()
    if default is None:
        return False
    for st in default.iter(w("style")):
        if st.get(w("styleId")) == TABLE_STYLE:
            copy = etree.fromstring(etree.tostring(st))
            based = copy.find(w("basedOn"))
            if based is not None and based.get(w("val")) not in present:
                copy.remove(based)
            styles.append(copy)
            return True
    return False


@dataclass(frozen=True)
class Repairs:
    """What :func:`normalize_parts` changed: style ids given back (old → docgen's) and styles restored."""

    renames: dict[str, str]
    restored: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.renames or self.restored)


def normalize_parts(parts: dict[str, bytes]) -> Repairs:
    """Give docgen's styles their ids back (in place) and restore a dropped table style.

    ``parts`` changes only when something was repaired.
    """
    lay = layout(parts)
    if lay.styles is None:
        return Repairs({})
    styles = etree.fromstring(parts[lay.styles], parser=_PARSER)
    renames = style_renames(styles)
    for st in styles.iter(w("style")):
        sid = st.get(w("styleId"), "")
        if sid in renames:
            st.set(w("styleId"), renames[sid])
    _rename_refs(styles, renames)
    restored = (TABLE_STYLE,) if _restore_table_style(styles) else ()
    if not renames and not restored:
        return Repairs({})
    parts[lay.styles] = ooxml_bytes(styles)
    for name in sorted(parts):
        if (
            name == lay.styles
            or not name.endswith(".xml")
            or not name.startswith(posixpath.dirname(lay.main))
        ):
            continue
        data = parts[name]
        if not any(old.encode() in data for old in renames):
            continue
        root = etree.fromstring(data, parser=_PARSER)
        if _rename_refs(root, renames):
            parts[name] = ooxml_bytes(root)
    return Repairs(renames, restored)


def _rename_refs(root: etree._Element, renames: dict[str, str]) -> bool:
    changed = False
    for el in root.iter():
        if el.tag in _REF_TAGS:
            val = el.get(w("val"))
            if val in renames:
                el.set(w("val"), renames[val])
                changed = True
    return changed


def ooxml_bytes(root: etree._Element) -> bytes:
    """A part's bytes with the XML declaration Word writes."""
    body: bytes = etree.tostring(root, encoding="UTF-8")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body


@functools.lru_cache(maxsize=1)
def _scratch() -> Path:
    from docgen.fragcache import cache_dir

    base = cache_dir()
    if base is not None:
        target = base / "templates"
        try:
            target.mkdir(parents=True, exist_ok=True)
            return target
        except OSError:
            pass
    tmp = Path(tempfile.mkdtemp(prefix="docgen-templates-"))
    atexit.register(shutil.rmtree, tmp, True)
    return tmp


def prepare_template(path: Path) -> Path:
    """``path`` itself when docgen's styles are where the renderer expects them, else a repaired copy
    (cached by the template's content).  Errors are left to the renderer, which reports them in full."""
    try:
        st = path.stat()
    except OSError:
        return path
    key = (str(path), st.st_mtime_ns, st.st_size)
    got = _prepared(*key)
    if got is not None and not got.is_file():  # the cached copy was cleaned away
        _prepared.cache_clear()
        got = _prepared(*key)
    return got or path


@functools.lru_cache(maxsize=32)
def _prepared(path: str, mtime_ns: int, size: int) -> Path | None:
    """The repaired copy of ``path`` (None: use it as it is); cached per file version like the renderer's
    compiled templates."""
    del mtime_ns, size  # cache key only
    try:
        data = Path(path).read_bytes()
        parts = read_parts(data)
        if not normalize_parts(parts):
            return None
    except (OSError, RenderError, etree.XMLSyntaxError):
        return None
    target = (_scratch() / f"{hashlib.sha256(FORMAT + data).hexdigest()[:32]}.docx").absolute()
    repaired = write_docx(parts)
    try:  # the cache folder may be shared: a copy is used only if it is exactly the one we would write
        if target.is_file() and not target.is_symlink() and target.read_bytes() == repaired:
            return target
    except OSError:
        pass
    from docgen.fsutil import atomic_write

    try:
        atomic_write(target, repaired)
    except (OSError, DocgenError):
        return None
    return target
