"""The `document` block: what to generate and how."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from docgen.model.base import FactModel, f

Kind = Literal[
    "leadership_speech",
    "concluding_speech",
    "exchange_material",
    "exchange_speech",
    "work_summary",
    "meeting_plan",
]
KINDS: dict[str, str] = {
    "leadership_speech": "领导讲话：在宣传信息工作会议上的讲话（开场、成绩、问题、形势、任务、结尾，“我讲三点意见”）",
    "concluding_speech": "会议总结讲话：会议即将结束时的讲话（会议主要收效、会议精神贯彻落实意见）",
    "exchange_material": "经验交流材料：以单位名义第三人称书面汇报经验做法（导语、三个关键词部分、编号做法）",
    "exchange_speech": "会上交流发言：以“我们”第一人称口头交流经验（称呼、做法、谦辞结尾、谢谢大家）",
    "work_summary": "工作总结：单位年度宣传信息工作总结（主要工作及成效、存在的问题和不足、明年工作打算、落款）",
    "meeting_plan": "会议方案：会议名称、时间地点、参会人员、会议议程（表格）、会议材料、工作分工、有关要求",
}
SPEECH_KINDS = frozenset({"leadership_speech", "concluding_speech", "exchange_speech"})


@dataclass(frozen=True)
class Expected:
    """A fact a complete draft of a kind expects: its data path and the label of its 〔待补：label〕 marker."""

    path: str
    label: str


#: Per kind, the facts a complete draft expects.  With ``mode: draft`` each one absent (left out, or written
#: empty) is marked 〔待补：label〕; docs/format.md lists them.  A path under an absent one is not marked again.
EXPECTED: dict[str, tuple[Expected, ...]] = {
    "leadership_speech": (
        Expected("period", "统计期"),
        Expected("meeting", "会议名称和主要任务"),
        Expected("achievements", "工作成绩"),
        Expected("achievements.media", "新闻宣传数字"),
        Expected("achievements.social_opinion", "社情民意信息数字"),
        Expected("problems", "存在问题"),
        Expected("situation", "形势与认识"),
        Expected("tasks", "工作任务"),
        Expected("closing", "结尾"),
    ),
    "concluding_speech": (
        Expected("meeting", "会议名称"),
        Expected("conclusion.speakers", "会上讲话领导"),
        Expected("conclusion.outcomes", "会议主要收效"),
        Expected("conclusion.implementation.transmit", "传达学习要求"),
        Expected("conclusion.implementation.supervision", "督促检查要求"),
        Expected("closing", "结尾"),
    ),
    "exchange_material": (
        Expected("period", "统计期"),
        Expected("exchange.lead.thesis_keywords", "关键词"),
        Expected("exchange.lead.honour", "获得的荣誉"),
    ),
    "exchange_speech": (
        Expected("meeting", "交流会议"),
        Expected("exchange.lead.thesis_keywords", "关键词"),
        Expected("exchange.lead.honour", "获得的荣誉"),
    ),
    "work_summary": (
        Expected("period", "统计期"),
        Expected("achievements.media", "新闻宣传数字"),
        Expected("achievements.social_opinion", "社情民意信息数字"),
        Expected("problems", "存在的问题和不足"),
        Expected("tasks", "工作打算"),
    ),
    "meeting_plan": (
        Expected("plan.time_text", "开会时间"),
        Expected("plan.host", "主持人"),
        Expected("plan.materials", "会议材料"),
        Expected("plan.division", "工作分工"),
        Expected("plan.requirements", "有关要求"),
        Expected("plan.contact", "联系人和联系电话"),
    ),
}

SectionName = Literal["opening", "achievements", "problems", "situation", "tasks", "closing"]
ProblemsPlacement = Literal["end_of_achievements", "own_section", "in_situation", "preamble", "omit"]


class Speaker(FactModel):
    role: str = f("职务", "讲话人职务（必填，只写职务即可）", example="市政协主席")
    name: str | None = f(
        "姓名", "讲话人姓名（可空；不填则署名行只写职务）", default=None, example="林远航（虚构）"
    )


class Document(FactModel):
    id: str = f(
        "文稿ID", "稳定ID：决定措辞变体的选择，重新生成时保持不变", min_length=1, example="cy-2024-speech"
    )
    kind: Kind = f(
        "文种",
        "leadership_speech 领导讲话 | concluding_speech 会议总结讲话 | exchange_material 经验交流材料 | "
        "exchange_speech 交流发言 | work_summary 工作总结 | meeting_plan 会议方案",
        example="leadership_speech",
    )
    title: str | None = f(
        "标题",
        "标题；缺省按文种规则生成（不加句末标点）",
        default=None,
        example="在全市政协宣传信息工作会议上的讲话",
    )
    subtitle: str | None = f("副标题", "副标题（交流材料常用“——……政协……的实践与探索”）", default=None)
    date: dt.date = f("日期", "讲话或成文日期（据此推算“今年”“去年”“明年”）", example="2024-12-06")
    date_style: Literal["arabic", "hanzi"] = f(
        "日期写法", "arabic：2024年12月6日（默认，GB/T 9704）；hanzi：二〇二四年十二月六日", default="arabic"
    )
    occasion: str | None = f(
        "用途", "交流材料、交流发言：在何会议上交流", default=None, example="全市政协宣传信息工作会议"
    )
    speaker: Speaker | None = f("讲话人", "讲话类必填：职务与姓名；交流材料、总结为空", default=None)
    on_behalf_of: str | None = f(
        "代表", "“我代表……”：市政协党组 / 县政协主席会议", default=None, example="市政协党组"
    )
    salutation: str | None = f(
        "称呼", "讲话类必填：同志们 | 各位委员，同志们 | 尊敬的……（不带冒号）", default=None, example="同志们"
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
