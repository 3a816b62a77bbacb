"""The `meeting` block: the meeting at which the speech is given."""

from __future__ import annotations

from typing import Literal

from docgen.model.base import FactModel, f

AgendaType = Literal[
    "relay",
    "commend",
    "exchange",
    "written_exchange",
    "lecture",
    "report",
    "read_plan",
    "requirement",
    "election",
]


class AgendaDone(FactModel):
    type: AgendaType = f(
        "议程类型",
        "relay 传达 | commend 表彰 | exchange 交流发言 | written_exchange 书面交流 | "
        "lecture 辅导报告 | report 工作报告 | read_plan 宣读方案 | requirement 提出要求 | election 选举",
        example="relay",
    )
    text: str | None = f("内容", "传达的会议精神、表彰对象、宣读的方案名称等", default=None)
    by: str | None = f("发言或报告者", "单位或职务，不写姓名", default=None)
    count: int | None = f("发言单位数", default=None, ge=1)
    topic: str | None = f("主题", default=None)


class UpperRequirement(FactModel):
    role: str = f("上级领导职务", "只写职务")
    topic: str = f("要求的事项")


class Meeting(FactModel):
    name: str = f("会议名称")
    approved_by: str | None = f("同意召开的机关", "“这次会议是……同意召开的”", default=None)
    decided_by: str | None = f("研究决定的机关", "“是经过……研究决定召开的”", default=None)
    purposes: list[str] | None = f("主要任务", "会议的主要任务（动宾短语）", default=None)
    agenda_done: list[AgendaDone] = f("已进行的议程", "“刚才，……”", default_factory=list)
    upper_requirements: list[UpperRequirement] = f(
        "上级要求", "上级领导在某会上的要求（只写职务）", default_factory=list
    )
    assessment: Literal["compact_effective", "short_successful", "achieved_goal"] | None = f(
        "会议评价句型",
        "compact_effective 紧凑有效 | short_successful 时间短开得成功 | achieved_goal 达到预期目的",
        default=None,
    )
