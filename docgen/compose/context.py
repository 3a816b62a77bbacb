"""Composition context: the facts, the fragment library, the mode, and small builders.

Machinery only: no document vocabulary lives here (that is in fragments/).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from docgen import zh
from docgen.draft import DraftMeta, Notice, Paragraph, Segment, SegmentRole
from docgen.fragments import FragmentLibrary
from docgen.model.facts import Facts
from docgen.model.outlets import Outlet

TODO_RE = re.compile(r"(〔待补：[^〕]*〕)")


@dataclass
class Ctx:
    facts: Facts
    lib: FragmentLibrary
    notices: list[Notice] = field(default_factory=list)
    period_said: bool = False  # the period label was said in the current section (say it once)
    said: set[str] = field(default_factory=set)

    @property
    def doc_id(self) -> str:
        return self.facts.document.id

    @property
    def draft_mode(self) -> bool:
        return self.facts.document.mode == "draft"

    @property
    def county(self) -> bool:
        return self.facts.document.heading_style == "county"

    # --- fragments -----------------------------------------------------------------------------------
    def frag(self, fid: str, **slots: object) -> str:
        """Render fragment family ``fid`` with the document's stable variant (or its override)."""
        doc = self.facts.document
        return self.lib.render(fid, slots, self.doc_id, override=doc.variants.get(fid), on=doc.date)

    def political(self, fid: str) -> str:
        doc = self.facts.document
        return self.lib.render(fid, {}, self.doc_id, override=doc.variants.get(fid), on=doc.date)

    def notice(self, code: str, message: str, path: str = "") -> None:
        self.notices.append(Notice(code, message, path))

    # --- missing facts --------------------------------------------------------------------------------
    def todo(self, label: str, path: str = "") -> str | None:
        """In draft mode a visible 〔待补：label〕 marker; in final mode None (the caller drops the clause)."""
        self.notices.append(Notice("dropped-fact", f"缺少“{label}”，相关分句已略去", path))
        return f"〔待补：{label}〕" if self.draft_mode else None

    def opt(self, value: str | None, label: str, path: str = "") -> str | None:
        return value if value is not None else self.todo(label, path)

    def meta(self, title: str, subject: str, author: str | None = None) -> DraftMeta:
        """The draft's metadata (core properties of the .docx come from it, never from the clock)."""
        doc, org = self.facts.document, self.facts.org
        return DraftMeta(
            doc.id,
            doc.kind,
            title,
            doc.date,
            author=author or org.full_name or org.short_name,
            subject=subject,
        )

    # --- common derived values ------------------------------------------------------------------------
    @property
    def org(self) -> str:
        return self.facts.org.short_name

    @property
    def ours(self) -> str:
        return self.facts.org.derived_self_ref()

    @property
    def scope(self) -> str:
        return self.facts.org.derived_scope()

    @property
    def period(self) -> str:
        p = self.facts.period
        if p is None:
            return self.todo("统计期", "period") or "今年以来"
        return p.label or zh.period_label(p.start, p.end, self.facts.document.date)

    def once(self, key: str, value: str) -> str | None:
        """``value`` the first time ``key`` is asked for in this document, then None (say a formula once)."""
        if key in self.said:
            return None
        self.said.add(key)
        return value

    def period_once(self) -> str | None:
        """The period label the first time a section needs it, then None (avoids 今年以来…今年以来…)."""
        if self.period_said:
            return None
        self.period_said = True
        return self.period

    @property
    def year(self) -> int:
        return self.facts.document.date.year

    def outlet(self, oid: str) -> str:
        """An outlet's name as written in running text: 《报刊》, “栏目”, or a plain station name."""
        o = self.facts.outlet(oid)
        return outlet_text(o) if o is not None else oid

    def outlets(self, ids: Iterable[str]) -> str:
        return join_book_titles([self.outlet(i) for i in dict.fromkeys(ids)])

    def count(self, value: int | None, unit: str, approx: str | None = "") -> str | None:
        if value is None or value <= 0:
            return None
        return zh.count(value, unit, approx or None)


def outlet_text(o: Outlet) -> str:
    if o.takes_book_marks:
        return zh.book_title(o.name)
    if o.type == "wechat":
        return zh.quoted(o.name) + ("" if o.name.endswith("公众号") else "微信公众号")
    if o.type == "app":
        return zh.quoted(o.name) + ("" if o.name.endswith("客户端") else "客户端")
    if o.type == "column":
        return zh.quoted(o.name)
    return o.name


def join_book_titles(names: list[str]) -> str:
    """Consecutive 《》 titles are written without 顿号 (《A》《B》); other names are joined with 、."""
    out = ""
    for i, n in enumerate(names):
        if i and not (n.startswith("《") and out.endswith("》")):
            out += "、"
        out += n
    return out


class ParaBuilder:
    """Collects segments of one paragraph; text with 〔待补：…〕 markers is split into todo segments."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []

    def lead(self, text: str, role: SegmentRole, paths: tuple[str, ...] = ()) -> ParaBuilder:
        self.segments.append(Segment(text, role, paths))
        return self

    def add(self, text: str | None, paths: Iterable[str] = ()) -> ParaBuilder:
        if not text:
            return self
        p = tuple(paths)
        for part in TODO_RE.split(text):
            if not part:
                continue
            self.segments.append(Segment(part, "todo" if TODO_RE.fullmatch(part) else "text", p))
        return self

    def add_all(self, items: Iterable[tuple[str | None, Iterable[str]]]) -> ParaBuilder:
        for text, paths in items:
            self.add(text, paths)
        return self

    @property
    def empty(self) -> bool:
        return not any(s.role in ("text", "todo") and s.text for s in self.segments)

    def build(self) -> Paragraph:
        return Paragraph(tuple(self.segments))


def sentence(clauses: Iterable[str | None], end: str = "。") -> str | None:
    """Join the clauses that exist with ，and close with ``end``; None when none exist."""
    parts = [c for c in clauses if c]
    if not parts:
        return None
    return "，".join(parts) + end


def slots(mapping: Mapping[str, object]) -> dict[str, object]:
    return dict(mapping)
