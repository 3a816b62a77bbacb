"""The `conclusion` block for a concluding speech (§1.6)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from docgen.model.base import FactModel, f


class MeetingSpeaker(FactModel):
    role: str = f("职务", example="市委副书记")
    name: str | None = f("姓名", default=None)


class Outcome(FactModel):
    kind: Literal["awareness", "thinking", "tasks", "other"] = f(
        "收效类别", "awareness 提高认识 | thinking 拓宽思路 | tasks 明确任务 | other", example="awareness"
    )
    object: str = f("对象", "“进一步提高了对……的认识”中的……", example="做好新时代政协宣传信息工作重要性")
    detail: str | None = f("展开句", default=None)


class Supervision(FactModel):
    who: str = f("报告主体", example="各县（市、区）政协")
    report_to: str = f("报告对象", example="市政协办公室")
    deadline: dt.date = f("报告时限")


class Implementation(FactModel):
    transmit: str | None = f("传达学习要求", default=None)
    support: list[str] = f("支持举措", "“一是……四是……”", default_factory=list)
    leadership: str | None = f("加强领导要求", default=None)
    supervision: Supervision | None = f("督促检查", default=None)


class Conclusion(FactModel):
    speakers: list[MeetingSpeaker] = f("会上讲话领导", default_factory=list)
    exchange_count: int | None = f("交流发言人数", default=None, ge=1)
    exchange_units: list[str] = f("交流单位", default_factory=list)
    outcomes: list[Outcome] = f("会议主要收效", default_factory=list)
    implementation: Implementation = f("贯彻落实意见", default_factory=Implementation)
