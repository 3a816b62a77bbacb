"""Composer fixes by class for seams found by reading documents the quality fuzzer generates (issue 11:
facts files perturbed the way other offices write them — lists of one, approximate counts, phrases of every
form).  Each test builds its facts inline, varies what the class depends on (document id, which picks the
variant; the number of items; the item's wording) and checks the sentence that carries it, and that the
checker finds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from helpers import dump, edit, minimal_speech, seams, validate_text

from docgen.compose import compose
from docgen.draft import Draft
from docgen.quality import check_draft

IDS = [f"t-fuzz-{k}" for k in range(8)]  # the variant of a family is picked by the document id


def _draft(data: dict[str, Any]) -> Draft:
    return compose(validate_text(dump(data)))


_seams = seams  # the checker's findings, formatted (helpers.seams)


# --- a collective word before a single item (一批重点报道……：one report) -----------------------------------

_REPORTS = [
    {"title": "委员工作室里的板凳协商", "outlet": "dlzxb", "placement": "头版头条", "date": dt.date(2024, 5, 20)},
    {"title": "小小议事桌解开民生结", "outlet": "rmzxb", "placement": "重要位置", "date": dt.date(2024, 9, 12)},
]


@pytest.mark.parametrize("doc_id", IDS)
def test_a_single_notable_report_is_not_announced_as_a_batch(doc_id: str) -> None:
    one = _draft(edit(minimal_speech(), {"document.id": doc_id, "achievements.media.notable_reports": _REPORTS[:1]}))
    text = one.text()
    assert "委员工作室里的板凳协商" in text
    assert "一批" not in text
    assert _seams(one) == []


def test_the_checker_catches_a_batch_of_one() -> None:
    from docgen.draft import DraftMeta, Paragraph, Segment

    def codes(text: str) -> list[str]:
        meta = DraftMeta("t", "leadership_speech", "标题", dt.date(2025, 12, 5))
        return [f.code for f in check_draft(Draft(meta, [Paragraph((Segment(text),))]))]

    assert codes("一批重点报道在显要位置刊发：《板凳协商》于2025年5月20日刊登在《苍岭政协报》头版头条。") == [
        "quality-single"
    ]
    assert codes("一系列重点报道相继推出：《板凳协商》刊登在《苍岭政协报》头版头条。") == ["quality-single"]
    two = "一批重点报道在显要位置刊发：《板凳协商》刊登在《苍岭政协报》头版头条；《议事桌》刊登在《人民政协报》重要位置。"
    assert codes(two) == []


# --- a list item with its own comparison inside a 顿号 list (……16篇，较去年增长60%、《霁州日报》……) ---------------


@pytest.mark.parametrize("doc_id", IDS[:4])
@pytest.mark.parametrize("compared", [0, 1, 2])
def test_an_outlet_with_its_comparison_is_set_off_by_semicolons(doc_id: str, compared: int) -> None:
    outlets = [
        {"id": "rmzxb", "name": "人民政协报", "level": "national", "type": "newspaper"},
        {"id": "dlzxb", "name": "东岚政协报", "level": "provincial", "type": "newspaper"},
        {"id": "cyrb", "name": "澄阳日报", "level": "city", "type": "newspaper"},
    ]
    by_outlet = [
        {"outlet": "rmzxb", "count": 3},
        {"outlet": "dlzxb", "count": 40, "front_page": 3},
        {"outlet": "cyrb", "count": 52},
    ]
    ref = f"media.by_outlet[{by_outlet[compared]['outlet']}]"
    data = edit(
        minimal_speech(),
        {
            "document.id": doc_id,
            "outlets": outlets,
            "achievements.media.by_outlet": by_outlet,
            "achievements.comparisons": [{"ref": ref, "previous": 2 if compared == 0 else 25, "previous_period": "去年"}],
        },
    )
    draft = _draft(data)
    text = draft.text()
    assert "去年" in text  # 较去年增长50% or 是去年的2.1倍
    assert not re.search(r"去年[^，。；、]*?[\d.]+(?:%|倍)、", text), text
    assert _seams(draft) == []


def test_the_checker_catches_a_comparison_inside_a_dunhao_list() -> None:
    from docgen.draft import DraftMeta, Paragraph, Segment

    def codes(text: str) -> list[str]:
        meta = DraftMeta("t", "leadership_speech", "标题", dt.date(2025, 12, 5))
        return [f.code for f in check_draft(Draft(meta, [Paragraph((Segment(text),))]))]

    bad = "其中《苍岭政协报》刊发16篇（头版头条1篇），较去年增长60%、《霁州日报》刊发52篇。"
    assert codes(bad) == ["quality-nested-list"]
    assert codes("被省政协采用120条，是去年的2.7倍、被全国政协采用6条。") == ["quality-nested-list"]
    good = "其中《苍岭政协报》刊发16篇（头版头条1篇），较去年增长60%；《霁州日报》刊发52篇。"
    assert codes(good) == []
    assert codes("收集信息160条，较去年增长33.3%，编发简报24期、专报6期。") == []


# --- a writer's lead said again as the subject of the sentence after it (加强组织领导。加强组织领导是……) -------------


@pytest.mark.parametrize("level", ["county", "district", "city"])
@pytest.mark.parametrize("doc_id", IDS[:5])
def test_a_lead_is_not_said_again_as_the_next_sentence_s_subject(level: str, doc_id: str) -> None:
    sections = [
        {"lead": "加强组织领导", "theme": "leadership", "items": ["主席会议每半年专题听取一次宣传信息工作汇报"]},
        {"lead": "凝聚工作合力，树好政协形象", "theme": "synergy", "items": ["加强上下联动"]},
    ]
    data = edit(
        minimal_speech(),
        {"document.id": doc_id, "org.level": level, "org.short_name": {"county": "县政协", "district": "区政协", "city": "市政协"}[level], "tasks.sections": sections},
    )
    draft = _draft(data)
    text = draft.text()
    assert "加强组织领导。加强组织领导" not in text
    assert _seams(draft) == []


def test_the_checker_catches_a_lead_said_again_by_the_next_sentence() -> None:
    from docgen.draft import DraftMeta, Paragraph, Segment

    def codes(*segments: Segment) -> list[str]:
        meta = DraftMeta("t", "leadership_speech", "标题", dt.date(2025, 12, 5))
        return [f.code for f in check_draft(Draft(meta, [Paragraph(segments)]))]

    assert codes(
        Segment("加强组织领导。", "l2_lead"), Segment("加强组织领导是做好宣传信息工作的根本保证。")
    ) == ["quality-repeat-lead"]
    assert codes(Segment("注重宣传策划。", "item_lead"), Segment("注重宣传策划，是提高宣传效果的前提。")) == [
        "quality-repeat-lead"
    ]
    assert codes(Segment("加强组织领导。", "l2_lead"), Segment("这是做好宣传信息工作的根本保证。")) == []


# --- a plain noun phrase among a writer's measures (一是要建立……；二是信息员队伍建设) ------------------------------


def test_only_short_plain_noun_phrases_count_as_bare_nouns() -> None:
    from docgen.compose import phrases

    for np in ("信息员队伍建设", "社情民意直通车", "委员工作室宣传栏", "新媒体平台运营", "工作室宣传员培训"):
        assert phrases.bare_noun_phrase(np), np
    # clauses and verb phrases the dictionary half-misreads stay as written
    for other in (
        "宣传员名单报县政协办公室备案",
        "认真学习兄弟县区的好经验",
        "全程跟踪拍摄",
        "市政协办公室每月通报各镇街供稿情况",
        "各县（市、区）政协对照年初目标逐项盘点",
        "加强信息员队伍建设",
        "《苍岭简报》改版",
    ):
        assert not phrases.bare_noun_phrase(other), other


@pytest.mark.parametrize("doc_id", IDS[:4])
@pytest.mark.parametrize(
    "items",
    [
        ["建立委员宣传联络员制度", "开展委员履职故事征集", "信息员队伍建设"],
        ["信息员队伍建设", "与融媒体中心共建视频号", "社情民意直通车"],
        ["提升新媒体平台运营水平", "委员工作室宣传栏"],
    ],
)
def test_a_noun_phrase_among_demands_says_where_the_effort_goes(doc_id: str, items: list[str]) -> None:
    sections = [{"lead": "开门办宣传，拓宽宣传渠道", "theme": "innovation", "items": items}]
    draft = _draft(edit(minimal_speech(), {"document.id": doc_id, "tasks.sections": sections}))
    text = draft.text()
    nouns = [x for x in items if x in ("信息员队伍建设", "社情民意直通车", "委员工作室宣传栏")]
    assert f"在{'和'.join(nouns)}上下功夫" in text
    assert not re.search("[一二三四五六七八九十][是要](?:信息员队伍建设|社情民意直通车|委员工作室宣传栏)", text), text
    assert _seams(draft) == []


@pytest.mark.parametrize("practices", [["开通信息直报通道", "社情民意直通车"], ["社情民意直通车"]])
def test_a_noun_phrase_among_practices_is_not_a_sentence_of_its_own(practices: list[str]) -> None:
    from helpers import minimal_exchange

    data = edit(minimal_exchange(), {"exchange.sections[0].items[0].practices": practices})
    text = _draft(data).text()
    assert "在社情民意直通车上下功夫" in text
    assert "。社情民意直通车" not in text and "；社情民意直通车" not in text


# --- one period said again by every clause of an aggregated sentence (力争全年在A……，全年在B……) -------------------


@pytest.mark.parametrize("doc_id", IDS[:4])
@pytest.mark.parametrize("per", ["全年", "每季度", "每月"])
def test_targets_of_one_period_say_it_once(doc_id: str, per: str) -> None:
    targets = [
        {"metric": "上稿", "outlet": "dlzxb", "min": 20, "unit": "篇", "per": per},
        {"metric": "上稿", "outlet": "rmzxb", "min": 2, "unit": "篇", "per": per},
        {"metric": "报送信息", "min": 30, "unit": "条", "per": per},
    ]
    sections = [{"lead": "凝聚工作合力，树好政协形象", "theme": "synergy", "items": ["加强上下联动"], "targets": targets}]
    draft = _draft(edit(minimal_speech(), {"document.id": doc_id, "tasks.sections": sections}))
    text = draft.text()
    assert text.count(f"{per}在") + text.count(f"{per}报送信息") == 1, text
    assert "在《人民政协报》上稿不少于2篇" in text
    assert _seams(draft) == []


def test_the_checker_catches_a_period_said_again_by_the_next_clause() -> None:
    from docgen.draft import DraftMeta, Paragraph, Segment

    def codes(text: str) -> list[str]:
        meta = DraftMeta("t", "leadership_speech", "标题", dt.date(2025, 12, 5))
        return [f.code for f in check_draft(Draft(meta, [Paragraph((Segment(text),))]))]

    # 明年，力争全年 is also the year said twice at the head (quality-doubled)
    assert codes("明年，力争全年在《苍岭政协报》上稿不少于20篇，全年在《人民政协报》上稿不少于2篇。") == [
        "quality-doubled",
        "quality-repeat-lead",
    ]
    assert codes("目标是：每季度报送信息不少于10条，每季度编发简报不少于2期。") == ["quality-repeat-lead"]
    assert codes("目标是：全年在《苍岭政协报》上稿不少于20篇，在《人民政协报》上稿不少于2篇。") == []
    assert codes("每月报送一次，每季度通报一次。") == []
