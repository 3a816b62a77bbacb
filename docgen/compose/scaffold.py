"""Scaffolding every composer may use: the title lines (title, speaker line, date, salutation) and the
points-count check of a speech.  No domain vocabulary."""

from __future__ import annotations

from docgen import zh
from docgen.compose.context import Ctx
from docgen.draft import Block, Byline, Salutation, Title

__all__ = ["PointsMismatch", "head_blocks", "speaker_line"]


class PointsMismatch(Exception):
    """document.points_count disagrees with the number of level-1 sections."""

    def __init__(self, declared: int, actual: int) -> None:
        super().__init__(f"points_count={declared}, sections={actual}")
        self.declared = declared
        self.actual = actual


def speaker_line(role: str, name: str | None) -> str:
    if not name:
        return role
    clean = name.replace("（虚构）", "").replace("(虚构)", "").strip()
    if len(clean) == 2:  # 两字姓名中间加全角空格
        clean = clean[0] + "\u3000" + clean[1]
    return f"{role}\u3000{clean}"


def head_blocks(ctx: Ctx, title: str) -> list[Block]:
    doc = ctx.facts.document
    blocks: list[Block] = [Title(title)]
    lines: list[str] = []
    if doc.speaker is not None:
        lines.append(speaker_line(doc.speaker.role, doc.speaker.name))
    lines.append(f"（{zh.cn_date(doc.date, doc.date_style)}）")
    blocks.append(Byline(tuple(lines)))
    if doc.salutation:
        blocks.append(Salutation(doc.salutation.rstrip("：:") + "："))
    return blocks
