"""The `situation` block (§3.2): understanding and the new situation."""

from __future__ import annotations

from typing import Literal

from docgen.model.base import FactModel, f

THEME_CODES: dict[str, str] = {
    "importance": "政协宣传工作的重要地位",
    "guidance": "坚持正确舆论导向",
    "storytelling": "注重宣传策划、讲好政协故事",
    "sqmy_value": "社情民意信息的独特优势",
    "member_focus": "突出委员主体",
    "csppcc_advantage": "委员构成优势",
    "media_convergence": "舆论生态变化、融合传播",
    "challenges": "保先争优的压力",
}
ThemeCode = Literal[
    "importance",
    "guidance",
    "storytelling",
    "sqmy_value",
    "member_focus",
    "csppcc_advantage",
    "media_convergence",
    "challenges",
]


class Theme(FactModel):
    code: ThemeCode = f("认识主题", "；".join(f"{k} {v}" for k, v in THEME_CODES.items()), example="guidance")
    lead: str | None = f("小标题", "（一）后的小标题，缺省按主题生成", default=None)
    emphasis: str | None = f("本地强调句", default=None)


class Situation(FactModel):
    heading: str | None = f("一级标题", "缺省：深刻认识政协宣传信息工作面临的新形势新任务", default=None)
    political_context: str | None = f(
        "政治表述片段ID",
        "经审定、带有效期的政治表述片段，如 pc_2024_standard；禁止自由生成",
        default=None,
        example="pc_2024_standard",
    )
    year_significance: list[str] = f("年度意义", "“今年是……”的短语", default_factory=list)
    local_strategy: str | None = f("本地中心工作", "本地中心工作或口号", default=None)
    themes: list[Theme] = f("认识主题", default_factory=list)


class SituationLite(FactModel):
    """A short situation paragraph placed at the start of a task group (象山/山亭 shape)."""

    themes: list[ThemeCode] = f("认识主题代码", default_factory=list)
    text: str | None = f("撰稿人自写段落", default=None)
    style: Literal["short", "none"] = f("写法", default="short")
