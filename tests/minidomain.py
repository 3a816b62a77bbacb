"""A small invented domain for the tests of the domain-neutral tools (workbooks, mail merge, init, schema):
registered only inside those tests.  Nothing here is real (虚构)."""

from __future__ import annotations

from typing import Any

from docgen.model.base import FactModel, f
from docgen.model.basefacts import BaseFacts
from docgen.registry import DomainSpec, KindSpec, SkeletonHints


class Visit(FactModel):
    place: str = f("走访地点", example="青禾县（虚构）")
    people: int = f("走访人次", ge=1, example=12)


class Tally(FactModel):
    reports: int | None = f("报送篇数", default=None, ge=0)
    remark: str | None = f("统计说明", default=None)


class Facts(BaseFacts):
    """测试小领域的事实。"""

    visits: list[Visit] = f("走访记录", default_factory=list)
    tally: Tally | None = f("统计", default=None)


def compose(ctx: Any) -> Any:  # pragma: no cover - never composed in these tests
    raise NotImplementedError


HINTS = SkeletonHints(
    examples={"Org.short_name": "望川测试办（虚构）", "Meeting.name": "全县测试工作例会（虚构）"},
    document_only={},
    salutations={},
    prefill={},
)

DOMAIN = DomainSpec(
    name="zz_mini",
    label="测试小领域（虚构）",
    facts_model="minidomain:Facts",
    kinds=(
        KindSpec(
            name="zz_mini_note",
            label="测试便笺",
            description="测试便笺（虚构文种，只用于测试）",
            composer="minidomain:compose",
            template="leadership_speech.docx",
            blocks=("meeting", "visits", "tally"),
        ),
    ),
    package="minidomain",
    unit_blocks=("tally",),
    skeleton_hints="minidomain:HINTS",
)
