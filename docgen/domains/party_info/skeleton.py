"""What ``docgen init`` writes into this domain's skeletons beyond the facts model: invented examples (the shared
models' fields included: ``Org.short_name`` is “区委办公室” here), the document fields only some kinds use, and
this domain's descriptions of shared fields.  Every name and place is invented (虚构)."""

from __future__ import annotations

import datetime as dt

from docgen.registry import SkeletonHints

__all__ = ["HINTS"]

_SPEECH = frozenset({"info_leadership_speech"})

HINTS = SkeletonHints(
    examples={
        # shared models (docgen/model): this domain's examples of their fields
        "Speaker.role": "区委常委、区委办公室主任",
        "Document.on_behalf_of": "区委办公室、区政府办公室",
        "Meeting.name": "全区信息工作会议",
        "Meeting.approved_by": "区委、区政府",
        "Meeting.decided_by": "区委办公室",
        "Meeting.purposes": ["总结今年以来全区信息工作", "部署明年信息工作任务"],
        "Meeting.assessment": "compact_effective",
        "AgendaDone.text": "全市重大紧急信息报送工作会议精神",
        "AgendaDone.by": "青荷街道等3个单位",
        "AgendaDone.count": 3,
        "AgendaDone.topic": "紧急信息报送规范",
        "UpperRequirement.role": "市委办公室负责同志",
        "UpperRequirement.topic": "加强基层社情民意信息收集",
        "Org.short_name": "区委办公室",
        "Org.full_name": "中共平屿区委办公室",
        "Org.subunits_label": "各镇（街道）",
        "Org.self_ref": "我区",
        "Org.scope": "全区",
        "Period.label": "今年以来",
        # this domain's blocks
        "Submitted.approx": "余",
        "Rank.of": 11,
        "Rank.year": 2024,
        "Publication.instructed": 14,
        "Case.title": "关于城区老旧供水管网漏损问题的情况反映",
        "Leads.publications": "信息刊物的载体作用进一步发挥",
        "Leads.ranks": "考核位次保持前列",
        "Leads.emergency": "紧急信息报送及时准确",
        "Leads.network": "信息网络日益健全",
        "Results.heading": "全区信息工作取得新成效",
        "Situation.heading": "提高认识，切实增强做好信息工作的责任感",
        "Tasks.heading": "突出重点，推动全区信息工作提质增效",
        "TaskSection.lead": "围绕中心抓重点，提高信息的针对性",
        "Closing.guiding_thought": "pi_gt_2025",
        "Summary.year": 2025,
        "Summary.lead_text": "2025年，县委办公室信息工作紧扣县委中心工作，在服务决策上持续用力",
        "Summary.signature_date": dt.date(2026, 1, 8),
    },
    document_only={
        "occasion": frozenset(),
        "subtitle": frozenset(),
        "section_order": _SPEECH,
        "problems_placement": frozenset({"info_leadership_speech", "info_work_summary"}),
    },
    salutations={},
    prefill={},
    # a general office has no 党组; the assessment's scope is written with each rank
    omit=frozenset(
        {
            "Org.province",
            "Org.party_group",
            "Org.grassroots_label",
            "Org.subunits_count",
        }
    ),
    descriptions={
        "Document.on_behalf_of": "“我代表……”：区委办公室、区政府办公室",
        "Document.salutation": "讲话类必填：同志们 | 各位领导，同志们（不带冒号）",
        "Org.short_name": "区委办公室 / 县政府办公室 / 省委办公厅",
        "Org.full_name": "总结的落款，如“中共平屿区委办公室”",
        "Org.subunits_label": "各镇（街道）/ 各乡镇 / 各县（市、区）",
        "Meeting.approved_by": "“这次会议是经……同意召开的”：区委、区政府",
        "Period.kind": "year_to_date 今年以来 | calendar_year 某年 | custom 其他（如上半年）",
    },
)
