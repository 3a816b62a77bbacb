"""Fact-check a (hand-edited) draft against its facts file: every number in the draft must come from the facts,
and every number the facts put into the draft must still be there.

Numbers are compared by value after normalisation (:mod:`docgen.review.numbers`): 160余篇, 近160篇 and 160篇
are all 160; 78% and 78%以上 are 78; 第三位 is 3; dates compare as dates.  The facts supply:

* every number in the model (counts, ranks, amounts, target bounds …), every date's year, month and day,
  and every number written inside the facts' own texts (names, labels such as 今年1—11月);
* numbers docgen computes: each comparison with a previous value in every wording
  (:func:`docgen.zh.change_phrase`: 较去年增长22.4%, 比去年增加30篇, 是去年的2.5倍);
* when docgen can compose the kind: every number of the draft docgen itself writes from these facts (fixed
  terms of the fragment library such as 成立75周年 included).  Which facts the draft should state also comes
  from that composition: the numbers of each sentence that carries a data path.  Without a composition every
  number under the blocks the kind uses (its ``KindSpec.blocks``) is expected.

Ignored in the draft: list numbers (1. （1）), numbers inside 《》, the document's and the period's years,
headers and footers (page numbers).  Tracked changes in the draft are accepted first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from docgen import zh
from docgen.draft import Draft, Heading, Paragraph
from docgen.load import SourceMap, format_loc
from docgen.model.basefacts import BaseFacts
from docgen.review.extract import BODY, load_docx
from docgen.review.numbers import Mention, mentions

__all__ = ["CheckResult", "FactNumbers", "Finding", "check_draft", "fact_numbers"]

Loc = tuple[str | int, ...]
Code = Literal["unknown-number", "unknown-date", "fact-not-stated"]
EXCERPT = 18  # characters each side of a number in messages
_NOT_STATED_KEYS = frozenset({"previous", "year"})
_FIXED_TERM = re.compile(r"(\d+(?:\.\d+)?)([\u4e00-\u9fff]{1,2})")


@dataclass(frozen=True)
class Finding:
    """One problem: a number of the draft no fact explains, or a fact the draft no longer states."""

    code: Code
    message: str
    paragraph: int | None = None  # 1-based paragraph of the draft's body (unknown-number, unknown-date)
    excerpt: str = ""
    number: str = ""
    path: str = ""  # facts path (fact-not-stated)
    line: int = 0
    col: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "paragraph": self.paragraph,
            "excerpt": self.excerpt,
            "number": self.number,
            "path": self.path,
            "line": self.line,
            "col": self.col,
        }


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    numbers_checked: int = 0
    facts_expected: int = 0
    composed: bool = False  # True when the expected facts came from composing the facts

    @property
    def clean(self) -> bool:
        return not self.findings

    def as_dict(self) -> dict[str, Any]:
        return {
            "clean": self.clean,
            "numbers_checked": self.numbers_checked,
            "facts_expected": self.facts_expected,
            "composed": self.composed,
            "findings": [f.as_dict() for f in self.findings],
        }


@dataclass
class FactNumbers:
    """What the facts allow: values (with the paths they came from) and dates."""

    values: dict[Decimal, list[Loc]] = field(default_factory=dict)
    dates: dict[tuple[int | None, int, int], list[Loc]] = field(default_factory=dict)
    months: set[tuple[int | None, int]] = field(default_factory=set)
    fixed_terms: set[str] = field(default_factory=set)

    def add(self, value: Decimal | int | float, loc: Loc) -> None:
        self.values.setdefault(Decimal(str(value)), []).append(loc)

    def add_text(self, text: str, loc: Loc) -> None:
        for m in mentions(text):
            if m.date is not None:
                self.dates.setdefault(m.date, []).append(loc)
                y, mo, d = m.date
                for v in (mo, d, *(() if y is None else (y,))):
                    self.add(v, loc)
            elif m.value is not None:
                self.add(m.value, loc)

    def add_date(self, d: date, loc: Loc) -> None:
        self.dates.setdefault((d.year, d.month, d.day), []).append(loc)
        for v in (d.year, d.month, d.day):
            self.add(v, loc)

    def knows_date(self, when: tuple[int | None, int, int]) -> bool:
        y, mo, d = when
        return any(mo == m2 and d == d2 and (y is None or y2 is None or y == y2) for y2, m2, d2 in self.dates)


def _walk(value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*loc, k))
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _walk(v, (*loc, i))
    else:
        yield loc, value


def _comparisons(facts: BaseFacts) -> Iterator[tuple[Loc, int, int]]:
    """(path, current, previous) of every comparison the facts hold: the domain's own
    (``DomainSpec.comparisons``), then every ``previous`` beside a ``value``/``count``."""
    from docgen import registry

    domain = registry.domain_of(facts.document.kind)
    if domain.comparisons is not None:
        yield from registry.load_object(domain.comparisons)(facts)
    data = facts.model_dump(mode="python")
    for loc, prev in _walk(data, ()):
        if loc and loc[-1] == "previous" and isinstance(prev, int) and not isinstance(prev, bool):
            parent: Any = data
            for step in loc[:-1]:
                parent = parent[step]
            cur = parent.get("value", parent.get("count")) if isinstance(parent, dict) else None
            if isinstance(cur, int) and not isinstance(cur, bool):
                yield loc[:-1], cur, prev


def fact_numbers(facts: BaseFacts) -> FactNumbers:
    """Every number the facts state or imply (see the module doc)."""
    out = FactNumbers()
    for loc, v in _walk(facts.model_dump(mode="python"), ()):
        if isinstance(v, bool) or v is None:
            continue
        if isinstance(v, int | float | Decimal):
            out.add(v, loc)
        elif isinstance(v, date):
            out.add_date(v, loc)
        elif isinstance(v, str):
            out.add_text(v, loc)
    for loc, cur, prev in _comparisons(facts):
        wordings: tuple[zh.ChangeWording, ...] = ("auto", "increase_pct", "increase_abs", "multiple")
        for wording in wordings:
            for unit in ("", "%"):
                try:
                    phrase = zh.change_phrase(cur, prev, wording=wording, unit=unit)
                except ValueError:
                    continue
                if phrase:
                    out.add_text(phrase, loc)
    return out


@dataclass(frozen=True)
class _Expected:
    mention: Mention
    paths: tuple[str, ...]
    sentence: str


def _fixed_terms(lib: Any) -> set[str]:
    terms: set[str] = set()
    for fam in lib.families():
        for v in fam.variants:
            terms.update(m.group() for m in _FIXED_TERM.finditer(v.text))
    return terms


def _compose(facts: BaseFacts) -> tuple[Draft | None, set[str]]:
    from docgen import registry
    from docgen.compose import compose
    from docgen.fragments import FragmentLibrary

    lib = FragmentLibrary.load(domain=registry.domain_of(facts.document.kind).name)
    return compose(facts.model_copy(deep=True), lib=lib), _fixed_terms(lib)


def _segments(draft: Draft) -> Iterator[tuple[str, tuple[str, ...]]]:
    for b in draft.blocks:
        if isinstance(b, Paragraph):
            for s in b.segments:
                yield s.text, s.paths
        elif isinstance(b, Heading):
            yield b.full_text, b.paths
    for line in draft.lines():
        yield line, ()


def _excerpt(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - EXCERPT), min(len(text), end + EXCERPT)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def _parse_path(path: str) -> Loc:
    return tuple(int(i) if i else k for k, i in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path))


def _fact_path(known: FactNumbers, m: Mention, paths: tuple[str, ...]) -> Loc | None:
    if m.date is not None:
        y, mo, d = m.date
        locs = [
            loc
            for (y2, m2, d2), ls in known.dates.items()
            if (m2, d2) == (mo, d) and y in (y2, None)
            for loc in ls
        ]
    else:
        locs = known.values.get(m.value, []) if m.value is not None else []
    for loc in locs:
        text = format_loc(loc)
        if any(text == p or text.startswith(p + ".") or text.startswith(p + "[") for p in paths):
            return loc
    return None


def check_draft(
    docx: bytes,
    facts: BaseFacts,
    *,
    source: SourceMap | None = None,
    label: str = "文稿",
) -> CheckResult:
    """Compare every number of the draft ``docx`` with ``facts`` (see the module doc).  ``source`` (from
    :func:`docgen.load.load_yaml`) lets a missing fact point at its line in the facts file."""
    doc = load_docx(docx, label, accept_changes=True)
    known = fact_numbers(facts)
    years = {facts.document.date.year}
    if facts.period is not None:
        years |= {facts.period.start.year, facts.period.end.year}
    ignore = frozenset(years)
    composed, terms = _compose(facts)
    known.fixed_terms = terms
    result = CheckResult(composed=composed is not None)

    expected: list[_Expected] = []
    if composed is not None:
        for text, paths in _segments(composed):
            for m in mentions(text, ignore_years=ignore):
                if m.date is not None:
                    known.dates.setdefault(m.date, [])
                elif m.value is not None:
                    known.add(m.value, ())
                if paths and not _is_fixed(text, m, terms):
                    expected.append(_Expected(m, paths, text))
    else:
        from docgen import registry

        content = registry.kind(facts.document.kind).blocks
        for loc, v in _walk(facts.model_dump(mode="python"), ()):
            if (
                loc
                and loc[0] in content
                and isinstance(v, int)
                and not isinstance(v, bool)
                and loc[-1] not in _NOT_STATED_KEYS
                and v > 0
            ):
                m = Mention(str(v), 0, len(str(v)), "number", Decimal(v))
                expected.append(_Expected(m, (format_loc(loc),), ""))

    found: list[tuple[Mention, str]] = []  # every number of the draft with its paragraph text
    for para in doc.stories.get(BODY, []):
        for m in mentions(para.text, ignore_years=ignore):
            result.numbers_checked += 1
            found.append((m, para.text))
            if m.date is not None:
                if not known.knows_date(m.date):
                    result.findings.append(_unknown(para.index, para.text, m, "unknown-date"))
            elif m.value is not None and m.value not in known.values and not _is_fixed(para.text, m, terms):
                result.findings.append(_unknown(para.index, para.text, m, "unknown-number"))
    missing = _unmatched(_dedupe(expected, known), found)
    result.facts_expected = len(expected)
    result.findings.extend(_missing(ex, known, source) for ex in missing)
    return result


def _key(m: Mention) -> tuple[object, ...]:
    return ("date", m.date[1], m.date[2]) if m.date is not None else ("value", m.value)


def _context(text: str, m: Mention) -> str:
    return text[max(0, m.start - 3) : m.end + 2]


def _dedupe(expected: list[_Expected], known: FactNumbers) -> list[_Expected]:
    """One expectation per (number, fact): a fact written twice by docgen need only be stated once."""
    out: list[_Expected] = []
    seen: set[tuple[object, ...]] = set()
    for ex in expected:
        m = ex.mention
        fact = _fact_path(known, m, ex.paths)
        key = (*_key(m), fact or ex.paths)
        if key not in seen:
            seen.add(key)
            out.append(ex)
    return out


def _unmatched(expected: list[_Expected], found: list[tuple[Mention, str]]) -> list[_Expected]:
    """Expected numbers no draft number accounts for: each draft number accounts for one expectation,
    first those with the same words around them, then any with the same value."""
    free = list(range(len(found)))
    left: list[_Expected] = []
    for ex in expected:
        ctx = _context(ex.sentence, ex.mention)
        hit = next(
            (
                i
                for i in free
                if _key(found[i][0]) == _key(ex.mention) and _context(found[i][1], found[i][0]) == ctx
            ),
            None,
        )
        if hit is None:
            left.append(ex)
        else:
            free.remove(hit)
    missing: list[_Expected] = []
    for ex in left:
        hit = next((i for i in free if _key(found[i][0]) == _key(ex.mention)), None)
        if hit is None:
            missing.append(ex)
        else:
            free.remove(hit)
    return missing


def _is_fixed(text: str, m: Mention, terms: set[str]) -> bool:
    return any(text.startswith(t, m.start) for t in terms if t.startswith(m.text))


def _unknown(index: int, text: str, m: Mention, code: Code) -> Finding:
    what = "日期" if code == "unknown-date" else "数字"
    excerpt = _excerpt(text, m.start, m.end)
    return Finding(
        code,
        f"{what}“{m.text}”在事实文件中找不到：{excerpt}",
        paragraph=index + 1,
        excerpt=excerpt,
        number=m.text,
    )


def _missing(ex: _Expected, known: FactNumbers, source: SourceMap | None) -> Finding:
    m = ex.mention
    loc = _fact_path(known, m, ex.paths) or (_parse_path(ex.paths[0]) if ex.paths else ())
    path = format_loc(loc)
    line, col = source.locate(loc) if source is not None else (0, 0)
    where = f"（生成稿原句：{_excerpt(ex.sentence, m.start, m.end)}）" if ex.sentence else ""
    return Finding(
        "fact-not-stated",
        f"事实“{m.text}”未在文稿中出现{where}",
        excerpt=ex.sentence,
        number=m.text,
        path=path,
        line=line,
        col=col,
    )
