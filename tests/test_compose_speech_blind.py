"""Composer fixes by class for seams a blind round of speech facts files produced (issue 11, speeches:
leadership speech, concluding speech, exchange speech).

Each test builds its facts inline, varies the one thing a clerk writes differently, composes through the
public API and checks the sentence that carries it — and that the checker finds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers import dump, edit, minimal_exchange, minimal_speech, seams, validate_text

from docgen.compose import compose
from docgen.draft import Draft


def _draft(data: dict[str, Any], mode: str = "final") -> Draft:
    return compose(validate_text(dump(edit(data, {"document.mode": mode}))))


_seams = seams  # the checker's findings, formatted (helpers.seams)


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


# --- rewards, targets, emphasis: user phrases in the slot that fits them ---------------------------------------


def _speech_tasks(section: dict[str, Any], **changes: Any) -> dict[str, Any]:
    sec = {"lead": "完善激励机制，调动各方积极性", "theme": "team_incentives"} | section
    return edit(minimal_speech(), {"tasks.sections": [sec], **changes})


@pytest.mark.parametrize("event", ["年度优秀信息员评选", "优秀通讯员评比", "评选年度优秀信息员"])
def test_a_selection_earned_by_a_condition_reads_canjia(event: str) -> None:
    reward = {"event": event, "rule": "全年报送信息6条以上且被采用2条以上"}
    draft = _draft(_speech_tasks({"rewards": [reward]}))
    text = draft.text()
    assert "凡全年报送信息6条以上且被采用2条以上的，可参加" in text
    assert "的给予奖励" not in text
    assert _seams(draft) == []


@pytest.mark.parametrize("per", ["全年", "年内", "每年"])
@pytest.mark.parametrize("horizon", ["2025年", "今年"])
def test_a_target_that_says_its_year_is_not_given_the_year_again(per: str, horizon: str) -> None:
    target = {"metric": "上稿", "outlet": "dlzxb", "min": 15, "unit": "篇", "per": per}
    data = _speech_tasks({"targets": [target]}, **{"tasks.horizon": horizon, "document.date": dt.date(2025, 7, 24)})
    draft = _draft(data)
    text = draft.text()
    assert f"{per}在《东岚政协报》上稿不少于15篇" in text or f"{per}在《东岚政协报》上稿15篇" in text
    assert f"今年，力争{per}" not in text and f"今年的目标是：{per}" not in text
    assert _seams(draft) == []


@pytest.mark.parametrize(
    ("emphasis", "said"),
    [
        ("围绕全市中心工作讲好委员履职故事", "要围绕全市中心工作讲好委员履职故事。"),
        ("把镜头对准基层一线。", "要把镜头对准基层一线。"),
        ("做好新形势下的政协宣传工作，必须始终把握正确导向。", "做好新形势下的政协宣传工作，必须始终把握正确导向。"),
    ],
)
def test_a_theme_emphasis_written_as_a_bare_predicate_is_a_demand(emphasis: str, said: str) -> None:
    data = edit(minimal_speech(), {"situation": {"themes": [{"code": "guidance", "emphasis": emphasis}]}})
    draft = _draft(data)
    assert said in draft.text()
    assert "。" + said.removeprefix("要") not in draft.text() or not said.startswith("要")
    assert _seams(draft) == []


# --- the opening's agenda: who did what ------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["a", "b", "c"])
def test_agenda_items_without_their_own_subject_come_before_a_named_actor(variant: str) -> None:
    agenda = [
        {"type": "relay", "text": "全省政协新闻宣传工作座谈会精神"},
        {"type": "lecture", "by": "澄阳日报社政文部主任", "text": "政协新闻写作的选题、角度与表达"},
        {"type": "read_plan", "text": "澄阳市政协2025年下半年宣传信息工作要点"},
    ]
    data = edit(minimal_speech(), {"meeting": {"name": "全市政协宣传信息工作推进会", "agenda_done": agenda},
                                   "document.variants": {"OPN-agenda": variant}})
    text = _draft(data).text()
    read = text.index("宣读了《澄阳市政协2025年下半年宣传信息工作要点》")
    lecture = text.index("澄阳日报社政文部主任围绕")
    assert read < lecture
    assert "作了专题辅导。" in text


def test_concluding_agenda_keeps_a_named_actor_last() -> None:
    agenda = [
        {"type": "lecture", "by": "省政协研究室副主任", "text": "社情民意信息的选题与写作"},
        {"type": "commend", "text": "2022年度全市政协社情民意信息工作先进单位"},
    ]
    text = _draft(_concluding(**{"meeting.agenda_done": agenda})).text()
    assert text.index("表彰") < text.index("省政协研究室副主任")


@pytest.mark.parametrize("variant", ["a", "b", "c"])
@pytest.mark.parametrize("commended", [True, False])
def test_correspondents_are_commended_this_time_only_when_the_meeting_commended(variant: str, commended: bool) -> None:
    agenda = [{"type": "commend", "text": "2024年度优秀通讯员"}] if commended else [{"type": "relay", "text": "全省会议精神"}]
    data = edit(
        minimal_speech(),
        {
            "meeting": {"name": "全市政协宣传信息工作会议", "agenda_done": agenda},
            "achievements.grassroots": {"correspondents_commended": [{"unit": "梅溪镇"}, {"unit": "城南街道"}]},
            "achievements.highlights": [{"lead": "基层基础不断夯实", "refs": ["grassroots"]}],
            "document.variants": {"ACH-grassroots-commended": variant},
        },
    )
    draft = _draft(data)
    text = draft.text()
    assert "受到表彰" in text
    assert ("这次" in text.split("受到表彰")[0][-12:]) is commended
    assert _seams(draft) == []


def test_a_meeting_without_an_exchange_is_not_said_to_have_exchanged() -> None:
    for variant in ("a", "b", "c"):
        data = edit(minimal_speech(), {"meeting": {"name": "全市政协宣传信息工作推进会", "assessment": "achieved_goal"},
                                       "document.variants": {"OPN-assess-achieved_goal": variant}})
        assert "交流了做法" not in _draft(data).text()


@pytest.mark.parametrize(
    ("action", "we"),
    [
        ("监督组出发前制定宣传方案", False),
        ("宣传组全程随行采访", False),
        ("视察中安排专人随组采访、拍摄", True),
    ],
)
def test_a_campaign_action_with_its_own_subject_takes_no_women(action: str, we: bool) -> None:
    campaign = {"name": "“护河净岸”专项民主监督", "type": "supervision", "actions": [action, "当天推送图文信息"]}
    data = edit(
        minimal_speech(),
        {"achievements.campaigns": [campaign], "achievements.highlights": [{"lead": "围绕中心大局精准发声", "refs": ["media", "campaigns"]}]},
    )
    draft = _draft(data)
    text = draft.text()
    assert action in text
    assert ("我们" + action in text) is we
    assert _seams(draft) == []


@pytest.mark.parametrize(
    ("items", "said"),
    [
        (["各专委会每季度至少提供1篇履职稿件", "委员履职风采专栏"], "二是要抓好委员履职风采专栏。"),
        (["每位信息员每月报送1条信息", "委员联络站工作台账"], "二是要在委员联络站工作台账上下功夫。"),
        (["各县（市、区）政协对照年初目标逐项盘点", "落实信息员积分管理制度"], "一是各县（市、区）政协要对照年初目标逐项盘点；二是落实信息员积分管理制度。"),
        (["成员履职档案"], "要抓好成员履职档案。"),
        (["各单位主要负责同志是第一责任人", "各专委会每季度至少提供1篇履职稿件"], "一是各单位主要负责同志是第一责任人；"),
    ],
)
def test_a_noun_item_among_demands_is_what_is_to_be_done_well(items: list[str], said: str) -> None:
    draft = _draft(_speech_tasks({"items": items}))
    assert said in draft.text()
    assert _seams(draft) == []


# --- results and comparisons of one practice ------------------------------------------------------------------


def test_a_compared_result_follows_its_own_figure_in_the_sentence_of_its_period() -> None:
    results = [
        {"label": "编报《社情民意》", "value": 86, "unit": "期", "period_label": "近三年"},
        {"label": "被省政协采用", "value": 12, "unit": "条", "period_label": "近三年", "previous": 5, "previous_period": "前三年"},
        {"label": "获县委、县政府主要领导批示", "value": 40, "approx": "近", "unit": "件"},
    ]
    sections = [{"heading": "突出“精”字，提升信息质量", "items": [{"lead": "选题精准", "practices": ["实行三级把关"], "results": results}]}]
    draft = _draft(_exchange_speech(**{"exchange.sections": sections}))
    assert "近三年，编报《社情民意》86期，被省政协采用12条，是前三年的2.4倍；获县委、县政府主要领导批示近40件。" in draft.text()
    assert _seams(draft) == []


@pytest.mark.parametrize("variant", ["a", "b", "c"])
def test_fenbie_is_said_once_in_the_concluding_opening(variant: str) -> None:
    data = _concluding(
        **{
            "conclusion.speakers": [{"role": "市政协主席"}, {"role": "市委常委、宣传部部长"}],
            "conclusion.exchange_units": ["青禾县政协", "望川区政协"],
            "document.variants": {"CON-speakers": variant, "CON-exchange": "a"},
        }
    )
    draft = _draft(data)
    sentence = next(x for x in draft.text().split("。") if "交流发言" in x)
    assert sentence.count("分别") <= 1
    assert _seams(draft) == []
