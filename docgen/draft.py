"""The Draft: ordered blocks produced by composition and consumed by every renderer.

This module is the contract between ``docgen.compose`` and ``docgen.render``.  Plain dataclasses, no
behaviour beyond text access.  Every :class:`Segment` knows the data paths its words came from, so a
reviewer can trace a figure back to the facts (``render --annotate``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

SegmentRole = Literal[
    "text",  # ordinary body text (仿宋)
    "l2_lead",  # run-in level-2 heading incl. its number, e.g. "（一）凝聚工作合力，树好政协形象。" (楷体)
    "l3_lead",  # lead sentence of an 一是 point, e.g. "一是聚焦主题主线集中发声。" (bold when the option is on)
    "item_lead",  # run-in item lead of exchange materials, e.g. "1.高度重视，周密部署。" (bold when the option is on)
    "todo",  # draft-mode placeholder 〔待补：…〕 (highlighted)
]

#: The run-in lead roles (a heading or point lead inside a paragraph).
LEAD_ROLES: frozenset[str] = frozenset({"l2_lead", "l3_lead", "item_lead"})


@dataclass(frozen=True)
class Segment:
    text: str
    role: SegmentRole = "text"
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Subtitle:
    """A subtitle line under the title, e.g. "——在全市政协宣传信息工作会议上的讲话"."""

    text: str


@dataclass(frozen=True)
class Byline:
    """Speaker and date lines under the title (楷体, centred), e.g. "市政协主席　林远航" / "（2024年12月6日）"."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Salutation:
    text: str  # "同志们："


@dataclass(frozen=True)
class Heading:
    """A heading on its own line.  level 1 = "一、…" (黑体); level 2 = "（一）…" (楷体) standing alone."""

    level: Literal[1, 2]
    number: str  # "一、" / "（一）" / "1." — already formatted, may be ""
    text: str
    paths: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        return f"{self.number}{self.text}"


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (first-line indent 2 字, justified) made of segments."""

    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True)
class ClosingLine:
    """A short closing line such as "谢谢大家！" (body style)."""

    text: str


@dataclass(frozen=True)
class Signature:
    """Signature block per GB/T 9704 7.3.5.2 (no seal): unit, then date."""

    unit: str
    date_text: str


@dataclass(frozen=True)
class Table:
    """A simple table (meeting plan agenda).  First row is the header."""

    rows: tuple[tuple[str, ...], ...]
    col_widths_mm: tuple[float, ...] = ()


Block = Title | Subtitle | Byline | Salutation | Heading | Paragraph | ClosingLine | Signature | Table


@dataclass(frozen=True)
class Notice:
    """A counted warning raised while composing (a dropped clause, an unused fact, a text-quality finding…).

    Composers and checkers give ``code``, ``message`` and the data ``path`` (several joined by "、");
    ``docgen.api`` adds where the path is in the facts file, so it prints like a problem:
    ``FILE:LINE:COL: path: message [code]``."""

    code: str
    message: str
    path: str = ""
    file: str = ""
    line: int = 0
    col: int = 0

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}: " if self.file else ""
        return f"{where}{self.path or '(顶层)'}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class DraftMeta:
    doc_id: str
    kind: str
    title: str
    date: date
    author: str = ""
    subject: str = ""
    keywords: str = ""


@dataclass
class Draft:
    meta: DraftMeta
    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The draft as plain text lines, one per block (tables: one line per row, cells joined by tabs)."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Heading):
                out.append(b.full_text)
            elif isinstance(b, Byline):
                out.extend(b.lines)
            elif isinstance(b, Signature):
                out.extend([b.unit, b.date_text])
            elif isinstance(b, Table):
                out.extend("\t".join(r) for r in b.rows)
            elif isinstance(b, Paragraph):
                out.append(b.text)
            else:
                out.append(b.text)
        return out

    def text(self) -> str:
        return "\n".join(self.lines()) + "\n"
