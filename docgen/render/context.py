"""Draft → the docxtpl context of a template: ``{"meta": {...}, "blocks": [...]}``.

Every template (``templates/<kind>.docx`` or an office's own) loops over ``blocks``; each item is a dict with
a ``kind`` and the values that kind's paragraph needs (see :func:`template_context`).  Text is inserted as
data: plain strings are escaped by Jinja's autoescape, rich paragraphs are docxtpl ``RichText`` (escaped by
docxtpl), and the signature and table XML is built here with every value escaped.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from docgen.draft import (
    Block,
    Byline,
    ClosingLine,
    Draft,
    Heading,
    Paragraph,
    Salutation,
    Segment,
    Signature,
    Subtitle,
    Table,
    Title,
)
from docgen.render.ooxml import escape

__all__ = ["ROLE_STYLES", "TABLE_WIDTH_TWIPS", "signature_indents", "template_context", "text_width"]

# Character style of each Segment role (None: the paragraph's own style).  Ids as in styles/gbt9704.yaml.
ROLE_STYLES: dict[str, str | None] = {
    "text": None,
    "l2_lead": "L2Lead",
    "l3_lead": "L3Lead",
    "item_lead": "ItemLead",
    "todo": "TodoMark",
}
SIGNATURE_STYLE = "Signature"
TABLE_STYLE = "DocTable"
TABLE_TEXT_STYLE = "TableText"
TABLE_HEADER_STYLE = "TableHeader"
TABLE_WIDTH_TWIPS = 8844  # 156 mm = 版心宽 (styles/gbt9704.yaml table.width_mm)
TABLE_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
BODY_CHAR_TWIPS = 320  # one 字 of 3号 (16 pt) text
SIGNATURE_GAP_CHARS = 2.0  # GB/T 9704 7.3.5.2: 署名 2字 from the right; date starts 2字 right of it

# XML 1.0 refuses these even as character references; they are dropped from data.
_XML_BAD = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\n\t]")
_T_OPEN = '<w:t xml:space="preserve">'


def clean(text: str) -> str:
    """Drop characters XML cannot carry (NUL and other C0 controls except tab and newline)."""
    return _XML_BAD.sub("", text) if _XML_BAD.search(text) else text


def _inline(text: str) -> str | Markup:
    """A value for ``{{ b.text }}`` inside a ``w:t``: plain (Jinja escapes it), or markup for breaks/tabs."""
    text = clean(text)
    if not _BREAKS.search(text):
        return text
    xml = escape(text).replace("\n", f"</w:t><w:br/>{_T_OPEN}").replace("\t", f"</w:t><w:tab/>{_T_OPEN}")
    return Markup(xml)


class RichText:
    """The part of docxtpl's ``RichText`` docgen uses — runs of text with a character style — producing the
    same XML, so rendering never imports docxtpl (and python-docx) for it."""

    def __init__(self) -> None:
        self.xml = ""

    def add(self, text: str, style: str | None = None) -> None:
        prop = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
        self.xml += f'<w:r>{prop}<w:t xml:space="preserve">{html.escape(text)}</w:t></w:r>'

    def __str__(self) -> str:
        return self.xml

    def __html__(self) -> str:
        return self.xml


def _rich(segments: Iterable[Segment], used: set[str]) -> RichText:
    rt = RichText()
    for seg in segments:
        if not seg.text:
            continue
        style = ROLE_STYLES.get(seg.role)
        if style:
            used.add(style)
        for i, piece in enumerate(clean(seg.text).split("\n")):
            if i:
                rt.xml += "<w:r><w:br/></w:r>"
            if piece:
                rt.add(piece, style=style)
    return rt


def text_width(text: str) -> float:
    """Width in 字: full-width and ambiguous (“”（）) characters count 1, half-width ones (digits) ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def signature_indents(unit: str, date_text: str) -> tuple[float, float]:
    """Right indents (in 字) of the 署名 line and the date line, GB/T 9704-2012 7.3.5.2 (no seal).

    署名 2字 from the right; the date on the next line starts 2字 to the right of the 署名's first character.
    When the date is too long for that, the date keeps 2字 from the right and the 署名 moves left.
    """
    gap = SIGNATURE_GAP_CHARS
    unit_w, date_w = text_width(unit), text_width(date_text)
    unit_right = gap
    date_right = unit_right + unit_w - gap - date_w
    if date_right < gap:
        date_right = gap
        unit_right = date_right + date_w + gap - unit_w
    return unit_right, date_right


def _para(style: str, text: str, right_chars: float | None = None, rpr: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>'
    if right_chars is not None:
        ppr += f'<w:ind w:rightChars="{round(right_chars * 100)}" w:right="{round(right_chars * BODY_CHAR_TWIPS)}"/>'
    run = f"<w:r>{rpr}{_T_OPEN}{escape(clean(text))}</w:t></w:r>" if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def _signature_xml(sig: Signature) -> Markup:
    unit_right, date_right = signature_indents(sig.unit, sig.date_text)
    return Markup(
        _para(SIGNATURE_STYLE, sig.unit, unit_right) + _para(SIGNATURE_STYLE, sig.date_text, date_right)
    )


def _table_xml(table: Table) -> Markup:
    ncols = max((len(r) for r in table.rows), default=0)
    if table.col_widths_mm and len(table.col_widths_mm) == ncols:
        widths = [round(mm * 1440 / 25.4) for mm in table.col_widths_mm]
    else:
        widths = [TABLE_WIDTH_TWIPS // ncols] * ncols
    borders = "".join(
        TABLE_BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    out.extend(f'<w:gridCol w:w="{wd}"/>' for wd in widths)
    out.append("</w:tblGrid>")
    for i, row in enumerate(table.rows):
        header = i == 0
        out.append(
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if header
            else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        )
        style = TABLE_HEADER_STYLE if header else TABLE_TEXT_STYLE
        for j in range(ncols):
            cell = row[j] if j < len(row) else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[j]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f"{_para(style, cell)}</w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return Markup("".join(out))


_HEAD = (Title, Subtitle, Byline)


def _blocks(blocks: list[Block], used: set[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    blank = {"kind": "blank", "text": ""}
    n = len(blocks)
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < n else None
        if isinstance(b, Paragraph):
            out.append({"kind": "paragraph", "rich": _rich(b.segments, used), "text": clean(b.text)})
        elif isinstance(b, Heading):
            out.append(
                {
                    "kind": f"heading{b.level}",
                    "level": b.level,
                    "number": _inline(b.number),
                    "title": _inline(b.text),
                    "text": _inline(b.full_text),
                }
            )
        elif isinstance(b, Title):
            out.append({"kind": "title", "text": _inline(b.text)})
        elif isinstance(b, Subtitle):
            out.append({"kind": "subtitle", "text": _inline(b.text)})
        elif isinstance(b, Byline):
            out.extend({"kind": "byline", "text": _inline(line)} for line in b.lines)
        elif isinstance(b, Salutation):
            out.append({"kind": "salutation", "text": _inline(b.text)})
        elif isinstance(b, ClosingLine):
            out.append({"kind": "closing", "text": _inline(b.text)})
        elif isinstance(b, Signature):
            used.add(SIGNATURE_STYLE)
            if out and out[-1]["kind"] != "blank":
                out.append(blank)  # 7.3.5.2: one blank line between the body and the signature
            out.append(
                {
                    "kind": "signature",
                    "unit": clean(b.unit),
                    "date_text": clean(b.date_text),
                    "text": _inline(f"{b.unit}\n{b.date_text}"),
                    "xml": _signature_xml(b),
                }
            )
        elif isinstance(b, Table):
            if not b.rows or not any(b.rows):
                continue
            used.update((TABLE_STYLE, TABLE_TEXT_STYLE, TABLE_HEADER_STYLE))
            out.append({"kind": "table", "rows": [list(map(clean, r)) for r in b.rows], "xml": _table_xml(b)})
            if nxt is None or isinstance(nxt, Table):
                out.append(blank)  # Word needs a paragraph after a table (and between two tables)
        else:  # pragma: no cover - Block is a closed union
            raise TypeError(f"unknown block {type(b).__name__}")
        # One blank line after the head (title, subtitle, byline) before whatever follows it.
        if isinstance(b, _HEAD) and nxt is not None and not isinstance(nxt, _HEAD):
            out.append(blank)
    return out


def build_context(draft: Draft) -> tuple[dict[str, Any], frozenset[str]]:
    """The template context and the style ids it references outside the template's own paragraphs."""
    used: set[str] = set()
    m = draft.meta
    meta = {
        "doc_id": m.doc_id,
        "kind": m.kind,
        "title": clean(m.title),
        "date": m.date.isoformat(),
        "author": clean(m.author),
        "subject": clean(m.subject),
        "keywords": clean(m.keywords),
    }
    return {"meta": meta, "blocks": _blocks(list(draft.blocks), used)}, frozenset(used)


def template_context(draft: Draft) -> dict[str, Any]:
    """The context a template is rendered with.

    ``meta``: doc_id, kind, title, date (ISO), author, subject, keywords.
    ``blocks``: one item per paragraph (a Byline gives one per line), each ``{"kind": …, …}``:
    ``title``/``subtitle``/``byline``/``salutation``/``closing`` → ``text``; ``heading1``/``heading2`` →
    ``text`` (number + text), ``number``, ``title``, ``level``; ``paragraph`` → ``rich`` (RichText, one run
    per segment with its character style) and ``text``; ``blank`` → an empty paragraph; ``signature`` →
    ``unit``, ``date_text``, ``xml`` (two paragraphs, for ``{{p b.xml }}``); ``table`` → ``rows`` and
    ``xml`` (a bordered ``w:tbl``, for ``{{p b.xml }}``).
    """
    return build_context(draft)[0]
