"""Composer fixes by class for seams that facts files written outside the repository still produced (issue 11,
second corpus round: work summaries, exchange materials, meeting plans).

Each test builds its facts inline, changes the one thing a clerk writes differently, composes through the
public API and checks the sentence that carries it — and that the checker finds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from helpers import DELETE, dump, edit, minimal_exchange, minimal_speech, validate_text

from docgen.compose import compose
from docgen.draft import Draft, Heading
from docgen.quality import check_draft


def _draft(data: dict[str, Any]) -> Draft:
    return compose(validate_text(dump(data)))


def _seams(draft: Draft) -> list[str]:
    return [f.format() for f in check_draft(draft)]


def _summary(**changes: Any) -> dict[str, Any]:
    data = edit(
        minimal_speech(),
        {
            "document.kind": "work_summary",
            "document.id": "t-summary",
            "document.speaker": DELETE,
            "document.salutation": DELETE,
        },
    )
    return edit(data, changes)


# --- a writer's own numbering ---------------------------------------------------------------------------------


def test_headings_and_leads_numbered_by_the_writer_are_numbered_once() -> None:
    sections = [
        {"heading": "（一）健全机制，夯实基础", "items": [{"lead": "1.高度重视，周密部署", "practices": ["一是建立联席会议制度"]}]},
        {"heading": "二、提高质量，增强实效", "items": [{"lead": "②深入调研", "practices": ["每季度发布选题参考"]}]},
    ]
    draft = _draft(edit(minimal_exchange(), {"exchange.sections": sections}))
    headings = [b.full_text for b in draft.blocks if isinstance(b, Heading)]
    assert headings == ["一、健全机制，夯实基础", "二、提高质量，增强实效"]
    text = draft.text()
    assert "高度重视，周密部署。建立联席会议制度。" in text
    assert "深入调研。每季度发布选题参考。" in text
    assert _seams(draft) == []


def test_a_range_of_numerals_or_a_decimal_at_the_start_is_not_a_numbering() -> None:
    tasks = {"horizon": "2025年", "sections": [{"lead": "一、二季度集中宣传", "theme": "focus", "items": ["1.5万份简报按时印发"]}]}
    text = _draft(_summary(tasks=tasks)).text()
    assert "一、二季度集中宣传。" in text
    assert "1.5万份简报按时印发。" in text


# --- the frame's subject said again by an item ----------------------------------------------------------------


def test_next_step_with_its_own_time_and_the_units_subject_keeps_the_time_only() -> None:
    data = edit(
        minimal_exchange(),
        {
            "exchange.closing": "next_steps",
            "exchange.next_steps": ["下半年，县政协将继续擦亮“委员说”品牌", "2026年上半年，县政协出台激励办法", "力争全年发稿200篇以上"],
        },
    )
    draft = _draft(data)
    text = draft.text()
    assert "一是下半年继续擦亮“委员说”品牌；二是2026年上半年出台激励办法；三是力争全年发稿200篇以上。" in text
    assert text.count("县政协将") == 1
    assert _seams(draft) == []


# --- a period said twice ----------------------------------------------------------------------------------------


def test_a_rank_of_the_period_just_said_does_not_say_it_again() -> None:
    rank = {"outlet": "dlzxb", "metric": "发稿量", "scope": "全省", "rank": 2, "of": 14, "period_label": "今年1—11月"}
    data = _summary(**{"period.label": "今年1—11月", "achievements.media.ranks": [rank]})
    draft = _draft(data)
    para = next(line for line in draft.text().splitlines() if "位居第二位" in line)
    assert para.count("今年1—11月") == 1
    assert "市政协在《东岚政协报》的发稿量在全省14家单位中位居第二位" in para
    assert _seams(draft) == []


def test_a_rank_for_the_calendar_year_of_the_period_is_not_dated_again() -> None:
    rank = {"outlet": "dlzxb", "metric": "发稿量", "scope": "全省", "rank": 2, "of": 14, "period_label": "2024年度"}
    opinion_rank = {"scope": "全省", "metric": "信息采用量", "rank": 4, "period_label": "2024年"}
    data = _summary(
        **{
            "document.date": dt.date(2025, 1, 10),
            "period": {"kind": "calendar_year", "start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)},
            "achievements.media.ranks": [rank],
            "achievements.social_opinion.ranks": [opinion_rank],
        }
    )
    text = _draft(data).text()
    assert "2024年度" not in text
    assert "2024年，在全省" not in text
    assert "位居第二位" in text and "第四" in text


def test_a_rank_of_another_period_keeps_its_own_time() -> None:
    rank = {"outlet": "dlzxb", "metric": "发稿量", "scope": "全省", "rank": 2, "of": 14, "period_label": "2023年度"}
    text = _draft(_summary(**{"achievements.media.ranks": [rank]})).text()
    assert "2023年度，市政协在《东岚政协报》的发稿量" in text


# --- a writer's summary sentence that the facts say anyway --------------------------------------------------------


def test_highlight_sentence_giving_the_facts_figure_again_is_left_out_with_a_warning() -> None:
    data = _summary(**{"achievements.highlights[0].text": "全年在各级媒体刊发稿件100篇。"})
    draft = _draft(data)
    text = draft.text()
    assert text.count("100篇") == 1
    assert [n.path for n in draft.notices if n.code == "unused-fact"] == ["achievements.highlights[0].text"]
    assert _seams(draft) == []


def test_highlight_sentence_with_a_figure_of_its_own_is_kept() -> None:
    data = _summary(**{"achievements.highlights[0].text": "全年围绕中心工作组织集中宣传14次"})
    draft = _draft(data)
    assert "全年围绕中心工作组织集中宣传14次。" in draft.text()
    assert not [n for n in draft.notices if n.code == "unused-fact"]
