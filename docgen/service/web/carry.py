"""Start this year's document from last year's: the same facts with the year moved on (every date one year
later, the document id's year too) and the counts kept as ``previous`` in ``achievements.comparisons`` (so the
draft can say “比去年增长…”)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from docgen.service.web.formgen import FormError, load_rt, rt_yaml

__all__ = ["carry_forward"]


def _next_year(d: dt.date) -> dt.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:(\s*[—–~～至到-]\s*)((?:19|20)\d\d))?(?!\d)")


def _move_on(node: Any, years: frozenset[int]) -> None:
    """Move the document's year and the year after it (the year it plans for) one year on, in place: dates,
    integer ``year`` fields and years in text ("2025年4月", "cy-2024-…", "pc_2024_standard"; a range ending in
    one of them, "2023—2024年度", moves as a whole).  Older dates and years are references to the past
    ("2019年以来") and stay."""

    def shift(m: re.Match[str]) -> str:
        first, sep, last = int(m.group(1)), m.group(2), m.group(3)
        if last is not None and int(last) in years:
            return f"{first + 1}{sep}{int(last) + 1}"
        out = str(first + 1) if first in years else str(first)
        if last is not None:
            out += sep + (str(int(last) + 1) if int(last) in years else last)
        return out

    items: Any = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, dt.datetime):
            continue
        if isinstance(value, dt.date):
            if value.year in years:
                node[key] = _next_year(value)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and key == "year":
            if value in years:
                node[key] = value + 1
        elif isinstance(value, str):
            moved = _YEAR.sub(shift, value)
            if moved != value:
                node[key] = moved if type(value) is str else type(value)(moved)  # keeps ruamel's quoting
        else:
            _move_on(value, years)


def _flow(items: dict[str, Any]) -> CommentedMap:
    m = CommentedMap(items)
    m.fa.set_flow_style()
    return m


def _comparisons(ach: Any) -> list[CommentedMap]:
    """One comparison per count the composer can compare: media totals, outlets, opinions collected/adopted."""
    out: list[CommentedMap] = []

    def add(ref: str, value: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            out.append(_flow({"ref": ref, "previous": value, "previous_period": "去年"}))

    def count(node: Any) -> Any:
        return node.get("value") if isinstance(node, dict) else None

    media = ach.get("media") if isinstance(ach, dict) else None
    if isinstance(media, dict):
        add("media.total", count(media.get("total")))
        add("media.subunit_total", count(media.get("subunit_total")))
        for b in media.get("by_outlet") or []:
            if isinstance(b, dict) and b.get("outlet"):
                add(f"media.by_outlet[{b['outlet']}]", b.get("count"))
    so = ach.get("social_opinion") if isinstance(ach, dict) else None
    if isinstance(so, dict):
        add("social_opinion.collected", count(so.get("collected")))
        for x in so.get("adopted") or []:
            if isinstance(x, dict) and x.get("by"):
                add(f"social_opinion.adopted[{x['by']}]", x.get("count"))
        for x in so.get("submitted") or []:
            if isinstance(x, dict) and x.get("to"):
                add(f"social_opinion.submitted[{x['to']}]", x.get("count"))
    return out


def carry_forward(text: str) -> str:
    """Last year's facts text → this year's starting text (comments kept)."""
    data = load_rt(text)
    if not isinstance(data, CommentedMap):
        raise FormError("去年的文稿不是有效的事实数据（顶层应是“键: 值”的映射）。")
    doc = data.get("document")
    if isinstance(doc, dict) and isinstance(doc.get("date"), dt.date):
        year = doc["date"].year
        _move_on(data, frozenset({year, year + 1}))
    ach = data.get("achievements")
    if isinstance(ach, CommentedMap):
        comps = _comparisons(ach)
        if comps:
            ach["comparisons"] = CommentedSeq(comps)
    buf = io.StringIO()
    rt_yaml().dump(data, buf)
    return buf.getvalue()
