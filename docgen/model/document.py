"""The `document` block: what to generate and how."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from docgen import registry
from docgen.model.base import FactModel, f


def _known_kind(value: str) -> str:
    """document.kind names a registered kind (``docgen kinds``); else a Chinese error with the choices."""
    if value not in registry.kind_names():
        raise PydanticCustomError("docgen-bad-choice", registry.unknown_kind_message(value))
    return value


def _kind_schema(schema: dict[str, Any]) -> None:
    """The JSON Schema lists the registered kinds (read when the schema is generated, not at import)."""
    schema.pop("minLength", None)
    schema["enum"] = list(registry.kind_names())


#: a registered kind's name (the registry is read when a value is validated, not at import)
KindName = Annotated[str, AfterValidator(_known_kind)]

SectionName = Literal["opening", "achievements", "problems", "situation", "tasks", "closing"]
ProblemsPlacement = Literal["end_of_achievements", "own_section", "in_situation", "preamble", "omit"]


class Speaker(FactModel):
    role: str = f("职务", "讲话人职务（必填，只写职务即可）")
    name: str | None = f(
        "姓名", "讲话人姓名（可空；不填则署名行只写职务）", default=None, example="林远航（虚构）"
    )


class Document(FactModel):
    id: str = f(
        "文稿ID", "稳定ID：决定措辞变体的选择，重新生成时保持不变", min_length=1, example="cy-2024-speech"
    )
    kind: KindName = f(
        "文种",
        "文种名称：docgen kinds 按领域列出全部文种（如 leadership_speech 领导讲话）",
        example="leadership_speech",
        json_schema_extra=_kind_schema,
    )
    title: str | None = f(
        "标题",
        "标题；缺省按文种规则生成（不加句末标点）",
        default=None,
    )
    subtitle: str | None = f("副标题", "副标题（交流材料常用“——……的实践与探索”）", default=None)
    date: dt.date = f("日期", "讲话或成文日期（据此推算“今年”“去年”“明年”）", example="2024-12-06")
    date_style: Literal["arabic", "hanzi"] = f(
        "日期写法", "arabic：2024年12月6日（默认，GB/T 9704）；hanzi：二〇二四年十二月六日", default="arabic"
    )
    occasion: str | None = f("用途", "交流材料、交流发言：在何会议上交流", default=None)
    speaker: Speaker | None = f("讲话人", "讲话类必填：职务与姓名；交流材料、总结为空", default=None)
    on_behalf_of: str | None = f("代表", "“我代表……”：代表的机关或会议", default=None)
    salutation: str | None = f(
        "称呼", "讲话类必填：同志们 | 各位领导，同志们 | 尊敬的……（不带冒号）", default=None, example="同志们"
    )
    points_count: int | Literal["auto"] = f(
        "意见点数", "“我讲三点意见”；auto=按一级标题数计算，超过五点写“几点”", default="auto"
    )
    section_order: list[SectionName] | None = f(
        "章节顺序",
        "opening, achievements, problems, situation, tasks, closing 的排列；缺省按文种",
        default=None,
    )
    problems_placement: ProblemsPlacement = f(
        "问题段位置",
        "end_of_achievements 成绩之后 | own_section 单列一部分 | in_situation 并入形势 | "
        "preamble 开场之后 | omit 不写",
        default="end_of_achievements",
    )
    heading_style: Literal["standard", "county"] = f(
        "标题层级样式", "standard：一、/（一）/一是；county：一、/1./一是", default="standard"
    )
    thank_you_line: bool = f("谢谢大家", "末尾是否加“谢谢大家！”", default=False)
    mode: Literal["final", "draft"] = f(
        "生成模式", "final 定稿：缺项删句；draft 草稿：缺项插入高亮的〔待补：……〕", default="final"
    )
    variants: dict[str, str] = f(
        "措辞变体指定", "按片段族ID指定变体ID，覆盖自动选择，如 {OPN-transition: b}", default_factory=dict
    )
