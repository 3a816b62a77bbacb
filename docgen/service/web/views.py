"""Library results → plain data for the page templates: the draft preview, the side-by-side diff, the fact
check findings.  No storage and no HTTP here (the routes supply both)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docgen.draft import (
    Block,
    Byline,
    ClosingLine,
    Draft,
    Heading,
    Paragraph,
    Salutation,
    Signature,
    Subtitle,
    Table,
    Title,
)
from docgen.review.check import CheckResult, Finding
from docgen.review.diff import Change, DiffResult
from docgen.review.extract import story_label
from docgen.review.tokens import is_number, tokenize

__all__ = ["DiffRow", "check_rows", "diff_rows", "preview_blocks"]


def _block(b: Block) -> dict[str, Any]:
    if isinstance(b, Title):
        return {"type": "title", "text": b.text}
    if isinstance(b, Subtitle):
        return {"type": "subtitle", "text": b.text}
    if isinstance(b, Byline):
        return {"type": "byline", "lines": list(b.lines)}
    if isinstance(b, Salutation):
        return {"type": "salutation", "text": b.text}
    if isinstance(b, Heading):
        return {"type": "heading", "level": b.level, "text": b.full_text, "paths": list(b.paths)}
    if isinstance(b, Paragraph):
        segs = [{"text": s.text, "role": s.role, "paths": list(s.paths)} for s in b.segments]
        return {"type": "paragraph", "segments": segs}
    if isinstance(b, ClosingLine):
        return {"type": "closing", "text": b.text}
    if isinstance(b, Signature):
        return {"type": "signature", "unit": b.unit, "date_text": b.date_text}
    if isinstance(b, Table):
        return {"type": "table", "rows": [list(r) for r in b.rows]}
    raise TypeError(f"unknown block {type(b).__name__}")  # pragma: no cover - the Block union is closed


def preview_blocks(draft: Draft) -> tuple[list[dict[str, Any]], int]:
    """The draft's blocks as template data, and how many 〔待补〕 placeholders it has."""
    blocks = [_block(b) for b in draft.blocks]
    todo = sum(1 for b in blocks if b["type"] == "paragraph" for s in b["segments"] if s["role"] == "todo")
    return blocks, todo


# -- diff --------------------------------------------------------------------------------------------------------

Piece = tuple[str, str]  # (css class, text): "" plain, "del"/"ins" changed, "+ num" a changed number


def _pieces(text: str, cls: str) -> list[Piece]:
    """Split a changed hunk so the numbers in it get their own highlight."""
    if not cls:
        return [("", text)]
    out: list[Piece] = []
    for tok in tokenize(text):
        c = f"{cls} num" if is_number(tok) else cls
        if out and out[-1][0] == c:
            out[-1] = (c, out[-1][1] + tok)
        else:
            out.append((c, tok))
    return out


@dataclass
class DiffRow:
    kind: str
    where: str
    old: list[Piece] = field(default_factory=list)
    new: list[Piece] = field(default_factory=list)
    old_no: int | None = None
    new_no: int | None = None

    @property
    def label(self) -> str:
        return {"changed": "修改", "replaced": "改写", "added": "新增", "removed": "删除", "equal": "相同"}[
            self.kind
        ]


def _row(c: Change) -> DiffRow:
    story = story_label(c.story)
    no = c.new_index if c.new_index is not None else c.old_index
    where = f"{story}第 {no + 1} 段" if no is not None else story
    row = DiffRow(c.kind, where, old_no=_one(c.old_index), new_no=_one(c.new_index))
    if c.kind == "changed":
        for op, text in c.ops:
            if op in "=-":
                row.old += _pieces(text, "" if op == "=" else "del")
            if op in "=+":
                row.new += _pieces(text, "" if op == "=" else "ins")
    elif c.kind == "equal":
        row.old, row.new = [("", c.old_text)], [("", c.new_text)]
    else:
        row.old = _pieces(c.old_text, "del") if c.old_text else []
        row.new = _pieces(c.new_text, "ins") if c.new_text else []
    return row


def _one(i: int | None) -> int | None:
    return None if i is None else i + 1


def diff_rows(result: DiffResult, *, context: bool = False) -> list[DiffRow]:
    """Rows for the side-by-side table: the differences (and, with ``context``, the equal paragraphs too)."""
    return [_row(c) for c in result.changes if context or c.kind != "equal"]


# -- fact check ---------------------------------------------------------------------------------------------------

CHECK_LABELS = {
    "unknown-number": "事实中没有的数字",
    "stale-number": "过时的数字",
    "unknown-date": "事实中没有的日期",
    "fact-not-stated": "文稿中缺少的事实",
}


def _stale_pairs(result: CheckResult) -> dict[int, Finding]:
    """Unknown numbers that stand where the facts now have another: the draft's sentence, with the unknown
    number replaced by a fact the draft no longer states, is the sentence docgen composes from the facts.
    Index of the unknown-number finding → the fact-not-stated finding it replaces."""
    missing = [f for f in result.findings if f.code == "fact-not-stated" and f.number and f.excerpt]
    out: dict[int, Finding] = {}
    for i, f in enumerate(result.findings):
        if f.code != "unknown-number" or not f.number or not f.excerpt:
            continue
        context = f.excerpt.strip("…")
        at = context.find(f.number)
        if at < 0:
            continue
        # the words right around the number (up to the next digit: a neighbouring number may have changed too)
        before = re.search(r"[^\d.%]{0,6}$", context[:at])
        after = re.match(r"[^\d.]{0,4}", context[at + len(f.number) :])
        around = (before.group() if before else "", after.group() if after else "")
        if len(around[0]) + len(around[1]) < 3:
            continue
        for m in missing:
            if m not in out.values() and around[0] + m.number + around[1] in m.excerpt:
                out[i] = m
                break
    return out


def check_rows(result: CheckResult) -> list[dict[str, Any]]:
    """Findings as table rows; an unknown number that a changed fact explains is shown as stale, with the
    fact's current value, and that fact is not listed again as missing."""
    stale = _stale_pairs(result)
    replaced = {id(m) for m in stale.values()}
    rows = []
    for i, f in enumerate(result.findings):
        if id(f) in replaced:
            continue
        d = f.as_dict()
        if i in stale:
            m = stale[i]
            d.update(
                code="stale-number",
                message=f"数字“{f.number}”已过时：事实中现为“{m.number}”（{m.path}）。原句：{f.excerpt}",
                path=m.path,
                line=m.line,
            )
        d["label"] = CHECK_LABELS.get(str(d["code"]), str(d["code"]))
        rows.append(d)
    return rows


def summary_counts(rows: Sequence[dict[str, Any]]) -> Sequence[tuple[str, int]]:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["label"]] = counts.get(r["label"], 0) + 1
    return list(counts.items())
