"""The root of this domain's facts model (its format page, format.md, is generated from it)."""

from __future__ import annotations

from docgen.domains.party_info.model.blocks import Closing, Problems, Situation, Summary, Tasks
from docgen.domains.party_info.model.results import Results
from docgen.model.base import f
from docgen.model.basefacts import SCHEMA_VERSION, BaseFacts

__all__ = ["SCHEMA_VERSION", "Facts"]


class Facts(BaseFacts):
    """一份党政信息工作文稿的全部事实：文稿、单位、统计期、会议、工作成效、存在问题、认识、任务、结尾、总结落款。"""

    results: Results | None = f("工作成效", "上报、采用、批示、排名、刊物、紧急信息、信息网络", default=None)
    problems: Problems | None = f("存在问题", default=None)
    situation: Situation | None = f("认识和形势", "仅讲话", default=None)
    tasks: Tasks | None = f("工作任务", default=None)
    closing: Closing | None = f("结尾", "仅讲话", default=None)
    summary: Summary | None = f("总结", "仅 info_work_summary：年度、导语、落款", default=None)
