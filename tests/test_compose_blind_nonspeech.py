"""Composer fixes by class for seams a blind round of non-speech facts files produced (issue 11: exchange
material, work summary, meeting plan written by clerks outside the repository).

Each test builds its facts inline, varies the one thing a clerk writes differently, composes through the public
API and checks the sentence that carries it — and that the checker finds nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers import (
    compose_data,
    edit,
    minimal_exchange,
    minimal_speech,
    seams,
    summary_facts,
)

from docgen.compose import phrases
from docgen.draft import Draft


def _draft(data: dict[str, Any]) -> Draft:
    draft: Draft = compose_data(data)
    return draft


_seams = seams
_summary = summary_facts


# --- an item's own time after a point lead (一是9月，配合…… → 一是9月配合……) ------------------------------------


@pytest.mark.parametrize(
    ("item", "said"),
    [
        ("9月，配合人民政协成立75周年组织系列报道", "9月配合人民政协成立75周年组织系列报道"),
        ("下半年，举办一期通讯员培训班。", "下半年举办一期通讯员培训班"),
        ("2025年3月底前，完成信息员队伍调整", "2025年3月底前完成信息员队伍调整"),
    ],
)
def test_a_planned_item_opening_with_its_time_and_a_comma_reads_as_one_predicate(item: str, said: str) -> None:
    tasks = {"horizon": "2025年", "sections": [{"lead": "提升信息质量", "theme": "info_quality", "items": ["加强选题策划", item]}]}
    draft = _draft(_summary(tasks=tasks))
    assert f"二是{said}。" in draft.text()
    assert _seams(draft) == []


def test_a_time_before_a_clause_with_its_own_subject_keeps_its_comma() -> None:
    assert phrases.point("9月，各街道联络组要完成信息员调整") == "9月，各街道联络组要完成信息员调整"
    assert phrases.point("2023年起，每年举办培训班") == "2023年起，每年举办培训班"  # a second time: a clause


def test_a_demand_opening_with_its_time_takes_yao_and_no_comma_after_the_point_lead() -> None:
    tasks = {
        "horizon": "2025年",
        "sections": [{"lead": "凝聚工作合力", "theme": "synergy", "items": ["每位信息员每月报送1条信息", "6月，举办业务培训"]}],
    }
    draft = _draft(edit(minimal_speech(), {"tasks": tasks}))
    assert "二是6月要举办业务培训" in draft.text()
    assert _seams(draft) == []


# --- the frame's transition said again by a next step ------------------------------------------------------------


@pytest.mark.parametrize("lead", ["下一步，", "今后，", "接下来，", "下一步"])
def test_a_next_step_opening_with_the_frames_transition_does_not_say_it_again(lead: str) -> None:
    steps = [f"{lead}县政协将持续深化理论武装，", "推动宣传工作向基层延伸", "各乡镇要进一步健全宣传协作机制。"]
    draft = _draft(edit(minimal_exchange(), {"exchange.closing": "next_steps", "exchange.next_steps": steps}))
    text = draft.text()
    assert "一是持续深化理论武装；二是推动宣传工作向基层延伸；三是各乡镇要进一步健全宣传协作机制。" in text
    assert text.count("县政协将") == 1
    assert _seams(draft) == []


# --- consecutive titles take no 顿号 (GB/T 15834) --------------------------------------------------------------


def test_titles_listed_by_the_writer_with_dunhao_lose_it() -> None:
    items = [{"lead": "完善考核激励", "practices": ["修订《考核办法》、《奖励办法》、“十佳信息员”、“优秀通讯员”评选细则"]}]
    data = edit(minimal_exchange(), {"exchange.sections[0].items": items})
    draft = _draft(data)
    assert "修订《考核办法》《奖励办法》、“十佳信息员”“优秀通讯员”评选细则" in draft.text()  # different marks keep it
    assert _seams(draft) == []


# --- a fact said by two highlights: one names the whole block, another a sub-block that shares a sentence ----


@pytest.mark.parametrize("sub", ["new_media", "website_updates"])
def test_a_sub_block_another_highlight_names_is_left_out_of_the_whole_block(sub: str) -> None:
    media = {
        "total": {"value": 100, "unit": "篇"},
        "new_media": [{"outlet": "wx", "posts": 380, "posts_approx": "多", "reads": {"value": 45, "approx": "近", "unit": "万人次"}}],
        "website_updates": {"value": 150, "approx": "余", "unit": "条"},
    }
    highlights = [
        {"lead": "围绕中心发声有力", "refs": ["media"]},
        {"lead": "宣传平台持续拓展", "refs": [f"media.{sub}"]},
    ]
    outlet = {"id": "wx", "name": "澄阳政协", "level": "own", "type": "wechat"}
    data = _summary(**{"achievements.media": media, "achievements.highlights": highlights, "outlets[2]": outlet})
    draft = _draft(data)
    text = draft.text()
    said = "380多条" if sub == "new_media" else "150余条"
    assert text.count(said) == 1
    first, second = (line for line in text.splitlines() if "发声有力" in line or "持续拓展" in line)
    assert said in second and said not in first
    assert _seams(draft) == []


# --- a column on an outlet the office does not own is opened 在 it, not named as its owner's column -----------


@pytest.mark.parametrize("variant", ["a", "b", "c"])
@pytest.mark.parametrize("first_in", [None, "全市政协系统"])
def test_a_column_is_opened_on_its_host_in_every_wording(variant: str, first_in: str | None) -> None:
    column: dict[str, Any] = {"name": "湾区议事厅", "host": "dlzxb", "issues": 6}
    if first_in:
        column["first_in"] = first_in
    data = _summary(
        **{
            "achievements.media.columns": [column],
            "achievements.highlights[0].refs": ["media.columns"],
            "document.variants": {"ACH-media-column": variant},
        }
    )
    draft = _draft(data)
    para = next(line for line in draft.text().splitlines() if "湾区议事厅" in line)
    assert "《东岚政协报》“湾区议事厅”" not in para  # the outlet is where it runs, not what it is
    assert ("在《东岚政协报》" in para) or ("依托《东岚政协报》" in para)
    assert _seams(draft) == []


# --- a rank from an assessment is a place in that event, not a quantity of the unit ------------------------


@pytest.mark.parametrize("variant", ["a", "b", "c"])
@pytest.mark.parametrize(
    ("metric", "event"),
    [
        ("市政协宣传信息工作考核", "市政协宣传信息工作考核"),
        ("新闻宣传工作考评排名", "新闻宣传工作考评"),
        ("宣传工作评比", "宣传工作评比"),
    ],
)
def test_a_media_rank_from_an_assessment_is_said_as_a_place_in_it(variant: str, metric: str, event: str) -> None:
    rank = {"metric": metric, "scope": "全市", "rank": 2, "of": 9, "period_label": "2023年度"}
    data = _summary(**{"achievements.media.ranks": [rank], "document.variants": {"ACH-media-ranks": variant}})
    draft = _draft(data)
    text = draft.text()
    assert f"在2023年度{event}中，市政协在全市9家单位中位居第二位。" in text
    assert "从发稿情况看" not in text and "在发稿排名上" not in text  # the data says nothing of 发稿
    assert _seams(draft) == []


def test_a_media_rank_of_a_quantity_keeps_the_unit_as_its_subject() -> None:
    rank = {"metric": "发稿量排名", "scope": "全省", "rank": 3, "of": 16}
    assert not phrases.is_assessment("发稿量排名") and phrases.is_assessment("信息工作考核得分")
    draft = _draft(_summary(**{"achievements.media.ranks": [rank]}))
    assert "市政协发稿量在全省16家单位中位居第三位" in draft.text()
    assert _seams(draft) == []


# --- both convening bodies given: both said, in every wording --------------------------------------------------


def _plan() -> dict[str, Any]:
    return {
        "document": {"id": "t-plan", "kind": "meeting_plan", "date": "2024-12-02"},
        "org": {"short_name": "市政协", "level": "city", "place": "澄阳"},
        "meeting": {"name": "全市政协宣传信息工作会议"},
        "plan": {
            "organiser": "澄阳市政协办公室",
            "date": "2024-12-18",
            "venue": "市政协机关四楼会议室",
            "attendees": ["市政协主席、副主席"],
            "agenda": [{"item": "市政协主席讲话"}],
        },
    }


@pytest.mark.parametrize("variant", ["a", "b", "c"])
@pytest.mark.parametrize("kind", ["meeting_plan", "leadership_speech"])
def test_a_meeting_decided_by_one_body_and_approved_by_another_names_both(kind: str, variant: str) -> None:
    base = _plan() if kind == "meeting_plan" else minimal_speech()
    family = "PLN-lead" if kind == "meeting_plan" else "OPN-convening"
    data = edit(
        base,
        {
            "meeting.name": "全市政协宣传信息工作会议",
            "meeting.approved_by": "市政协党组",
            "meeting.decided_by": "市政协主席会议",
            "document.variants": {family: variant},
        },
    )
    draft = _draft(data)
    text = draft.text()
    assert "市政协主席会议研究" in text and "市政协党组" in text
    assert _seams(draft) == []


def test_the_same_body_deciding_and_approving_is_named_once() -> None:
    data = edit(_plan(), {"meeting.approved_by": "市政协党组", "meeting.decided_by": "市政协党组"})
    assert _draft(data).text().count("市政协党组") == 1


# --- an opinion rank: no unit "takes part in" a ranking, no 排名 said twice, an assessment is a place in it ----


@pytest.mark.parametrize("variant", ["a", "b", "c"])
@pytest.mark.parametrize("metric", ["社情民意信息工作排名", "信息工作考核", "信息采用量", None])
def test_an_opinion_rank_reads_in_every_wording(variant: str, metric: str | None) -> None:
    rank: dict[str, Any] = {"scope": "全市", "rank": 3, "of": 9, "period_label": "2023年度"}
    if metric:
        rank["metric"] = metric
    data = _summary(
        **{"achievements.social_opinion.ranks": [rank], "document.variants": {"ACH-sqmy-rank": variant}}
    )
    draft = _draft(data)
    sent = next(s for s in draft.text().replace("\n", "。").split("。") if "第三" in s)
    assert "参加" not in sent  # a ranking has places, not participants
    assert sent.count("排名") <= 1
    assert "9家单位" in sent and "2023年度" in sent
    if metric == "信息工作考核" and variant == "c":
        assert sent == "在2023年度信息工作考核中，我市在全市9家单位中位列第三"
    assert _seams(draft) == []


# --- a result whose label already gives the figure; a rate said with its verb ----------------------------------


def _exchange_results(results: list[dict[str, Any]]) -> Draft:
    items = [{"lead": "委员讲堂进基层", "practices": ["组织委员深入乡镇宣讲"], "results": results}]
    return _draft(edit(minimal_exchange(), {"exchange.sections[0].items": items}))


@pytest.mark.parametrize(
    ("label", "value", "unit", "said"),
    [
        ("宣讲覆盖青山镇、白鹭镇等11个乡镇", 11, "个", "宣讲覆盖青山镇、白鹭镇等11个乡镇。"),
        ("其中12篇被《人民政协报》转载", 12, "篇", "其中12篇被《人民政协报》转载。"),
        ("推动解决问题", 11, "个", "推动解决问题11个。"),  # a label without the figure keeps it
    ],
)
def test_a_result_label_that_gives_its_own_figure_is_not_followed_by_it_again(
    label: str, value: int, unit: str, said: str
) -> None:
    draft = _exchange_results([{"label": label, "value": value, "unit": unit}])
    assert said in draft.text()
    assert _seams(draft) == []


@pytest.mark.parametrize("approx", ["近", "约", "余", "以上"])
def test_a_label_that_gives_its_figure_takes_no_qualified_figure_either(approx: str) -> None:
    """等11个乡镇 then 近11个 / 约11个: the qualified figure is the label's own, not said again."""
    result = {"label": "宣讲覆盖青山镇、白鹭镇等11个乡镇", "value": 11, "unit": "个", "approx": approx}
    draft = _exchange_results([result])
    assert "11个乡镇。" in draft.text() and "乡镇近" not in draft.text() and "乡镇约" not in draft.text()
    assert _seams(draft) == []


def test_a_rate_the_writer_bounds_keeps_its_bound() -> None:
    """approx 以上 on a percentage is the writer's bound (达82%以上), not a claim of ours."""
    draft = _exchange_results([{"label": "信息采用率", "value": 82, "unit": "%", "approx": "以上"}])
    assert "信息采用率达82%以上" in draft.text()
    assert not [n for n in draft.notices if n.code.startswith("quality-")]  # the checker run with the facts


@pytest.mark.parametrize(
    ("label", "approx", "said"),
    [
        ("信息采用率", "", "信息采用率达82%"),
        ("委员参与率", "近", "委员参与率近82%"),
        ("信息采用率", "约", "信息采用率约82%"),  # 达 never before an approximation (达约, 达近)
        ("信息采用率提高", "", "信息采用率提高82%"),  # the label has its verb
    ],
)
def test_a_rate_result_is_said_with_its_verb(label: str, approx: str, said: str) -> None:
    result: dict[str, Any] = {"label": label, "value": 82, "unit": "%"}
    if approx:
        result["approx"] = approx
    draft = _exchange_results([result])
    assert said in draft.text()
    assert _seams(draft) == []


# --- a duty written as a noun phrase takes 负责 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("duty", "said"),
    [
        ("会务", "区政协办公室：负责会务。"),
        ("会场布置、音响调试、茶水服务等。", "区政协办公室：负责会场布置、音响调试、茶水服务等。"),
        ("材料印制和会场服务", "区政协办公室：负责材料印制和会场服务。"),
        ("负责会议宣传报道；", "区政协办公室：负责会议宣传报道。"),  # a verb phrase stands as written
        ("起草会议方案、联系交流发言单位", "区政协办公室：起草会议方案、联系交流发言单位。"),
        # a duty naming its own unit as the agent: the unit is not said twice
        ("会务由区政协办公室负责，", "区政协办公室：负责会务。"),
        ("会场布置、音响调试均由本单位负责", "区政协办公室：负责会场布置、音响调试。"),
        ("会议报道由区融媒体中心负责", "区政协办公室：会议报道由区融媒体中心负责。"),  # another unit: as written
    ],
)
def test_a_duty_written_as_a_noun_phrase_takes_fuze(duty: str, said: str) -> None:
    draft = _draft(edit(_plan(), {"plan.division": [{"unit": "区政协办公室", "duty": duty}]}))
    assert said in draft.text()
    assert _seams(draft) == []


# --- a title that opens with several years says them before the quoted title -------------------------------


@pytest.mark.parametrize(
    ("kind", "title", "said"),
    [
        ("unit", "2022年度、2024年度全市政协信息工作先进单位", "评为2022年度、2024年度“全市政协信息工作先进单位”"),
        ("individual", "2023和2024年度全市政协优秀信息员", "评为2023和2024年度“全市政协优秀信息员”"),
        ("unit", "2024年度全市政协信息工作先进单位", "评为“2024年度全市政协信息工作先进单位”"),  # one year: as written
    ],
)
def test_a_title_opening_with_several_years_says_them_outside_its_quotes(kind: str, title: str, said: str) -> None:
    honour: dict[str, Any] = {"kind": kind, "title": title, "conferred_by": "澄阳市政协"}
    if kind == "individual":
        honour["count"] = 2
    data = _summary(**{"achievements.honours": [honour], "achievements.highlights[0].refs": ["media", "honours"]})
    draft = _draft(data)
    assert said in draft.text()
    assert _seams(draft) == []
