"""政协宣传信息工作 (the publicity and information work of a CPPCC committee): the built-in domain.

Its six kinds are declared here, once; everything else in docgen reads them from :mod:`docgen.registry`.
"""

from __future__ import annotations

from docgen.registry import DomainSpec, Expected, KindSpec

__all__ = ["DOMAIN"]

_PKG = "docgen.domains.cppcc_publicity"

DOMAIN = DomainSpec(
    name="cppcc_publicity",
    label="政协宣传信息工作",
    facts_model="docgen.domains.cppcc_publicity.model.facts:Facts",
    package=_PKG,
    rules="docgen.domains.cppcc_publicity.model.rules:check_rules",
    library_rules="docgen.domains.cppcc_publicity.model.rules:check_political",
    context="docgen.domains.cppcc_publicity.compose.context:Ctx",
    comparisons="docgen.domains.cppcc_publicity.review:comparisons",
    workbook_check="docgen.domains.cppcc_publicity.workbook:check_outlets",
    unit_blocks=("achievements",),
    skeleton_hints="docgen.domains.cppcc_publicity.skeleton:HINTS",
    quality_rules="docgen.domains.cppcc_publicity.quality:check",
    schema_description=(
        "政协宣传信息工作讲话、总结、交流材料和会议方案的事实数据（YAML）。"
        "本模式只逐字段检查类型、取值和未知字段；数字先后关系、媒体ID引用、日期与部署期、政治表述片段的有效期等"
        "跨字段规则由 docgen validate 检查。"
    ),
    kinds=(
        KindSpec(
            name="leadership_speech",
            label="领导讲话",
            description="领导讲话：在宣传信息工作会议上的讲话（开场、成绩、问题、形势、任务、结尾，“我讲三点意见”）",
            description_en="a leader's speech at the publicity-and-information work conference",
            composer="docgen.domains.cppcc_publicity.compose.kinds:leadership_speech",
            template="leadership_speech.docx",
            blocks=(
                "period",
                "meeting",
                "outlets",
                "achievements",
                "attribution",
                "thanks",
                "problems",
                "situation",
                "tasks",
                "closing",
            ),
            expected=(
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
            speech=True,
        ),
        KindSpec(
            name="concluding_speech",
            label="会议总结讲话",
            description="会议总结讲话：会议即将结束时的讲话（会议主要收效、会议精神贯彻落实意见）",
            description_en="the speech given as a meeting closes",
            composer="docgen.domains.cppcc_publicity.compose.concluding:concluding_speech",
            template="concluding_speech.docx",
            blocks=("period", "meeting", "outlets", "conclusion", "closing"),
            required=("conclusion",),
            expected=(
                Expected("meeting", "会议名称"),
                Expected("conclusion.speakers", "会上讲话领导"),
                Expected("conclusion.outcomes", "会议主要收效"),
                Expected("conclusion.implementation.transmit", "传达学习要求"),
                Expected("conclusion.implementation.supervision", "督促检查要求"),
                Expected("closing", "结尾"),
            ),
            speech=True,
        ),
        KindSpec(
            name="exchange_material",
            label="经验交流材料",
            description="经验交流材料：以单位名义第三人称书面汇报经验做法（导语、三个关键词部分、编号做法）",
            description_en="a written experience-exchange paper (third person)",
            composer="docgen.domains.cppcc_publicity.compose.exchange:exchange_material",
            template="exchange_material.docx",
            blocks=("period", "meeting", "outlets", "exchange"),
            required=("exchange",),
            expected=(
                Expected("period", "统计期"),
                Expected("exchange.lead.thesis_keywords", "关键词"),
                Expected("exchange.lead.honour", "获得的荣誉"),
            ),
        ),
        KindSpec(
            name="exchange_speech",
            label="交流发言",
            description="会上交流发言：以“我们”第一人称口头交流经验（称呼、做法、谦辞结尾、谢谢大家）",
            description_en="an experience-exchange speech at a meeting (first person)",
            composer="docgen.domains.cppcc_publicity.compose.exchange:exchange_speech",
            template="exchange_speech.docx",
            blocks=("period", "meeting", "outlets", "exchange", "closing"),
            required=("exchange",),
            expected=(
                Expected("meeting", "交流会议", or_each=("document.occasion",)),
                Expected("exchange.lead.thesis_keywords", "关键词"),
                Expected("exchange.lead.honour", "获得的荣誉"),
            ),
            speech=True,
        ),
        KindSpec(
            name="work_summary",
            label="工作总结",
            description="工作总结：单位年度宣传信息工作总结（主要工作及成效、存在的问题和不足、明年工作打算、落款）",
            description_en="a unit's annual work summary",
            composer="docgen.domains.cppcc_publicity.compose.summary:work_summary",
            template="work_summary.docx",
            blocks=("period", "outlets", "achievements", "attribution", "problems", "tasks", "summary"),
            expected=(
                Expected("period", "统计期"),
                Expected("achievements.media", "新闻宣传数字"),
                Expected("achievements.social_opinion", "社情民意信息数字"),
                Expected("problems", "存在的问题和不足"),
                Expected("tasks", "工作打算"),
            ),
        ),
        KindSpec(
            name="meeting_plan",
            label="会议方案",
            description="会议方案：会议名称、时间地点、参会人员、会议议程（表格）、会议材料、工作分工、有关要求",
            description_en="the organiser's plan for a meeting",
            composer="docgen.domains.cppcc_publicity.compose.plan:meeting_plan",
            template="meeting_plan.docx",
            blocks=("meeting", "plan"),
            required=("plan",),
            expected=(
                Expected("plan.time_text", "开会时间"),
                Expected("plan.host", "主持人", or_each=("plan.agenda.host",)),
                Expected("plan.materials", "会议材料"),
                Expected("plan.division", "工作分工"),
                Expected("plan.requirements", "有关要求"),
                Expected("plan.contact", "联系人和联系电话"),
            ),
        ),
    ),
)
