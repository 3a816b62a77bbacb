"""Composer fixes by class for seams a blind round of speech facts files produced (issue 11, speeches:
leadership speech, concluding speech, exchange speech).

Each test builds its facts inline, varies the one thing a clerk writes differently, composes through the
public API and checks the sentence that carries it — and that the checker finds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers import dump, edit, minimal_exchange, validate_text

from docgen.compose import compose
from docgen.draft import Draft
from docgen.quality import check_draft


def _draft(data: dict[str, Any], mode: str = "final") -> Draft:
    return compose(validate_text(dump(edit(data, {"document.mode": mode}))))


def _seams(draft: Draft) -> list[str]:
    return [f.format() for f in check_draft(draft)]


def _concluding(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "document": {
            "id": "t-concluding",
            "kind": "concluding_speech",
            "date": dt.date(2023, 9, 21),
            "speaker": {"role": "市政协秘书长"},
            "salutation": "同志们",
        },
        "org": {"short_name": "市政协", "level": "city", "place": "澄阳"},
        "meeting": {"name": "全市政协社情民意信息工作座谈会"},
        "conclusion": {
            "speakers": [{"role": "市政协主席"}],
            "outcomes": [{"kind": "awareness", "object": "社情民意信息工作重要性"}],
        },
    }
    return edit(data, changes)


def _exchange_speech(**changes: Any) -> dict[str, Any]:
    data = edit(
        minimal_exchange(),
        {
            "document.kind": "exchange_speech",
            "document.speaker": {"role": "县政协副主席"},
            "document.salutation": "同志们",
            "document.occasion": "全市政协宣传信息工作会议",
        },
    )
    return edit(data, changes)


# --- a unit list that already says 等N家单位 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("units", "count", "said"),
    [
        (["鹤汀区政协、槐阴县政协、市政协经济委员会等5家单位"], 5, "鹤汀区政协、槐阴县政协、市政协经济委员会等5家单位分别作了交流发言"),
        (["青禾镇", "白鹭街道等4家单位"], 4, "青禾镇、白鹭街道等4家单位分别作了交流发言"),
        (["青禾县政协、望川区政协等六家单位"], None, "青禾县政协、望川区政协等6家单位分别作了交流发言"),
    ],
)
def test_concluding_exchange_list_keeps_its_count_of_units(units: list[str], count: int | None, said: str) -> None:
    changes: dict[str, Any] = {"conclusion.exchange_units": units}
    if count:
        changes["conclusion.exchange_count"] = count
    draft = _draft(_concluding(**changes))
    assert said in draft.text()
    assert _seams(draft) == []


def test_concluding_exchange_complete_list_keeps_its_people_count() -> None:
    draft = _draft(_concluding(**{"conclusion.exchange_units": ["青禾县政协", "望川区政协"], "conclusion.exchange_count": 2}))
    assert "青禾县政协、望川区政协的2位负责同志分别作了交流发言" in draft.text()


# --- the exchange focus said after the unit's name ------------------------------------------------------------


@pytest.mark.parametrize("variant", ["a", "b", "c"])
@pytest.mark.parametrize(
    ("focus", "said"),
    [
        ("政协宣传信息工作提质增效", "在宣传信息工作提质增效"),
        ("社情民意信息工作", "在社情民意信息工作"),
    ],
)
def test_exchange_speech_report_puts_the_focus_after_zai(variant: str, focus: str, said: str) -> None:
    draft = _draft(_exchange_speech(**{"exchange.lead.focus": focus, "document.variants": {"EXS-report": variant}}))
    text = draft.text()
    assert f"临溪县政协{said}" in text
    assert "开展" + focus not in text and "政协政协" not in text
    assert _seams(draft) == []


# --- demands written as clauses with their own subject, time or a preposition ----------------------------------


@pytest.mark.parametrize(
    ("transmit", "said"),
    [
        ("各县（市、区）政协、市政协各专委会10月15日前向党组（党委）汇报会议精神。", "各专委会10月15日前要向党组（党委）汇报会议精神。"),
        ("各单位在年底前向市政协报送学习情况", "各单位要在年底前向市政协报送学习情况。"),
        ("《澄阳政协》编辑部每月向省政协报送稿件", "《澄阳政协》编辑部每月要向省政协报送稿件。"),
    ],
)
def test_concluding_transmit_clause_takes_its_yao(transmit: str, said: str) -> None:
    draft = _draft(_concluding(**{"conclusion.implementation.transmit": transmit}))
    assert said in draft.text()
    assert _seams(draft) == []


def test_concluding_support_items_are_demands_whatever_their_shape() -> None:
    support = [
        "市直有关部门对政协转来的信息件及时办理、及时反馈",  # a clause: 要 after its subject
        "在稿件采写上给予支持",  # a verb phrase: as written
        "信息员培训经费。",  # a noun: what is supported
    ]
    draft = _draft(_concluding(**{"conclusion.implementation.support": support}))
    assert (
        "一是市直有关部门要对政协转来的信息件及时办理、及时反馈；二是在稿件采写上给予支持；"
        "三是在信息员培训经费上给予支持。"
    ) in draft.text()
    assert _seams(draft) == []
