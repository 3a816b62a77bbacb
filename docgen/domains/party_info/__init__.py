"""党政信息工作 (the information work of a Party committee's and government's general offices, 两办信息工作).

Its kinds are declared here, once; everything else in docgen reads them from :mod:`docgen.registry`.
"""

from __future__ import annotations

from docgen.registry import DomainSpec, Expected, KindSpec

__all__ = ["DOMAIN"]

_PKG = "docgen.domains.party_info"

DOMAIN = DomainSpec(
    name="party_info",
    label="党政信息工作",
    facts_model=f"{_PKG}.model.facts:Facts",
    package=_PKG,
    rules=f"{_PKG}.model.rules:check_rules",
    library_rules=f"{_PKG}.model.rules:check_political",
    context=f"{_PKG}.compose.context:Ctx",
    skeleton_hints=f"{_PKG}.skeleton:HINTS",
    quality_rules=f"{_PKG}.quality:check_counts",
    kinds=(
        KindSpec(
            name="info_leadership_speech",
            label="信息工作会议领导讲话",
            description="信息工作会议领导讲话：党委、政府信息工作会议上的讲话（开场、成绩和问题、认识、任务、结尾）",
            description_en="a leader's speech at the information work conference of a Party committee and government",
            composer=f"{_PKG}.compose.speech:info_leadership_speech",
            template="leadership_speech.docx",
            blocks=("period", "meeting", "results", "problems", "situation", "tasks", "closing"),
            expected=(
                Expected("period", "统计期"),
                Expected("meeting", "会议名称和主要任务"),
                Expected("results", "工作成效"),
                Expected("results.submitted", "上报信息数"),
                Expected("results.adopted", "被采用情况"),
                Expected("problems", "存在问题"),
                Expected("situation", "认识和形势"),
                Expected("tasks", "工作任务"),
                Expected("closing", "结尾"),
            ),
            speech=True,
        ),
        KindSpec(
            name="info_work_summary",
            label="信息工作总结",
            description="信息工作总结：党委、政府办公室年度（或阶段）信息工作总结（主要工作及成效、问题和不足、工作打算、落款）",
            description_en="the annual (or part-year) information work summary of a general office",
            composer=f"{_PKG}.compose.summary:info_work_summary",
            template="work_summary.docx",
            blocks=("period", "results", "problems", "tasks", "summary"),
            required=("results",),
            expected=(
                Expected("period", "统计期"),
                Expected("results.submitted", "上报信息数"),
                Expected("results.adopted", "被采用情况"),
                Expected("problems", "存在的问题和不足"),
                Expected("tasks", "工作打算"),
            ),
        ),
    ),
)
