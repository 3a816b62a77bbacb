"""Inputs for the review tests, built inline through the public API: drafts of given paragraphs rendered with
the real template, XML edits of a rendered .docx, and the examples rendered once per session."""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.api import compose_file, render_draft
from docgen.draft import Block, Draft, DraftMeta, Paragraph, Segment, Table, Title
from docgen.render.finalize import read_parts

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))

PARAS = [
    "今年以来，市政协在中央、省、市主要媒体刊发稿件186篇，较去年同期增长5.2%，其中《东岚政协报》刊发64篇。",
    "全市87个镇街政协委员工作室把政协工作延伸到群众身边，成为委员联系群众、收集社情民意的重要平台。",
    "宣传信息工作队伍现有宣传联络员42名、社情民意信息员65名，为各项工作开展提供了人员保障。",
    "收集各类社情民意信息312条，被省政协采用21条、全国政协采用3条，获市委、市政府领导批示27件。",
    "这些成绩的取得，得益于市委的坚强领导，得益于各县（市、区）政协的密切配合。",
]


def draft_of(blocks: Sequence[Block | str], kind: str = "leadership_speech") -> Draft:
    """A draft of the given blocks (a string is a one-segment body paragraph)."""
    meta = DraftMeta("t-review", kind, "测试文稿", dt.date(2024, 12, 6))
    out: list[Block] = [Paragraph((Segment(b),)) if isinstance(b, str) else b for b in blocks]
    return Draft(meta, out)


def docx_of(blocks: Sequence[Block | str], kind: str = "leadership_speech") -> bytes:
    """Render the given blocks with the kind's real template."""
    return render_draft(draft_of(blocks, kind), "docx")


def edit_part(docx: bytes, change: Callable[[str], str], part: str = "word/document.xml") -> bytes:
    parts = read_parts(docx)
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    buf = io.BytesIO()  # a plain zip: write_docx refuses hostile parts, and tests need to build them
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def with_table(paras: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    return docx_of([Title("会议议程"), *paras, Table(tuple(tuple(r) for r in rows))], "meeting_plan")


@functools.cache
def rendered_examples() -> dict[str, tuple[bytes, Path]]:
    """Example stem → (its .docx, its path), for every example whose kind can be composed."""

    out: dict[str, tuple[bytes, Path]] = {}
    for path in EXAMPLES:
        out[path.stem] = (render_draft(compose_file(path), "docx"), path)
    return out
