"""The `problems` block (§3.1): user-selected problem codes with local detail."""

from __future__ import annotations

from typing import Literal

from docgen.model.base import FactModel, f

PROBLEM_CODES: dict[str, str] = {
    "uneven": "发展不平衡",
    "awareness": "认识不到位",
    "reluctance": "存在畏难情绪",
    "quality_shallow": "信息质量有待提高",
    "procedural_reporting": "稿件质量不高",
    "sqmy_depth": "信息深度不够",
    "team": "队伍建设亟需加强",
    "engagement": "委员参与面不广",
    "effort": "工作力度不够",
    "incentives_conditions": "激励机制、工作条件有待改善",
    "sqmy_shortboard": "社情民意信息是短板",
    "quantity_low": "稿件数量较少",
    "four_not_enough": "推进不够均衡、队伍不够稳定、特色不够明显、信息不够优质",
}
ProblemCode = Literal[
    "uneven",
    "awareness",
    "reluctance",
    "quality_shallow",
    "procedural_reporting",
    "sqmy_depth",
    "team",
    "engagement",
    "effort",
    "incentives_conditions",
    "sqmy_shortboard",
    "quantity_low",
    "four_not_enough",
]


class ProblemItem(FactModel):
    code: ProblemCode = f(
        "问题代码",
        "见问题库：" + "、".join(f"{k}（{v}）" for k, v in PROBLEM_CODES.items()),
        example="uneven",
    )
    lead: str | None = f("问题小标题", "缺省用问题库的标准表述", default=None)
    detail: str | None = f("本地具体表现", "一两句本地化的具体情况（可空，缺省用通用表述）", default=None)


class Problems(FactModel):
    intro: Literal["standard", "frank", "benchmark"] = f("引入句型", default="standard")
    items: list[ProblemItem] = f("问题", default_factory=list)
    outro: Literal["standard", "learn_from_peers", "next_level", "none"] = f("收束句型", default="standard")
