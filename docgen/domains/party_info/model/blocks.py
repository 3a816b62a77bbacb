"""The blocks of a 党政信息工作 document besides the results: problems, situation, tasks, closing, summary."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from docgen.model.base import FactModel, f

__all__ = [
    "PROBLEM_CODES",
    "TASK_THEMES",
    "THEME_CODES",
    "Closing",
    "ProblemItem",
    "Problems",
    "Situation",
    "Summary",
    "Target",
    "TaskSection",
    "Tasks",
    "TimeLimit",
]

PROBLEM_CODES: dict[str, str] = {
    "awareness": "少数单位重视不够",
    "late_missed": "重大紧急信息迟报漏报",
    "three_more_three_less": "“三多三少”",
    "depth": "深层次信息偏少",
    "timeliness": "时效性不强",
    "team": "队伍不够稳定",
    "uneven": "工作不平衡",
    "channel": "重对口上报、轻同级报送",
}
ProblemCode = Literal[
    "awareness", "late_missed", "three_more_three_less", "depth", "timeliness", "team", "uneven", "channel"
]

THEME_CODES: dict[str, str] = {
    "decision": "科学决策的重要依据",
    "implementation": "推动落实的有效手段",
    "people": "联系群众的桥梁纽带",
    "risk": "防范风险的前沿哨兵",
}
ThemeCode = Literal["decision", "implementation", "people", "risk"]

TASK_THEMES: dict[str, str] = {
    "accurate": "求“准”：把握重点",
    "fast": "求“快”：提高时效",
    "deep": "求“深”：深度开发",
    "solid": "求“实”：真实准确",
    "emergency": "紧急信息报送纪律",
    "network": "信息网络和队伍",
    "leadership": "组织领导和保障",
    "assessment": "考核通报",
}
TaskTheme = Literal["accurate", "fast", "deep", "solid", "emergency", "network", "leadership", "assessment"]


class ProblemItem(FactModel):
    code: ProblemCode = f(
        "问题代码",
        "见问题库：" + "、".join(f"{k}（{v}）" for k, v in PROBLEM_CODES.items()),
        example="late_missed",
    )
    detail: str | None = f(
        "本地具体表现", "一句本地化的具体情况（可空）", default=None, example="个别单位事发后两个多小时才报告"
    )


class Problems(FactModel):
    items: list[ProblemItem] = f("问题", "按顺序渲染为“一是……二是……”", default_factory=list)


class Situation(FactModel):
    heading: str | None = f("一级标题", "缺省按措辞库生成", default=None)
    political_context: str | None = f(
        "政治表述片段ID",
        "经审定、带有效期的政治表述片段，如 pi_pc_2025（须在文稿日期有效）；禁止自由生成",
        default=None,
        example="pi_pc_2025",
    )
    themes: list[ThemeCode] = f(
        "认识主题",
        "；".join(f"{k} {v}" for k, v in THEME_CODES.items()) + "（每项渲染为“（一）……”）",
        default_factory=list,
        example=["decision", "risk"],
    )
    local_focus: str | None = f(
        "本地中心工作", "信息工作要围绕的本地中心工作（名词短语）", default=None, example="城市更新和产业转型"
    )


class TimeLimit(FactModel):
    """重大紧急信息的报送时限。"""

    event: str = f("事项", "如“较大以上突发事件”", example="较大以上突发事件")
    phone: int | None = f(
        "电话报告时限", "事发后多少分钟（或小时）内电话报告", default=None, ge=1, le=10_000, example=30
    )
    phone_unit: Literal["分钟", "小时"] = f("电话报告时限单位", default="分钟")
    written: int | None = f(
        "书面报告时限", "事发后多少分钟（或小时）内书面报告", default=None, ge=1, le=10_000, example=1
    )
    written_unit: Literal["分钟", "小时"] = f("书面报告时限单位", default="分钟", example="小时")

    def minutes(self, which: str) -> int | None:
        """The limit ``phone`` or ``written`` in minutes."""
        value = getattr(self, which)
        return None if value is None else value * (60 if getattr(self, f"{which}_unit") == "小时" else 1)


class Target(FactModel):
    """信息报送目标。"""

    who: str = f("报送主体", "如“各乡镇（街道）”“区直各部门”", example="各乡镇（街道）")
    per: str = f("周期", "每月 / 每季度 / 全年", default="每月", example="每月")
    min: int = f("不少于", ge=1, le=1_000_000, example=5)
    unit: str = f("单位", default="条")
    metric: str = f("报送内容", "如“报送信息”“报送调研类信息”", default="报送信息", example="报送信息")


class TaskSection(FactModel):
    theme: TaskTheme = f(
        "任务主题", "；".join(f"{k} {v}" for k, v in TASK_THEMES.items()), example="accurate"
    )
    lead: str | None = f("（一）小标题", "缺省按主题生成；自写时用“动宾，动宾”", default=None)
    items: list[str] = f(
        "具体举措",
        "每项一句动宾短语（不带句号），讲话渲染为“一要……二要……”",
        default_factory=list,
        example=["围绕区委、区政府重点工作报送信息"],
    )
    targets: list[Target] = f("报送目标", default_factory=list)
    time_limits: list[TimeLimit] = f("报送时限", "紧急信息的报送时限", default_factory=list)


class Tasks(FactModel):
    heading: str | None = f("一级标题", "缺省按措辞库生成", default=None)
    horizon: str = f("部署期", "2026年 / 今年 / 明年", example="明年")
    sections: list[TaskSection] = f("任务", "每项渲染为“（一）……”", default_factory=list)


ClosingFamily = Literal["confidence", "call_to_action", "hope"]


class Closing(FactModel):
    family: ClosingFamily = f(
        "结尾句式", "confidence 相信 | call_to_action 让我们 | hope 希望", default="hope", example="hope"
    )
    addressees: str | None = f(
        "希望的对象", "如“全区各级信息工作者”", default=None, example="全区各级各部门和广大信息工作者"
    )
    local_goal: str | None = f("贡献目标", "“为……作出新的贡献”", default=None, example="建设幸福宜居新城区")
    guiding_thought: str | None = f(
        "指导思想片段ID", "经审定的政治表述片段，如 pi_gt_2025", default=None, example="pi_gt_2025"
    )


class Summary(FactModel):
    year: int | None = f("总结年度", "缺省取统计期截止日期所在年份", default=None, ge=1949, le=2100)
    lead_text: str | None = f("导语", "撰稿人自写的开头一两句（可空）", default=None)
    signature_unit: str | None = f("落款单位", "缺省用单位全称", default=None, example="中共青禾县委办公室")
    signature_date: dt.date | None = f("落款日期", "缺省用文稿日期", default=None)
