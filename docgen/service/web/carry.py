"""Start this year's document from last year's: the same facts with the year moved on and the counts kept
as ``previous`` in ``achievements.comparisons`` (so the draft can say “比去年增长…”)."""

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
    old_year: int | None = None
    if isinstance(doc, dict) and isinstance(doc.get("date"), dt.date):
        old_year = doc["date"].year
        doc["date"] = _next_year(doc["date"])
        if isinstance(doc.get("id"), str):
            doc["id"] = re.sub(rf"(?<!\d){old_year}(?!\d)", str(old_year + 1), doc["id"])
    for block, keys in (("period", ("start", "end")), ("meeting", ("date",))):
        node = data.get(block)
        if isinstance(node, dict):
            for key in keys:
                if isinstance(node.get(key), dt.date):
                    node[key] = _next_year(node[key])
    ach = data.get("achievements")
    if isinstance(ach, CommentedMap):
        comps = _comparisons(ach)
        if comps:
            ach["comparisons"] = CommentedSeq(comps)
    buf = io.StringIO()
    rt_yaml().dump(data, buf)
    return buf.getvalue()
