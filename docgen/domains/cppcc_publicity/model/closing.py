"""The `closing` block (§3.4) and attribution/thanks."""

from __future__ import annotations

from typing import Literal

from docgen.model.base import FactModel, f

ClosingFamily = Literal[
    "hope_contribution",
    "confidence",
    "guided_by",
    "key_is_you",
    "more_demanding",
    "call_to_action",
    "exchange_humble",
    "none",
]


class Closing(FactModel):
    family: ClosingFamily = f(
        "结尾句式",
        "hope_contribution 希望贡献 | confidence 相信 | guided_by 以……为引领 | "
        "key_is_you 关键看在座各位 | more_demanding 更高要求 | call_to_action 让我们 | "
        "exchange_humble 交流谦辞 | none 无",
        default="hope_contribution",
    )
    addressees: str | None = f("希望的对象", default=None, example="全市各级政协组织和广大宣传信息工作者")
    local_goal: str | None = f("贡献目标", "“为……作出新的更大贡献”", default=None)
    local_theme: str | None = f("本地主题主线", default=None)
    guiding_thought: str | None = f(
        "指导思想片段ID", "经审定的政治表述片段，如 gt_2024_standard", default=None
    )


class Thanks(FactModel):
    on_behalf_of: str = f("代表", example="市政协党组")
    to: list[str] = f("感谢对象", default_factory=list)
    congratulate: list[str] = f("祝贺对象", default_factory=list)
