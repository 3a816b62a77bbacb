"""The `period` block: the statistics period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from docgen.model.base import FactModel, f
from docgen.model.issues import Issue


class Period(FactModel):
    kind: Literal["year_to_date", "calendar_year", "term", "multi_year", "custom"] = f(
        "统计期类型",
        "year_to_date 今年以来 | calendar_year 某年 | term 本届以来 | multi_year 近几年 | custom",
        example="year_to_date",
    )
    label: str | None = f(
        "统计期表述", "今年以来 / 去年 / 过去的五年 / 换届以来；缺省按日期推导", default=None
    )
    start: dt.date = f("起始日期", example="2024-01-01")
    end: dt.date = f("截止日期", example="2024-11-30")


def check_period(p: Period | None, on: dt.date) -> Iterator[Issue]:
    """The period's own order, and its end not after the document's date (rule codes shared by every domain)."""
    if p is None:
        return
    if p.start > p.end:
        yield Issue(("period", "start"), "date-period-order", "统计期起始日期晚于截止日期")
    if p.end > on:
        yield Issue(
            ("period", "end"),
            "date-period-after-document",
            f"统计期截止日期 {p.end.isoformat()} 晚于文稿日期 {on.isoformat()}",
        )
