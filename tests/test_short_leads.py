"""Stub clauses (issue 11): a short user phrase placed as a clause of its own.  A run-in lead is a heading: one
that predicates something — a verb phrase (抓策划), or the subject–adjective clause clerks write for the points
of an exchange (直报快, 反馈快, 效果好, 渠道畅) — is not a stub whether its paragraph is numbered or, alone in its
section, not; a lead that predicates nothing (首次, 直报) is, and so is a bare short sentence that is no lead.
(The property test found 直报快。 when a section of w2_city_exchange_material_multiyear_2024 was cut to one item.)"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from docgen.api import compose_text, load_facts
from docgen.draft import Draft, DraftMeta, Paragraph, Segment
from docgen.quality import check_draft

EXAMPLE = Path(__file__).resolve().parent.parent / "docgen/domains/cppcc_publicity/examples/county_exchange_material.yaml"
PREDICATING = ["直报快", "反馈快", "效果好", "渠道畅", "质量高", "选题准", "抓策划"]
BARE = ["首次", "直报", "进一步"]


def _stubs(*paras: Paragraph) -> list[str]:
    draft = Draft(DraftMeta("t", "exchange_material", "t", date(2024, 1, 1)))
    draft.blocks.extend(paras)
    return [f.sentence for f in check_draft(draft) if f.code == "quality-stub"]


@pytest.mark.parametrize("lead", PREDICATING)
def test_a_short_lead_that_predicates_is_a_heading_numbered_or_not(lead: str) -> None:
    body = Segment("开通社情民意信息直报通道，委员可通过手机直接报送。")
    assert _stubs(Paragraph((Segment(f"{lead}。", "item_lead"), body))) == []
    assert _stubs(Paragraph((Segment(f"1.{lead}。", "item_lead"), body))) == []


@pytest.mark.parametrize("lead", BARE)
def test_a_lead_that_predicates_nothing_or_a_bare_short_sentence_is_a_stub(lead: str) -> None:
    body = Segment("刊发稿件3篇。")
    assert _stubs(Paragraph((Segment(f"{lead}。", "item_lead"), body))) == [f"{lead}。"]
    assert _stubs(Paragraph((Segment("刊发稿件3篇。"), Segment(f"{lead}。")))) == [f"{lead}。"]


@pytest.mark.parametrize("lead", PREDICATING[:5])
def test_a_section_of_one_item_with_a_short_lead_reads_without_a_seam(lead: str) -> None:
    data = load_facts(EXAMPLE).model_dump(mode="json", exclude_none=True)
    for sec in data["exchange"]["sections"]:
        sec["items"] = sec["items"][:1]  # one item: its lead is not numbered
    data["exchange"]["sections"][0]["items"][0]["lead"] = lead
    draft = compose_text(json.dumps(data, ensure_ascii=False), mode="final")
    assert f"{lead}。" in draft.text()
    assert [n.message for n in draft.notices if n.code.startswith("quality-")] == []


# a subject and its bare adjective predicate (渠道畅) is a clause; said alone as a demand or a measure it takes 要
# before the adjective (渠道要畅), never a stub sentence of its own
CLAUSES = ["渠道畅", "信息质量高", "直报快", "宣传效果好"]
EXAMPLES = EXAMPLE.parent


@pytest.mark.parametrize("text", CLAUSES)
def test_a_subject_with_an_adjective_predicate_is_a_clause(text: str) -> None:
    from docgen.compose import phrases

    assert phrases.phrase_kind(text) == "clause"
    said = phrases.said_alone(text)
    assert said != text and said.index("要") == len(text) - 1  # 要 right before the adjective
    assert phrases.said_alone("建立重点选题会商机制") == "建立重点选题会商机制"  # a verb phrase as it is
    assert phrases.said_alone("信息员队伍建设") == "信息员队伍建设"  # a noun phrase as it is


@pytest.mark.parametrize("text", CLAUSES)
def test_a_lone_short_measure_or_requirement_is_no_stub(text: str) -> None:
    summary = load_facts(EXAMPLES / "work_summary.yaml").model_dump(mode="json", exclude_none=True)
    summary["tasks"]["sections"][0]["items"] = [text]
    plan = load_facts(EXAMPLES / "meeting_plan.yaml").model_dump(mode="json", exclude_none=True)
    plan["plan"]["requirements"] = [text]
    for data in (summary, plan):
        draft = compose_text(json.dumps(data, ensure_ascii=False), mode="final")
        assert [n.message for n in draft.notices if n.code.startswith("quality-")] == []
        assert f"{text[:-1]}要{text[-1]}。" in draft.text()
