"""The root of the facts model (docs/format.md is generated from it)."""

from __future__ import annotations

from typing import Literal

from docgen.model.achievements import Achievements
from docgen.model.base import FactModel, f
from docgen.model.closing import Closing, Thanks
from docgen.model.conclusion import Conclusion
from docgen.model.document import Document
from docgen.model.exchange import Exchange
from docgen.model.meeting import Meeting
from docgen.model.org import Org
from docgen.model.outlets import Outlet
from docgen.model.period import Period
from docgen.model.plan import Plan
from docgen.model.problems import Problems
from docgen.model.situation import Situation
from docgen.model.summary import Summary
from docgen.model.tasks import Tasks

SCHEMA_VERSION = "0.1"


class Facts(FactModel):
    """一份文稿的全部事实：文种与写法（document）、单位、统计期、会议、媒体名录、成绩、问题、形势、任务、结尾。"""

    schema_version: Literal["0.1"] = f("数据格式版本", default=SCHEMA_VERSION)
    document: Document = f("文稿", "本次要生成的文稿：文种、日期、讲话人、写法选项")
    org: Org = f("单位", "发文或讲话单位")
    period: Period | None = f("统计期", "成绩数字的统计时段", default=None)
    meeting: Meeting | None = f("会议", "讲话所在的会议（交流材料、总结可省）", default=None)
    outlets: list[Outlet] = f("媒体名录", "其他字段按 id 引用的媒体和刊物", default_factory=list)
    achievements: Achievements | None = f("成绩", default=None)
    attribution: list[str] = f("成绩原因", "“得益于……”（2—4项）", default_factory=list)
    thanks: Thanks | None = f("致谢", "为空则不致谢", default=None)
    problems: Problems | None = f("存在问题", default=None)
    situation: Situation | None = f("形势与认识", default=None)
    tasks: Tasks | None = f("工作任务", default=None)
    closing: Closing | None = f("结尾", default=None)
    exchange: Exchange | None = f("交流材料", "仅 exchange_material / exchange_speech", default=None)
    conclusion: Conclusion | None = f("会议总结", "仅 concluding_speech", default=None)
    summary: Summary | None = f("工作总结", "仅 work_summary", default=None)
    plan: Plan | None = f("会议方案", "仅 meeting_plan", default=None)

    def outlet(self, oid: str) -> Outlet | None:
        for o in self.outlets:
            if o.id == oid:
                return o
        return None
