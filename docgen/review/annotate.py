"""Source comments: every sentence of a rendered draft that carries a fact gets a Word comment naming the
data path(s) it came from (``render --annotate``), so a reviewer clicking a figure sees its source.

The rendered .docx is post-processed: its body paragraphs are matched, in order and by text, to the
:class:`~docgen.draft.Paragraph` blocks of the draft it was rendered from (a paragraph that cannot be found,
for instance because an office template adds its own text, is skipped; matching then goes on after the last
match).  Inside a matched paragraph each :class:`~docgen.draft.Segment` with data paths is located by its
character offsets (runs are split if a template merged them) and wrapped in ``w:commentRangeStart`` /
``w:commentRangeEnd`` followed by a ``w:commentReference`` run.  The comments go to ``word/comments.xml``
(created with its relationship and content type, or extended if the template has one), author ``docgen``,
ids in document order, date as for redlines: the output is deterministic.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from docgen.draft import Draft, Paragraph
from docgen.render.context import clean
from docgen.render.finalize import write_docx
from docgen.review import wml
from docgen.review.extract import BODY, ReviewError, main_part, paragraphs, parse_xml, read_zip
from docgen.review.redline import AUTHOR, revision_date
from docgen.review.wml import P, R, T, W, w

__all__ = ["annotate_docx"]

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
HEADER = "数据来源（事实文件中的路径）："
_ID_TAGS = (w("comment"), w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _comment(cid: int, paths: tuple[str, ...], date: str) -> etree._Element:
    c = etree.Element(w("comment"), nsmap={"w": W})
    c.set(w("id"), str(cid))
    c.set(w("author"), AUTHOR)
    c.set(w("date"), date)
    c.set(w("initials"), "dg")
    for i, line in enumerate([HEADER, *paths]):
        p = etree.SubElement(c, P)
        if i == 0:
            etree.SubElement(etree.SubElement(p, R), w("annotationRef"))
        t = etree.SubElement(etree.SubElement(p, R), T)
        t.text = line
    return c


def _wrap(p: etree._Element, start: int, end: int, cid: int) -> bool:
    """Put segment ``[start, end)`` of paragraph ``p`` in a comment range; False if it cannot be found."""
    spans = wml.cut(p, {start, end})
    first = next((sp for sp in spans if sp.start == start and sp.end > start), None)
    last = next((sp for sp in reversed(spans) if sp.end == end and sp.end > sp.start), None)
    if first is None or last is None:
        return False
    rs = etree.Element(w("commentRangeStart"))
    rs.set(w("id"), str(cid))
    re_ = etree.Element(w("commentRangeEnd"))
    re_.set(w("id"), str(cid))
    ref_run = etree.Element(R)
    ref = etree.SubElement(ref_run, w("commentReference"))
    ref.set(w("id"), str(cid))
    first.run.addprevious(rs)
    last.run.addnext(re_)
    re_.addnext(ref_run)
    return True


def _rels(parts: dict[str, bytes], main: str, label: str) -> etree._Element:
    name = _rels_name(main)
    if name in parts:
        return parse_xml(parts[name], label, name)
    return etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})


def _existing_comments(parts: dict[str, bytes], main: str, label: str) -> tuple[str, etree._Element] | None:
    folder = posixpath.dirname(main)
    for rel in _rels(parts, main, label).iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") == REL_COMMENTS and rel.get("TargetMode") != "External":
            name = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            if name in parts:
                return name, parse_xml(parts[name], label, name)
    return None


def _wire_comments(parts: dict[str, bytes], main: str, label: str) -> str:
    """Add a new comments part's relationship and content type; returns its name."""
    folder = posixpath.dirname(main)
    name = posixpath.join(folder, "comments.xml")
    n = 1
    while name in parts:
        name = posixpath.join(folder, f"comments{n}.xml")
        n += 1
    rels = _rels(parts, main, label)
    ids = {r.get("Id") for r in rels.iter(f"{{{REL_NS}}}Relationship")}
    rid = "rIdDocgenComments"
    while rid in ids:
        rid += "x"
    etree.SubElement(
        rels, f"{{{REL_NS}}}Relationship", Id=rid, Type=REL_COMMENTS, Target=posixpath.relpath(name, folder)
    )
    parts[_rels_name(main)] = XML_DECL + etree.tostring(rels, encoding="UTF-8")
    types = parse_xml(parts["[Content_Types].xml"], label, "[Content_Types].xml")
    etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=CT_COMMENTS)
    parts["[Content_Types].xml"] = XML_DECL + etree.tostring(types, encoding="UTF-8")
    return name


def _first_free_id(*roots: etree._Element) -> int:
    top = -1
    for root in roots:
        for el in root.iter(*_ID_TAGS):
            value = el.get(w("id"), "")
            if value.isdigit():
                top = max(top, int(value))
    return top + 1


def annotate_docx(docx: bytes, draft: Draft, *, label: str = "文稿") -> bytes:
    """``docx`` (rendered from ``draft``) with a source comment on every sentence that carries data paths."""
    parts = read_zip(docx, label)
    if "[Content_Types].xml" not in parts:
        raise ReviewError(f"{label}：不是有效的 .docx 文件：缺少 [Content_Types].xml")
    main = main_part(parts, label)
    doc = parse_xml(parts[main], label, main)
    body = paragraphs(BODY, doc)
    existing = _existing_comments(parts, main, label)
    comments = existing[1] if existing else etree.Element(w("comments"), nsmap={"w": W})
    next_id = _first_free_id(doc, comments)
    date = revision_date()
    added = 0
    pos = 0
    for block in draft.blocks:
        if not isinstance(block, Paragraph):
            continue
        segs = [(clean(s.text), s.paths) for s in block.segments if s.text]
        text = "".join(t for t, _ in segs)
        k = next((i for i in range(pos, len(body)) if body[i].text == text), None)
        if k is None:
            continue
        pos = k + 1
        offset = 0
        for seg_text, paths in segs:
            start, offset = offset, offset + len(seg_text)
            if paths and seg_text.strip() and _wrap(body[k].element, start, offset, next_id):
                comments.append(_comment(next_id, paths, date))
                next_id += 1
                added += 1
    if not added:
        return write_docx(parts)
    name = existing[0] if existing else _wire_comments(parts, main, label)
    parts[main] = XML_DECL + etree.tostring(doc, encoding="UTF-8")
    parts[name] = XML_DECL + etree.tostring(comments, encoding="UTF-8")
    return write_docx(parts)
