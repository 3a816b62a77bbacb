"""Fact check: every number of a draft comes from the facts, every fact the draft should state is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_docs import docx_of, edit_part, rendered_examples

from docgen.domains.cppcc_publicity.model.facts import Facts
from docgen.load import SourceMap, load_yaml
from docgen.model.validate import validate_loaded
from docgen.review.check import check_draft, fact_numbers


def _facts(path: Path) -> tuple[Facts, SourceMap]:
    loaded = load_yaml(path)
    return validate_loaded(loaded), loaded.source


@pytest.mark.parametrize("stem", sorted(rendered_examples()))
def test_an_untouched_render_of_every_example_is_clean(stem: str) -> None:
    docx, path = rendered_examples()[stem]
    facts, source = _facts(path)
    result = check_draft(docx, facts, source=source)
    assert [f.message for f in result.findings] == []
    assert result.composed and result.numbers_checked > 0


@pytest.mark.parametrize("stem", sorted(rendered_examples()))
def test_a_draft_mode_render_is_clean_too(stem: str) -> None:
    from docgen.api import compose_file, render_draft

    _, path = rendered_examples()[stem]
    facts, source = _facts(path)
    facts.document.mode = "draft"
    docx = render_draft(compose_file(path, mode="draft"), "docx")
    assert [f.message for f in check_draft(docx, facts, source=source).findings] == []


def _city() -> tuple[bytes, Facts, SourceMap]:
    docx, path = rendered_examples()["city_leadership_speech"]
    facts, source = _facts(path)
    return docx, facts, source


def test_an_injected_stale_number_is_found_with_its_paragraph_and_the_fact_it_replaced() -> None:
    docx, facts, source = _city()
    stale = edit_part(docx, lambda x: x.replace("刊发稿件186篇", "刊发稿件168篇"))
    result = check_draft(stale, facts, source=source)
    codes = [(f.code, f.number) for f in result.findings]
    assert codes == [("unknown-number", "168"), ("fact-not-stated", "186")]
    unknown, missing = result.findings
    assert unknown.paragraph is not None and "刊发稿件168篇" in unknown.excerpt
    assert missing.path == "achievements.media.total.value"
    text = Path(rendered_examples()["city_leadership_speech"][1]).read_text(encoding="utf-8").splitlines()
    assert "186" in text[missing.line - 1]


def test_a_changed_date_and_a_changed_rank_are_found() -> None:
    docx, facts, source = _city()

    def change(x: str) -> str:
        return x.replace("2024年6月18日", "2024年6月19日").replace("位居第三位", "位居第五位")

    result = check_draft(edit_part(docx, change), facts, source=source)
    got = {(f.code, f.number) for f in result.findings}
    assert ("unknown-date", "2024年6月19日") in got
    assert ("fact-not-stated", "2024年6月18日") in got
    assert ("fact-not-stated", "第三位") in got


def test_qualifiers_and_percent_signs_do_not_matter() -> None:
    docx, facts, source = _city()
    reworded = edit_part(docx, lambda x: x.replace("300余条", "300条").replace("78%以上", "近78%"))
    assert check_draft(reworded, facts, source=source).clean


def test_a_removed_sentence_leaves_its_facts_unstated() -> None:
    docx, facts, source = _city()
    cut = edit_part(docx, lambda x: x.replace("共刊播20期，反映热点问题43个。", "。"))
    result = check_draft(cut, facts, source=source)
    assert {(f.code, f.number) for f in result.findings} == {
        ("fact-not-stated", "20"),
        ("fact-not-stated", "43"),
    }


def test_computed_comparisons_are_facts() -> None:
    _, facts, _ = _city()
    values = fact_numbers(facts).values
    from decimal import Decimal

    assert Decimal("22.4") in values  # 较去年同期增长22.4%, computed from comparisons[].previous


def test_tracked_changes_in_the_draft_are_accepted_before_checking() -> None:
    from docgen.review.redline import redline_docx

    docx, facts, source = _city()
    stale = edit_part(docx, lambda x: x.replace("刊发稿件186篇", "刊发稿件168篇"))
    tracked = redline_docx(docx, stale)  # the editor's change, still tracked
    assert {f.number for f in check_draft(tracked, facts, source=source).findings} == {"168", "186"}


def test_list_numbers_titles_and_the_document_year_are_not_checked() -> None:
    _, facts, _ = _city()
    extra = docx_of(["1.高度重视，周密部署。", "（2）印发《2019年宣传工作要点》。", "2024年度工作。"])
    result = check_draft(extra, facts)
    assert [f for f in result.findings if f.code != "fact-not-stated"] == []
