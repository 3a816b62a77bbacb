"""The root of the facts model (docs/format.md is generated from it)."""

from __future__ import annotations

from typing import ClassVar

from docgen.domains.cppcc_publicity.model.achievements import Achievements
from docgen.domains.cppcc_publicity.model.closing import Closing, Thanks
from docgen.domains.cppcc_publicity.model.conclusion import Conclusion
from docgen.domains.cppcc_publicity.model.exchange import Exchange
from docgen.domains.cppcc_publicity.model.org import Org
from docgen.domains.cppcc_publicity.model.outlets import Outlet
from docgen.domains.cppcc_publicity.model.plan import Plan
from docgen.domains.cppcc_publicity.model.problems import Problems
from docgen.domains.cppcc_publicity.model.situation import Situation
from docgen.domains.cppcc_publicity.model.summary import Summary
from docgen.domains.cppcc_publicity.model.tasks import Tasks
from docgen.model.base import f
from docgen.model.basefacts import SCHEMA_VERSION, BaseFacts

__all__ = ["SCHEMA_VERSION", "Facts"]


class Facts(BaseFacts):
    """一份文稿的全部事实：文种与写法（document）、单位、统计期、会议、媒体名录、成绩、问题、形势、任务、结尾。"""

    REFERENCE_CODES: ClassVar[dict[str, str]] = {
        "empty-ref": "achievements",
        "bad-comparison-ref": "achievements",
        "unknown-outlet": "outlets",
    }

    org: Org = f("单位", "发文或讲话单位")
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
