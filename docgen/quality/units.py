"""The draft as text units (one per block) and sentences, each knowing the data paths it came from."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from docgen.draft import (
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
from docgen.quality.findings import Finding

UnitKind = Literal["para", "heading1", "heading2", "title", "closing", "cell", "line"]

#: One sentence: everything up to and including 。！？ (and a closing quote or bracket right after it).
_SENTENCE_RE = re.compile(r"[^。！？]*(?:[。！？]+[”’」』）]*|$)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    role: str
    paths: tuple[str, ...]


@dataclass
class Unit:
    """The text of one block (a table contributes one unit per cell)."""

    block: int
    kind: UnitKind
    text: str
    spans: list[Span] = field(default_factory=list)
    number: str = ""  # heading or run-in lead number: "（一）", "1.", "一、"
    _sentences: list[Sentence] | None = field(default=None, repr=False, compare=False)

    def paths(self, start: int, end: int) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.spans:
            if s.start < end and start < s.end:
                for p in s.paths:
                    seen.setdefault(p, None)
        return tuple(seen)

    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = [
                Sentence(self, m.start(), m.end())
                for m in _SENTENCE_RE.finditer(self.text)
                if m.group().strip()
            ]
        return self._sentences


@dataclass(frozen=True)
class Sentence:
    unit: Unit
    start: int
    end: int

    @functools.cached_property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]

    @property
    def paths(self) -> tuple[str, ...]:
        return self.unit.paths(self.start, self.end)

    def finding(self, code: str, message: str) -> Finding:
        """A finding on this sentence (its text, data paths and block): what a check yields."""
        return Finding(code, message, self.text, self.paths, self.unit.block)


_LEAD_NUMBER_RE = re.compile(r"^(（[一二三四五六七八九十]+）|\d+[.．]|[一二三四五六七八九十]+、)")


def units_of(draft: Draft) -> list[Unit]:
    units: list[Unit] = []
    for i, b in enumerate(draft.blocks):
        if isinstance(b, Paragraph):
            u = Unit(i, "para", "")
            pos = 0
            for seg in b.segments:
                u.spans.append(Span(pos, pos + len(seg.text), seg.role, seg.paths))
                pos += len(seg.text)
                if seg.role in ("l2_lead", "item_lead") and not u.number and pos == len(seg.text):
                    m = _LEAD_NUMBER_RE.match(seg.text)
                    u.number = m.group() if m else ""
            u.text = b.text
            units.append(u)
        elif isinstance(b, Heading):
            kind: UnitKind = "heading1" if b.level == 1 else "heading2"
            units.append(Unit(i, kind, b.text, [Span(0, len(b.text), "text", b.paths)], number=b.number))
        elif isinstance(b, Title | Subtitle):
            units.append(Unit(i, "title", b.text))
        elif isinstance(b, ClosingLine | Salutation):
            units.append(Unit(i, "closing", b.text))
        elif isinstance(b, Byline):
            units.extend(Unit(i, "line", line) for line in b.lines)
        elif isinstance(b, Signature):
            units.extend(Unit(i, "line", line) for line in (b.unit, b.date_text))
        elif isinstance(b, Table):
            units.extend(Unit(i, "cell", cell) for row in b.rows for cell in row)
    return units
