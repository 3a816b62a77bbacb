"""A third domain for the /api/kinds test: only a declaration (listing kinds imports no model or composer)."""

from __future__ import annotations

from docgen.registry import DomainSpec, KindSpec

DOMAIN = DomainSpec(
    name="zz_extra",
    label="测试领域（虚构）",
    facts_model="nowhere:Facts",
    kinds=(
        KindSpec(
            name="zz_extra_note",
            label="测试便笺",
            description="测试便笺（虚构文种，只用于测试文种列表）",
            composer="nowhere:compose",
            template="leadership_speech.docx",
            blocks=(),
        ),
    ),
    package="service",
)
