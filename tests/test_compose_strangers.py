"""Composer fixes by class for seams that facts files written outside the repository still produced (issue 11,
second corpus round: work summaries, exchange materials, meeting plans).

Each test builds its facts inline, changes the one thing a clerk writes differently, composes through the
public API and checks the sentence that carries it — and that the checker finds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from helpers import (
    compose_data,
    edit,
    minimal_exchange,
    seams,
    summary_facts,
)

from docgen.draft import Draft, Heading


def _draft(data: dict[str, Any]) -> Draft:
    draft: Draft = compose_data(data)
    return draft


_seams = seams
_summary = summary_facts


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


# --- lists of one --------------------------------------------------------------------------------------------------


def test_one_outlet_is_not_announced_as_a_breakdown() -> None:
    data = _summary(**{"document.variants": {"ACH-media-total": "d"}})
    text = _draft(data).text()
    assert "累计发稿100篇，其中《东岚政协报》刊发40篇（头版头条3篇）。" in text
    assert "分媒体看" not in text
    two = edit(data, {"achievements.media.by_outlet[1]": {"outlet": "rmzxb", "count": 5}})
    assert "分媒体看，" in _draft(two).text()


# --- a note with nothing to qualify ---------------------------------------------------------------------------------


def test_a_bare_adverb_note_after_a_noun_is_left_out_with_a_warning() -> None:
    results = [{"label": "系列报道", "value": 12, "unit": "期", "note": "首次"}]
    draft = _draft(edit(minimal_exchange(), {"exchange.sections[0].items[0].results": results}))
    assert "首次系列报道" not in draft.text()
    assert "系列报道12期。" in draft.text()
    assert [n.path for n in draft.notices if n.code == "unused-fact"] == ["exchange.sections[0].items[0].results[0].note"]
    verb = [{"label": "在《人民政协报》刊发稿件", "value": 3, "unit": "篇", "note": "首次"}]
    text = _draft(edit(minimal_exchange(), {"exchange.sections[0].items[0].results": verb})).text()
    assert "首次在《人民政协报》刊发稿件3篇。" in text


# --- a fact given item by item --------------------------------------------------------------------------------------


def _plan(agenda: list[dict[str, Any]], **plan: Any) -> dict[str, Any]:
    return {
        "document": {"id": "t-plan", "kind": "meeting_plan", "date": dt.date(2024, 11, 25), "mode": "draft"},
        "org": {"short_name": "市政协", "level": "city", "place": "澄阳"},
        "plan": {
            "name": "全市政协宣传工作座谈会",
            "organiser": "澄阳市政协办公室",
            "date": dt.date(2024, 12, 6),
            "venue": "市政协机关三楼会议室",
            "attendees": ["各县（市、区）政协分管副主席"],
            "agenda": agenda,
            **plan,
        },
    }


def test_one_host_named_on_every_agenda_row_is_the_meetings_host() -> None:
    agenda = [
        {"time": "9:00", "item": "通报工作情况", "by": "市政协秘书长", "host": "市政协副主席"},
        {"time": "9:30", "item": "座谈交流", "host": "市政协副主席"},
    ]
    draft = _draft(_plan(agenda))
    text = draft.text()
    assert "会议由市政协副主席主持" in text or "市政协副主席主持会议" in text
    assert text.count("市政协副主席") == 1  # no 主持人 column repeating it row by row
    assert "〔待补：主持人〕" not in text
    assert "plan.host" not in [n.path for n in draft.notices if n.code == "expected-fact"]


def test_rows_with_different_hosts_keep_the_column_and_a_row_without_one_is_still_missing() -> None:
    agenda = [
        {"item": "通报工作情况", "host": "市政协秘书长"},
        {"item": "领导讲话", "host": "市政协副主席"},
    ]
    text = _draft(_plan(agenda)).text()
    assert "主持人" in text.splitlines()[next(i for i, x in enumerate(text.splitlines()) if x.startswith("序号"))]
    assert "〔待补：主持人〕" not in text
    partial = [{"item": "通报工作情况", "host": "市政协秘书长"}, {"item": "领导讲话"}]
    assert "〔待补：主持人〕" in _draft(_plan(partial)).text()


# --- a fact the presentation has no place for ------------------------------------------------------------------------


def test_narrative_summary_warns_about_the_point_headings_it_does_not_write() -> None:
    draft = _draft(_summary(**{"achievements.presentation": "narrative"}))
    assert "围绕中心大局精准发声" not in draft.text()
    assert "achievements.highlights[0].lead" in [n.path for n in draft.notices if n.code == "unused-fact"]


# --- a generic sentence the writer's own measure says again -----------------------------------------------------------


def test_a_measure_that_says_what_the_generic_sentence_says_replaces_it() -> None:
    generic = _draft(_summary(**{"tasks.sections[0].items": ["建立社情民意信息选题会商制度"]})).text()
    para = next(x for x in generic.splitlines() if x.startswith("凝聚工作合力"))
    assert para.count("。") >= 3  # the theme's generic sentence stays beside a measure of its own
    said = _draft(_summary()).text()  # 加强上下联动 after “……形成上下联动、共同发力的工作格局”
    para = next(x for x in said.splitlines() if x.startswith("凝聚工作合力"))
    assert para == "凝聚工作合力，树好政协形象。加强上下联动。"


# --- claims the data does not make ----------------------------------------------------------------------------------


def test_campaigns_given_by_name_only_share_one_plain_sentence() -> None:
    full = {"name": "“城市更新”专题协商", "type": "consultation", "actions": ["会中进行全媒体直播"]}
    bare = [{"name": "《澄阳文脉》口述史征集"}, {"name": "委员读书月", "type": "theme_activity"}]
    data = _summary(
        **{"achievements.campaigns": [full, *bare], "achievements.highlights[0].refs": ["media", "campaigns"]}
    )
    draft = _draft(data)
    text = draft.text()
    said = next(x for x in text.split("。") if "口述史征集" in x)
    assert "《澄阳文脉》口述史征集、委员读书月" in said and said.endswith(("开展了宣传报道", "进行了宣传报道"))
    assert "专题协商" not in said and text.count("口述史征集") == 1
    for claim in ("同步跟进", "集中宣传的声势", "良好的舆论氛围", "同步推进"):
        assert claim not in said
    assert _seams(draft) == []
    only = _summary(**{"achievements.campaigns": bare[:1], "achievements.highlights[0].refs": ["media", "campaigns"]})
    assert "还" not in next(x for x in _draft(only).text().split("。") if "口述史征集" in x)


# --- a list item that holds a 顿号 ------------------------------------------------------------------------------------


def test_adopting_bodies_with_their_own_dunhao_each_take_the_verb() -> None:
    adopted = [{"by": "全国政协", "count": 37, "unit": "条"}, {"by": "省委、省政府", "count": 160, "unit": "条", "approx": "余"}]
    data = _summary(**{"achievements.social_opinion.adopted": adopted, "achievements.highlights[0].refs": ["media", "social_opinion"]})
    text = _draft(data).text()
    assert "采用37条和省委" not in text
    assert any(f"{v}全国政协采用37条，{v}省委、省政府采用160余条" in text for v in ("获", "被"))


# --- boilerplate a variant would say again -----------------------------------------------------------------------------


def test_no_variant_choice_says_a_long_clause_the_document_has_said() -> None:
    """Whatever ``document.id`` picks, a fragment does not repeat a long clause of the writer's lead or of another
    fragment (两处“围绕中心、服务大局”)."""
    lead = "五年来，市政协宣传信息工作在市委的坚强领导下，围绕中心、服务大局，取得了新的成效。现将有关情况总结如下"
    for k in range(12):
        data = _summary(**{"document.id": f"t-summary-{k}", "summary.lead_text": lead, "summary.closing_text": True})
        draft = _draft(data)
        assert [f for f in _seams(draft) if "boilerplate" in f or "repeat" in f] == [], k
        assert draft.text().count("围绕中心、服务大局") == 1


def test_the_items_of_one_list_keep_one_frame_whatever_the_variant() -> None:
    materials = [
        {"name": f"材料{n}", "by": "市政协办公室", "deadline": dt.date(2024, 11, 20 + n)} for n in range(1, 5)
    ]
    for k in range(8):
        data = _plan([{"item": "领导讲话"}], materials=materials)
        data["document"]["id"] = f"t-plan-{k}"
        lines = [x for x in _draft(data).text().splitlines() if x[:1].isdigit() and "材料" in x]
        assert len(lines) == 4
        assert len({re.sub(r"\d+", "#", x) for x in lines}) == 1, lines


# --- facts no group refers to ---------------------------------------------------------------------------------------


def test_a_block_no_group_refers_to_joins_the_group_of_its_domain_or_the_last() -> None:
    groups = [
        {"heading": "宣传工作方面", "domain": "publicity", "highlights": [{"lead": "宣传平台不断拓展", "refs": ["media"]}]},
        {"heading": "信息工作方面", "domain": "info", "highlights": [{"lead": "信息报送提质", "refs": ["social_opinion"]}]},
    ]
    honours = [{"kind": "individual", "count": 2, "title": "2024年度全市政协优秀信息员", "conferred_by": "东岚市政协"}]
    campaign = {"name": "委员读书月", "actions": ["开设专栏"]}
    data = _summary(
        **{
            "achievements.presentation": "by_domain",
            "achievements.highlights": [],
            "achievements.groups": groups,
            "achievements.honours": honours,
            "achievements.campaigns": [campaign],
            "achievements.culture_history": [{"title": "澄阳老字号"}],
        }
    )
    draft = _draft(data)
    lines = draft.text().splitlines()
    info = lines.index("（二）信息工作方面")
    assert any("优秀信息员" in x for x in lines[info:])  # honours: no one domain, the last group
    assert any("委员读书月" in x for x in lines[: info])  # a campaign: the publicity group
    assert [n.path for n in draft.notices if n.code == "unused-fact"] == ["achievements.culture_history"]


# --- a writer's 要 before a clause, in a plan ---------------------------------------------------------------------------


def test_a_planned_measure_with_its_own_subject_takes_yao_after_it() -> None:
    items = ["要每个乡镇每月至少报送2条信息；", "县政协办公室要定期通报报送情况"]
    draft = _draft(_summary(**{"tasks.sections[0].items": items}))
    assert "一是每个乡镇每月至少要报送2条信息；二是县政协办公室要定期通报报送情况。" in draft.text()
    assert _seams(draft) == []


# --- a reward whose event is who earns it ---------------------------------------------------------------------------


def test_a_reward_rule_that_is_what_the_condition_earns_reads_as_may() -> None:
    rewards = [
        {"event": "全年报送信息10条以上的信息员", "rule": "参加年度优秀信息员评选"},
        {"event": "被市政协采用", "rule": "全年累计5条以上"},
    ]
    text = _draft(_summary(**{"tasks.sections[0].rewards": rewards})).text()
    assert "全年报送信息10条以上的信息员，可参加年度优秀信息员评选" in text
    assert "对被市政协采用（全年累计5条以上）的给予奖励" in text
    assert "的条件是" not in text


# --- an honour written with its own verb -------------------------------------------------------------------------------


def test_an_honour_written_as_a_clause_keeps_its_verb_and_quotes_only_its_title() -> None:
    for honour, said in (
        ("连续三年被省政协评为社情民意信息工作先进单位", "连续三年被省政协评为“社情民意信息工作先进单位”"),
        ("荣获全省政协好新闻二等奖", "荣获“全省政协好新闻二等奖”"),
        ("全省政协宣传信息工作先进集体", "被评为“全省政协宣传信息工作先进集体”"),
    ):
        draft = _draft(edit(minimal_exchange(), {"exchange.lead.honour": honour}))
        assert said in draft.text()
        assert "被评为“连续" not in draft.text() and "荣获“荣获" not in draft.text()
        assert _seams(draft) == []
