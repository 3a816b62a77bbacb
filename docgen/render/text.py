"""Plain-text and Markdown renderings of a Draft (previews, snapshots, diff input)."""

from __future__ import annotations

import re

from docgen.draft import (
    LEAD_ROLES,
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

__all__ = ["render_markdown", "render_text"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~=#&])")
# Closing punctuation moved outside a bold span: CommonMark does not close "**…。**" when a letter follows
# (the closing ** is preceded by punctuation and followed by a letter, so it is not right-flanking).
_TRAILING_PUNCT = re.compile(r"[。，；：！？、）”’》]+$")


def render_text(draft: Draft) -> str:
    """The draft as plain text: one line per paragraph (a byline line, a table row with tab-separated
    cells), ending with a newline."""
    return draft.text()


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_segment(seg: Segment) -> str:
    if not seg.text:
        return ""
    text = seg.text.replace("\n", " ")
    if seg.role in LEAD_ROLES:
        m = _TRAILING_PUNCT.search(text)
        core, tail = (text[: m.start()], m.group()) if m else (text, "")
        return f"**{_md_escape(core)}**{_md_escape(tail)}" if core else _md_escape(text)
    if seg.role == "todo":
        return f"=={_md_escape(text)}=="
    return _md_escape(text)


def _md_table(table: Table) -> list[str]:
    if not table.rows:
        return []
    ncols = max(len(r) for r in table.rows)

    def row(cells: tuple[str, ...]) -> str:
        padded = [*cells, *([""] * (ncols - len(cells)))]
        return "| " + " | ".join(_md_escape(c.replace("\n", " ")) for c in padded) + " |"

    return [row(table.rows[0]), "| " + " | ".join(["---"] * ncols) + " |", *(row(r) for r in table.rows[1:])]


def render_markdown(draft: Draft) -> str:
    """The draft as Markdown: ``#`` title, ``##`` level-1 and ``###`` level-2 headings, run-in leads in
    bold, draft placeholders as ``==〔待补：…〕==``, tables as pipe tables.  Blocks are separated by a blank
    line; Markdown's special characters in the text are backslash-escaped."""
    out: list[str] = []
    for b in draft.blocks:
        if isinstance(b, Title):
            out.append(f"# {_md_escape(b.text)}")
        elif isinstance(b, Heading):
            out.append(f"{'#' * (b.level + 1)} {_md_escape(b.full_text)}")
        elif isinstance(b, Paragraph):
            out.append("".join(_md_segment(s) for s in b.segments))
        elif isinstance(b, Byline):
            out.extend(_md_escape(line) for line in b.lines)
        elif isinstance(b, Signature):
            out.extend((_md_escape(b.unit), _md_escape(b.date_text)))
        elif isinstance(b, Table):
            table = _md_table(b)
            if table:
                out.append("\n".join(table))
        elif isinstance(b, Subtitle | Salutation | ClosingLine):
            out.append(_md_escape(b.text))
    return "\n\n".join(out) + "\n"
