"""The `period` block: the statistics period."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from docgen.model.base import FactModel, f


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
