"""A second document domain declared only here (虚构), registered in a test to show that the page's kind lists
come from the registry: nothing in docgen/service/web names it."""

from docgen.registry import DomainSpec, KindSpec

DOMAIN = DomainSpec(
    name="zz_test_domain",
    label="测试领域（虚构）",
    facts_model="docgen.model.basefacts:BaseFacts",
    package="docgen",
    kinds=(
        KindSpec(
            name="zz_test_report",
            label="测试报告",
            description="测试报告（虚构，只用于测试网页的文种列表）",
            composer="docgen.nowhere:compose",
            template="leadership_speech.docx",
            blocks=(),
        ),
    ),
)
