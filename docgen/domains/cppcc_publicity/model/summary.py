"""The `summary` block for a work summary (§1.9; designed, weakly evidenced by the seeds)."""

from __future__ import annotations

import datetime as dt

from docgen.model.base import FactModel, f


class Summary(FactModel):
    topic: str = f("工作名称", "标题中的工作名称", default="宣传信息", example="宣传信息")
    year: int | None = f("总结年度", "缺省用统计期截止年份", default=None, ge=1949)
    lead_text: str | None = f("导语补充句", default=None)
    closing_text: bool = f("总结收束句", "是否加“总之，……”收束段", default=False)
    signature_unit: str | None = f("落款单位", "缺省用 org.full_name 或 org.short_name", default=None)
    signature_date: dt.date | None = f("落款日期", "缺省用 document.date", default=None)
