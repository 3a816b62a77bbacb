"""Numbers as Chinese official prose writes them, normalised for fact checking.

A :class:`Mention` is one number in a text with its value: ``160余篇`` → 160, ``近200篇`` → 200,
``78%以上`` → 78, ``第三位`` / ``排名第四`` → 3 / 4, ``2024年6月18日`` → a date (2024, 6, 18),
``二〇二四年十二月六日`` → (2024, 12, 6).  Qualifiers (余、多、近、约、以上) and the percent sign are
dropped from the value: the check compares quantities, not wording.

Skipped: list numbers (``1.`` or ``（1）`` opening a paragraph or an item), numbers inside 书名号 《…》
(titles are names), and years listed in ``ignore_years``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

__all__ = ["Mention", "hanzi_int", "mentions"]

_FW = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "％": "%"})
_HZ_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_HZ = "〇零一二三四五六七八九十"

_DATE_AR = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_DATE_HZ = re.compile(f"([{_HZ}]{{4}})年([{_HZ}]{{1,3}})月([{_HZ}]{{1,3}})日")
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d])")
_RANK_HZ = re.compile(f"(?:第([{_HZ}]{{1,3}})[位名])|(?:(?<=排名|位居|位列|排在)第([{_HZ}]{{1,3}}))")
_LIST_NUMBER = re.compile(r"(?:^|(?<=[：；。！？\s]))(?:\d{1,2}[.、](?!\d)|[（(]\d{1,2}[）)])")
_BOOK = re.compile(r"《[^《》]*》")

MentionKind = Literal["number", "percent", "rank", "date"]


@dataclass(frozen=True)
class Mention:
    """One number in a text.  ``value`` is None for dates (``date`` holds year-or-None, month, day)."""

    text: str
    start: int
    end: int
    kind: MentionKind
    value: Decimal | None = None
    date: tuple[int | None, int, int] | None = None


def hanzi_int(text: str) -> int | None:
    """汉字 numerals up to 99 (三 → 3, 十二 → 12, 二十 → 20) and digit strings (二〇二四 → 2024)."""
    if not text:
        return None
    if "十" not in text:
        if any(ch not in _HZ_DIGIT for ch in text):
            return None
        return int("".join(str(_HZ_DIGIT[ch]) for ch in text))
    head, _, tail = text.partition("十")
    if len(head) > 1 or len(tail) > 1 or (head and head not in _HZ_DIGIT) or (tail and tail not in _HZ_DIGIT):
        return None
    return (_HZ_DIGIT[head] if head else 1) * 10 + (_HZ_DIGIT[tail] if tail else 0)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def mentions(text: str, *, ignore_years: frozenset[int] = frozenset()) -> list[Mention]:
    """Every number mention of ``text`` in order (see the module doc for what is skipped)."""
    text = text.translate(_FW)
    skip = [m.span() for m in _BOOK.finditer(text)] + [m.span() for m in _LIST_NUMBER.finditer(text)]
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE_AR.finditer(text):
        if _covered(skip, *m.span()):
            continue
        y = int(m.group(1)) if m.group(1) else None
        out.append(Mention(m.group(), m.start(), m.end(), "date", date=(y, int(m.group(2)), int(m.group(3)))))
        taken.append(m.span())
    for m in _DATE_HZ.finditer(text):
        y, mo, d = (hanzi_int(g) for g in m.groups())
        if y is None or mo is None or d is None or _covered(skip, *m.span()):
            continue
        out.append(Mention(m.group(), m.start(), m.end(), "date", date=(y, mo, d)))
        taken.append(m.span())
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if _covered(skip, start, end) or _covered(taken, start, end):
            continue
        try:
            value = Decimal(m.group(1))
        except InvalidOperation:  # pragma: no cover - the pattern only matches decimals
            continue
        if len(m.group(1)) == 4 and text.startswith("年", end) and int(value) in ignore_years:
            continue
        percent = text.startswith("%", end) or text.startswith("‰", end)
        out.append(Mention(m.group(1), start, end, "percent" if percent else "number", value))
    for m in _RANK_HZ.finditer(text):
        raw = m.group(1) or m.group(2)
        n = hanzi_int(raw)
        if n is None or _covered(skip, *m.span()):
            continue
        out.append(Mention(m.group(), m.start(), m.end(), "rank", Decimal(n)))
    out.sort(key=lambda x: (x.start, x.end))
    return out
