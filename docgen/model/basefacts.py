"""The blocks every facts file of every domain has: the machinery's part of the facts model.

A domain's root facts model (``DomainSpec.facts_model``) subclasses :class:`BaseFacts` and adds its own
blocks after these.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from docgen.model.base import FactModel, f
from docgen.model.document import Document
from docgen.model.meeting import Meeting
from docgen.model.org import Org
from docgen.model.period import Period

__all__ = ["SCHEMA_VERSION", "BaseFacts"]

SCHEMA_VERSION = "0.1"


class BaseFacts(FactModel):
    """一份文稿的共同事实：数据格式版本、文稿（document）、单位、统计期、会议。"""

    #: the domain's reference findings (rule code → the top-level block whose ids they check): when validation
    #: cut away part of that block, such a finding may only be a consequence of the cut and is held back
    REFERENCE_CODES: ClassVar[dict[str, str]] = {}

    schema_version: Literal["0.1"] = f("数据格式版本", default=SCHEMA_VERSION)
    document: Document = f("文稿", "本次要生成的文稿：文种、日期、讲话人、写法选项")
    org: Org = f("单位", "发文或讲话单位")
    period: Period | None = f("统计期", "成绩数字的统计时段", default=None)
    meeting: Meeting | None = f("会议", "讲话所在的会议（交流材料、总结可省）", default=None)
