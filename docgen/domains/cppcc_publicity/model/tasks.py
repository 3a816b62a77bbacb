"""The `tasks` block (§3.3): next year's work, targets, rewards, deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from docgen.domains.cppcc_publicity.model.situation import SituationLite
from docgen.model.base import FactModel, Number, f

TASK_THEMES: dict[str, str] = {
    "synergy": "凝聚工作合力",
    "info_quality": "提高信息质量",
    "team_incentives": "加强队伍建设，完善激励机制",
    "leadership": "加强组织领导",
    "guidance": "坚持正确导向",
    "focus": "突出宣传重点",
    "planning": "注重宣传策划",
    "innovation": "创新宣传方式",
    "platforms": "办好宣传阵地",
    "mechanism": "完善工作机制",
    "subscriptions": "抓好报刊征订",
    "member_subject": "突出委员主体",
    "special_event": "办好专项活动",
    "implementation": "抓好会议精神落实",
}
TaskTheme = Literal[
    "synergy",
    "info_quality",
    "team_incentives",
    "leadership",
    "guidance",
    "focus",
    "planning",
    "innovation",
    "platforms",
    "mechanism",
    "subscriptions",
    "member_subject",
    "special_event",
    "implementation",
]


class Target(FactModel):
    metric: str = f("指标", "如“上稿”“反映社情民意信息”", example="上稿")
    outlet: str | None = f("媒体ID", default=None)
    min: int | None = f("下限", "至少为 1", default=None, ge=1)
    max: int | None = f("上限", "至少为 1", default=None, ge=1)
    unit: str = f("单位", default="篇")
    per: str | None = f("周期与主体", "如“每位委员每年”“每月”", default=None)
    year: int | None = f("年度", "须在部署期内", default=None, ge=1949)


class Reward(FactModel):
    event: str = f("奖励事项", "如“被省政协采用”", example="被省政协采用")
    amount: Number | None = f("金额", "可带小数，如 0.5（单位写“万元/条”）或写 0.5万", default=None, ge=0)
    unit: str = f("单位", "如“元/条”“万元”", default="元")
    rule: str | None = f("附加规则", "如“有领导批示的加倍奖励”", default=None)


class TaskSubscriptions(FactModel):
    label: str = f("报刊简称", example="两报一刊")
    titles: list[str] = f("报刊ID", default_factory=list)
    deadline: dt.date | None = f("完成时限", default=None)


class Deadline(FactModel):
    what: str = f("事项", example="贯彻落实情况书面报告")
    by: dt.date = f("时限")
    report_to: str | None = f("报送对象", default=None)


class TaskSection(FactModel):
    lead: str = f(
        "（一）小标题", "动宾，动宾：凝聚工作合力，树好政协形象", example="凝聚工作合力，树好政协形象"
    )
    theme: TaskTheme = f("任务主题", "；".join(f"{k} {v}" for k, v in TASK_THEMES.items()), example="synergy")
    items: list[str] = f("具体举措", "每项一句（不带句号），渲染为“一要……二要……”", default_factory=list)
    targets: list[Target] = f("目标", default_factory=list)
    rewards: list[Reward] = f("奖励", default_factory=list)
    subscriptions: TaskSubscriptions | None = f("报刊征订", default=None)
    deadlines: list[Deadline] = f("时限要求", default_factory=list)


class SpecialEvent(FactModel):
    name: str = f("活动名称", example="人民政协成立75周年主题宣传月")
    when: str = f("时间表述", example="9月中旬至10月中旬")
    start: dt.date | None = f("开始日期", "须在部署期内", default=None)
    end: dt.date | None = f("结束日期", default=None)


class TaskGroup(FactModel):
    """One L1 section of tasks by domain (e.g. 宣传 tasks, then 社情民意 tasks), with its own situation paragraph."""

    heading: str = f("一级标题", example="突出重点，进一步提升政协宣传工作水平")
    domain: Literal["publicity", "info", "culture", "mixed"] = f("领域", default="mixed")
    situation: SituationLite | None = f("本部分认识段", default=None)
    sections: list[TaskSection] = f("任务", min_length=1)


class Tasks(FactModel):
    heading: str | None = f("一级标题", "缺省：不断提升政协宣传信息工作水平", default=None)
    horizon: str = f("部署期", "2025年 / 今年 / 明年", example="2025年")
    sections: list[TaskSection] = f("任务", default_factory=list)
    groups: list[TaskGroup] = f(
        "分领域任务", "按领域拆成多个一级部分（与 sections 二选一）", default_factory=list
    )
    special_events: list[SpecialEvent] = f("专项活动", default_factory=list)
