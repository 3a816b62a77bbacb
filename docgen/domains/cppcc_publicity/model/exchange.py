"""The `exchange` block (§1.7, §1.8): experience-exchange material and exchange speech."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator

from docgen.model.base import Approx, FactModel, Number, f


class Result(FactModel):
    label: str = f("成效事项", "如“转报市委、市政府高质量信息”", example="转报市委、市政府高质量信息")
    value: Number = f("数值", "可带小数，如 8.6（单位写“万元”）", ge=0, example=165)
    approx: Approx = f("约数限定", default="")
    unit: str = f("单位", default="条")
    period_label: str | None = f("时段", "如“去年以来”", default=None)
    previous: Number | None = f("上期数值", default=None, ge=0)
    previous_period: str | None = f("上期表述", default=None)
    note: str | None = f("补充", default=None)

    @field_validator("approx", mode="before")
    @classmethod
    def _none(cls, v: Any) -> Any:
        return "" if v is None else v


class ExchangeItem(FactModel):
    lead: str = f("做法小标题", "四字，四字：高度重视，周密部署", example="高度重视，周密部署")
    practices: list[str] = f("具体做法", "每项一句（不带句号）", default_factory=list)
    results: list[Result] = f("成效数字", default_factory=list)


class ExchangeSection(FactModel):
    heading: str = f("一级标题", "加强“X”意识，着力……", example="加强“阵地”意识，着力拓展宣传平台")
    keyword: str | None = f("关键词", default=None)
    rationale: str | None = f("缘由句", "一句话说明该关键词为何重要", default=None)
    items: list[ExchangeItem] = f("做法", min_length=1)


class ExchangeLead(FactModel):
    theme: str = f("围绕的中心", example="市委中心工作")
    focus: str = f("狠抓的重点", example="宣传信息工作提质增效")
    thesis_keywords: list[str] = f("关键词", default_factory=list)
    honour: str | None = f("获得的荣誉", "被评为“……”", default=None)
    since: str | None = f("时段", "如“近年来”", default=None)


class Exchange(FactModel):
    lead: ExchangeLead = f("导语")
    sections: list[ExchangeSection] = f("部分", "建议三个部分", min_length=1)
    closing: Literal["none", "next_steps"] = f("结尾", default="none")
    next_steps: list[str] = f("下一步打算", default_factory=list)
    signature: bool = f("落款", "交流材料是否加署名和日期", default=False)
    signature_unit: str | None = f("署名单位", "缺省用 org.full_name 或 org.short_name", default=None)
