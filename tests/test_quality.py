"""The text-seam checker (docgen.quality): bad sentences it must catch, good genre sentences it must pass.

Good sentences come from the composed text of the seven examples: the checker must find nothing there, in
both modes.  Bad sentences are the seams readers found in drafts composed from other offices' facts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import dump, edit, minimal_speech

from docgen.api import compose_file
from docgen.cli import main
from docgen.draft import Draft, DraftMeta, Heading, Paragraph, Segment
from docgen.quality import CODES, check_draft, notices

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))


def _draft(*blocks: Paragraph | Heading) -> Draft:
    return Draft(DraftMeta("t", "leadership_speech", "标题", dt.date(2025, 12, 5)), list(blocks))


def _para(*texts: str) -> Paragraph:
    return Paragraph(tuple(Segment(t) for t in texts))


def _codes(*paras: str, mode: str = "final") -> list[str]:
    return [f.code for f in check_draft(_draft(*(_para(p) for p in paras)), mode=mode)]


BAD = [
    # repetition
    ("quality-repeat", ["围绕中心工作积极建言献策。今年以来成效明显。围绕中心工作积极建言献策。"]),
    (
        "quality-boilerplate",
        [
            "要搭建委员履职服务平台，拓宽社情民意反映渠道，做到应收尽收。",
            "要用好网络议政平台，拓宽社情民意反映渠道，提高报送质量。",
        ],
    ),
    ("quality-repeat-lead", ["再比如，围绕专题视察开展宣传。再比如，围绕协商议事开展宣传。"]),
    (
        "quality-repeat-lead",
        ["2022年以来，收集社情民意信息212条。2022年以来，被省政协采用14条。"],
    ),
    ("quality-same-opening", ["成绩来之不易，凝聚着大家的心血。", "成绩来之不易，但也要看到不足。"]),
    # an example with no claim before it (a narrative paragraph that lost its lead)
    ("quality-orphan-example", ["比如，围绕专题视察，我们视察前制定宣传方案。"]),
    ("quality-orphan-example", ["例如，市长对市政协报送的信息作出批示。"]),
    # doubling what the data already says
    ("quality-doubled", ["在全省信息采用量考核考核排名中位居第三位。"]),
    ("quality-doubled", ["听取了青禾县政协等5家单位等5个单位的交流发言。"]),
    ("quality-doubled", ["市政协办公室被评为2024年度“2023年度全省政协宣传信息工作先进单位”。"]),
    ("quality-doubled", ["先后建立完善了建立信息报送机制，为工作开展提供了保障。"]),
    (
        "quality-repeat",
        ["今年又恰逢人民政协成立75周年，我们要讲好政协故事。", "今年是人民政协成立75周年，任务更加繁重。"],
    ),
    ("quality-doubled", ["建立信息报送机制、实行信息通报制度相继建立，为工作提供了保障。"]),
    ("quality-doubled", ["实行信息员制度、推行信息通报制度相继建立。"]),
    ("quality-subject", ["今年以来，在《东岚政协报》的发稿量在全省16家单位中位居第三位。"]),
    ("quality-single", ["重点做了以下几个方面的工作：一是宣传信息工作稳步推进。"]),
    # user phrases in the wrong slot
    ("quality-yao-subject", ["要每位信息员每月报送一条信息。"]),
    ("quality-yao-subject", ["一要2025年上半年举办业务培训班；二要加强队伍建设。"]),
    ("quality-yao-subject", ["要市政协办公室牵头抓好落实。"]),
    ("quality-yao-subject", ["二要12月上旬市政协办公室将对完成情况进行通报。"]),
    ("quality-yao-subject", ["要今年年底前完成征订任务。"]),
    ("quality-stub", ["在《人民政协报》刊发稿件3篇，首次。"]),
    # lists of one
    ("quality-single", ["今年以来主要有以下特点：一是围绕中心大局精准发声。"]),
    ("quality-single", ["对此提出三点要求：一要拓宽信息来源。"]),
    # punctuation
    ("quality-punct", ["收集社情民意信息312条，。"]),
    ("quality-punct", ["在《人民政协报》、。"]),
    ("quality-punct", ["相关报道在（）刊发。"]),
    ("quality-punct", ["，要坚持正确导向。"]),
    ("quality-punct", ["收集信息312条，，被采用21条。"]),
    # placeholders
    ("quality-placeholder", ["会议于20xx年召开。"]),
    ("quality-placeholder", ["××县政协发稿12篇。"]),
    ("quality-placeholder", ["某某同志作交流发言。"]),
    ("quality-placeholder", ["○○镇政协委员工作室挂牌。"]),
    ("quality-placeholder", ["〔待补：统计期〕，收集信息312条。"]),
    # claims the data does not make
    ("quality-claim", ["委员反映的信息占总数的82%以上。"]),
    ("quality-claim", ["收集信息480余条，采用率84.6%。"]),
    ("quality-claim", ["1—11月，被省政协采用信息7多条。"]),
    ("quality-claim", ["征集到稿件65余篇，经编审收入30篇。"]),
    ("quality-claim", ["接待群众1503多人次。"]),
    ("quality-claim", ["发稿200篇以上，与去年同期持平。"]),
    ("quality-claim", ["在县级以上媒体刊发稿件45余篇，与去年全年持平。"]),
    ("quality-claim", ["凡被全国政协采用的，每条奖励1000元，全年被全国政协采用3条以上。"]),
    # a frame's 要 added to an item that already has its modal, or put inside a phrase (issue 11, round 3)
    ("quality-doubled", ["一是县政协全会、常委会会议、重点协商活动都要要有宣传方案。"]),
    ("quality-doubled", ["二是明年3月底前，各委员工作室要要确定一名通讯员。"]),
    ("quality-yao-subject", ["二是2024年要起每季度召开一次宣传选题策划会。"]),
    ("quality-yao-subject", ["三是各市（州）政协每季度至少向省政协要报送一期宣传工作动态。"]),
    # rewards said backwards, or a selection the office holds offered as a reward
    ("quality-claim", ["凡在上述标准基础上加倍奖励的，可获领导批示。"]),
    ("quality-claim", ["凡全年提供信息5条以上且被采用3条以上的，可评选优秀信息员。"]),
    ("quality-doubled", ["“枫渡政协”微信公众号推送信息210条，阅读量达近30万人次。"]),
    # a verb on both sides of its object; a list item that says the frame's subject again (issue 11, round 4)
    ("quality-doubled", ["为宣传好省政协组织的学习贯彻党的二十大精神主题宣传，开设专栏。"]),
    ("quality-doubled", ["我们考虑着力抓好以下几个方面：一是我们将认真学习兄弟单位的好经验；二是推动工作上台阶。"]),
    ("quality-claim", ["收集信息3200条，被采用45条，获批示60余件，与去年同期持平。"]),
    # a name the data already marked, marked again by the frame (issue 11, w1 corpus)
    ("quality-punct", ["比如，市政协报送的“《关于加强农村独居老人关爱服务的建议》”信息，市委书记作出批示。"]),
    ("quality-punct", ["“‘柳沙政协’微信公众号”推送信息300余条。"]),
    # consecutive titles or quotations with a 顿号 between them (GB/T 15834); the frame's transition said again
    ("quality-punct", ["修订《宣传工作考核办法》、《新闻宣传奖励办法》，工作更加规范。"]),
    ("quality-punct", ["开设“委员风采”、“协商在线”两个栏目。"]),
    ("quality-doubled", ["今后，县政协将重点做好以下工作：一是加强学习；二是今后县政协将健全机制。"]),
    ("quality-doubled", ["在2023—2024年度全省16家单位信息采用量排名中，我市排名第四。"]),
    ("quality-doubled", ["参与宣讲的委员覆盖青山市、白鹭市等11个设区市11个。"]),
    ("quality-stub", ["实行“一周一编、一月一评”。信息采用率82%。"]),
    ("quality-doubled", ["从排名情况看，2023年度全市社情民意信息工作排名共有9家单位参加，我区位列第三。"]),
    # a frame's modal before the item's own deadline
    ("quality-yao-subject", ["我们还将2023年6月前出台信息工作办法。"]),
    ("quality-yao-subject", ["下一步，区政协拟明年底前建成委员工作室。"]),
    # a year said twice for one assessment; 要 before the copula; one frame said again for the next item
    ("quality-doubled", ["我省在2024年度全国2024年度信息工作考核中位居第六位。"]),
    ("quality-doubled", ["市委办公室获评2023年度全省2023年度信息工作先进单位。"]),
    ("quality-yao-subject", ["一是各部门主要负责同志要是第一责任人；二是要坚持电话先报。"]),
    (
        "quality-repeat-lead",
        ["我省在2022年度全国信息工作考核中位居第五位。我省在2023年度全国信息工作考核中位居第三位。"],
    ),
    ("quality-repeat-lead", ["全市共向省委报送信息300条。全市共向省委报送紧急信息12条。"]),
    # the year said twice at the head of a sentence
    ("quality-doubled", ["今年，力争全年在《汀澜政协报》上稿不少于15篇。"]),
    ("quality-doubled", ["2026年，年内建成网上履职平台信息报送模块。"]),
    ("quality-doubled", ["会上，市政协主席和市委常委分别作了重要讲话，5家单位分别作了交流发言。"]),
    # a selection rewarded as if it were a deed
    ("quality-claim", ["对年度优秀信息员评选（全年报送信息6条以上且被采用2条以上）的给予奖励。"]),
    ("quality-claim", ["被省政协采用的，每条奖励500元；对优秀通讯员评比的给予奖励。"]),
    # durations of one sentence in two numeral styles; a praise formula said twice (issue 11, w5)
    ("quality-numerals", ["较大以上突发事件，事发后30分钟内电话报告、一小时内书面报告。"]),
    ("quality-numerals", ["要在两个工作日内办结，12小时内反馈。"]),
    ("quality-boilerplate", ["我县在全市考核中位居第二位，各单位功不可没。", "我县在全省考核中位居第三位，各单位功不可没。"]),
    ("quality-boilerplate", ["考核位居第一位，这一成绩来之不易。全年编发专报60期，各单位功不可没。"]),
    ("quality-numerals", ["２０２５年６月底前实现信息员全覆盖。"]),
    ("quality-single", ["此外，还先后报送了《关于农村集中供水工程冬季管护问题的调查》。"]),
    ("quality-single", ["相继出台了《信息工作考核办法》，推动工作规范化。"]),
    # the year's significance said again in more words
    (
        "quality-repeat",
        ["今年是“十五五”开局之年，任务繁重。", "今年也是“十五五”规划开局之年，也是新一届政协开局起步之年。"],
    ),
]


@pytest.mark.parametrize(("code", "paras"), BAD, ids=[f"{c}-{i}" for i, (c, _) in enumerate(BAD)])
def test_the_checker_catches_each_class_of_seam(code: str, paras: list[str]) -> None:
    assert code in _codes(*paras)


GOOD = [
    "征集到稿件60余篇，经编审收入30篇；接待群众1500多人次，募集资金8万余元，用时3个多月。",
    "今年以来，全市各级政协组织围绕中心工作，积极作为、协同发力，宣传信息工作主要有以下几个方面的特点：",
    "一是围绕中心大局精准发声。二是多方联动拓展传播渠道。",
    "一要拓宽信息来源；二要突出信息重点；三要推动成果转化。",
    "各县（市、区）政协要及时向党委主要领导汇报，争取支持。",
    "要把“两报一刊”（《人民政协报》《东岚政协报》《东岚政协》）的征订工作列入议事日程。",
    "要坚持问题导向，做到情况摸得准、原因析得透、建议提得实。",
    "要一体部署、一体推进，做到应订尽订。",
    "要多措并举，第一时间报送重要信息。",
    "会议通知联络员要24小时保证手机畅通。",
    "要深度报道群众关心问题的解决情况。",
    "一要当好参谋；二要当好助手。",
    "制定年度宣传工作要点，明确主要领导责任。",
    "对被省政协采用的信息，每条奖励100元；对被全国政协采用的信息，每条奖励300元。",
    "委员反映的信息占总数的78%，以界别名义反映信息26条。",
    "共收集社情民意信息520余条，较去年同期增长20%以上。",
    "全年提供信息5条以上且被采用3条以上的，参加优秀信息员评选。",
    "对全年被采用3条以上的信息员，给予通报表扬和奖励。",
    "市政协在中央、省、市主要媒体刊发稿件186篇，较去年同期增长22.4%。",
    "在2023—2024年度全省16家单位信息采用量考核中，我市排名第四。",
    "在2023—2024年度全省16家单位信息采用量排名中，我市位居第四。",
    "于二〇二四年十二月六日召开会议。",
    "今年是中华人民共和国成立75周年，也是人民政协成立75周年。",
    "1—9月，市政协在《东岚政协报》的发稿量在全省16家单位中位居第五位。",
    "在2023—2024年度全省信息采用量考核中，我市排名第四。",
    "各级政协都要把政协云、微信公众号用起来、用活起来。",
    "将选题参考由季度发布改为每月发布。",
    "《澄阳市政协宣传信息工作激励办法》、社情民意信息“季通报、年考评”制度相继建立。",
    "会议主要有以下几个方面的特点：一是节奏紧凑；二是重点突出。",
    "谢谢大家！",
    "信息采用率达82%，委员信息占比65%，信息采用率约80%。",
    "覆盖青山市、白鹭市等11个设区市，开展宣讲1100场次。",
    "修订《考核办法》（2024年修订）、《奖励办法》，工作更加规范。",
    "今后，县政协将重点做好以下工作：一是加强学习；二是健全机制。",
    "下面，我把市政协的一些做法向大家作简要汇报。",
    "各市政协每季度至少要向省政协报送一期宣传工作动态。",
    "这是重要要求，也是主要要素。",
    "获领导批示的，在上述标准基础上加倍奖励。",
    "凡全年报送信息8条以上的，可评为年度优秀信息员。",
    "收集信息3200条以上，被全国政协采用45条（与去年同期持平），获批示60余件。",
    "为做好省政协组织的主题宣传，开设专栏。",
    "今年是全面贯彻党的二十大精神的开局之年，明年是“十四五”规划承前启后的关键之年。",
    "为宣传好这次视察活动，我们制定了宣传方案。",
    "我们考虑着力抓好以下几个方面：一是认真学习兄弟单位的好经验；二是我市率先推行信息直报。",
    "信息成果转化明显。比如，市政协报送的《关于加强农村独居老人关爱服务的建议》信息，市委书记作出批示。",
    "“柳沙政协”微信公众号推送信息300余条，阅读量38万人次。",
    "他说：“‘两报一刊’的征订工作要早部署。”",
    "我们还将在2023年6月前出台信息工作办法。",
    "将2025年确定为“基层宣传年”。",
    "我区在全市党委系统信息工作考核中位居第二位，在政府系统政务信息考核中位居第三位。",
    "我省在全国政府系统信息工作考核中，2022年度位居第五位，2023年度位居第三位。",
    "要是遇到紧急情况，就立即电话报告。",
    "差距主要是：重视不够。",
    "全区共报送信息300条。其中，被市委采用40条。",
    "2023年度考核位居第二位，2024年度考核位居第一位。",
    "力争全年在《汀澜政协报》上稿不少于15篇。",
    "今年，我们将在全年工作中突出重点。",
    "凡全年报送信息6条以上且被采用2条以上的，可参加年度优秀信息员评选。",
    "对在评选中获奖的给予奖励。",
    "会上，市政协主席和市委常委分别作了重要讲话。5家单位分别作了交流发言。",
    "事发后30分钟内电话报告、1小时内书面报告。",
    "事发后半小时内电话报告、2小时内书面报告。",
    "个别单位事发后两个多小时才报告，12小时后才书面续报。",
    "一小时内电话报告、两小时内书面报告。",
    "我县在全市考核中位居第二位，这一成绩来之不易。",
    "还先后报送了《关于A的调查》《关于B的报告》等信息。",
    "先后出台了《信息工作考核办法》和《紧急信息报送规定》。",
    "2025年6月底前实现信息员全覆盖。",
]


@pytest.mark.parametrize("text", GOOD)
def test_good_genre_sentences_pass(text: str) -> None:
    assert _codes(text) == []


def test_a_further_example_may_open_the_paragraph_after_a_paragraph() -> None:
    first = "信息成果转化明显。比如，市长对市政协报送的信息作出批示。"
    assert _codes(first, "再比如，市委副书记对市政协报送的信息作出批示。") == []
    assert _codes("再比如，市委副书记对市政协报送的信息作出批示。") == ["quality-orphan-example"]


def test_a_verb_phrase_run_in_lead_is_a_heading_not_a_stub_but_a_bare_adverb_is() -> None:
    lead = Paragraph((Segment("抓策划。", "item_lead"), Segment("下半年组织一次优秀信息评选。")))
    assert [f.code for f in check_draft(_draft(lead))] == []
    short = Paragraph((Segment("直报快。", "item_lead"), Segment("开通信息直报通道。")))
    assert [f.code for f in check_draft(_draft(short))] == []  # an adjective is its predicate
    bare = Paragraph((Segment("首次。", "item_lead"), Segment("刊发稿件3篇。")))
    assert "quality-stub" in [f.code for f in check_draft(_draft(bare))]
    for short in ("直报快。", "选题准。"):  # an adjective after its subject is a predicate
        adjective = Paragraph((Segment(short, "item_lead"), Segment("开通直报通道，委员可直接报送。")))
        assert [f.code for f in check_draft(_draft(adjective))] == []


@pytest.mark.parametrize("lead", ["直报快。", "渠道畅。", "反馈快。", "选题准。", "服务实。"])
def test_a_subject_predicate_run_in_lead_is_a_heading_not_a_stub(lead: str) -> None:
    """A lead that says a thing and how it is (直报快: subject + adjective) is a complete clause, numbered or
    not (a section of one item loses its 1.); only a lead with no predicate at all is a stub."""
    para = Paragraph((Segment(lead, "item_lead"), Segment("开通信息直报通道，委员可直接报送。")))
    assert [f.code for f in check_draft(_draft(para))] == []
    for bare in ("首次。", "较好。", "全年。"):
        para = Paragraph((Segment(bare, "item_lead"), Segment("刊发稿件3篇。")))
        assert "quality-stub" in [f.code for f in check_draft(_draft(para))], bare


def test_a_draft_mode_marker_is_not_a_placeholder_in_a_draft() -> None:
    text = "〔待补：统计期〕，收集信息312条。"
    assert _codes(text, mode="draft") == []
    assert _codes(text, mode="final") == ["quality-placeholder"]
    assert _codes("〔待补：存在问题〕〔待补：形势与认识〕", mode="draft") == []


@pytest.mark.parametrize("mode", ["final", "draft"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_examples_have_no_seams(example: Path, mode: str) -> None:
    draft = compose_file(example, mode=mode)  # type: ignore[arg-type]
    assert [f.format() for f in check_draft(draft, mode=mode)] == []
    assert not [n for n in draft.notices if n.code.startswith("quality-")]


def test_a_finding_carries_the_sentence_and_its_data_paths() -> None:
    para = Paragraph(
        (
            Segment("收集信息312条。", paths=("achievements.social_opinion.collected",)),
            Segment("发稿200篇以上，与去年同期持平。", paths=("achievements.media.total",)),
        )
    )
    (finding,) = check_draft(_draft(para))
    assert finding.code == "quality-claim"
    assert finding.sentence == "发稿200篇以上，与去年同期持平。"
    assert finding.paths == ("achievements.media.total",)
    (notice,) = notices([finding])
    assert notice.code == "quality-claim" and notice.path == "achievements.media.total"
    assert "发稿200篇以上" in notice.message


def test_a_numbered_subsection_alone_in_its_section_is_a_list_of_one() -> None:
    alone = _draft(
        Heading(1, "一、", "做好宣传工作"),
        Paragraph((Segment("（一）把牢正确方向。", "l2_lead"), Segment("要坚持正确导向。"))),
        Heading(1, "二、", "做好信息工作"),
        Paragraph((Segment("（一）拓宽信息来源。", "l2_lead"), Segment("要拓宽来源。"))),
        Paragraph((Segment("（二）突出信息重点。", "l2_lead"), Segment("要突出重点。"))),
    )
    found = [(f.code, f.sentence) for f in check_draft(alone)]
    assert found == [("quality-single", "（一）把牢正确方向。要坚持正确导向。")]


def test_a_list_item_with_its_own_dun_in_a_dun_list_is_found_with_the_data() -> None:
    data = {"achievements": {"mechanisms": ["市委、市政府领导联系制度", "信息通报制度"]}}
    text = "市委、市政府领导联系制度、信息通报制度相继建立。"
    draft = _draft(_para(text))
    assert [f.code for f in check_draft(draft, data=data)] == ["quality-nested-list"]
    quoted = {"achievements": {"mechanisms": ["社情民意信息“季通报、年考评”制度", "信息通报制度"]}}
    assert (
        check_draft(_draft(_para("社情民意信息“季通报、年考评”制度、信息通报制度相继建立。")), data=quoted)
        == []
    )


def test_a_qualifier_the_data_gives_is_not_a_claim() -> None:
    draft = _draft(_para("委员反映的信息占总数的80%以上。"))
    assert [f.code for f in check_draft(draft)] == ["quality-claim"]
    assert check_draft(draft, data={"note": "委员反映的信息占总数的80%以上"}) == []
    # a counted value the writer qualified (value 80, unit %, approx 以上) gives the bound too
    counted = {"results": [{"label": "委员反映占比", "value": 80, "unit": "%", "approx": "以上"}]}
    assert check_draft(draft, data=counted) == []
    for other in ({"value": 80, "unit": "%", "approx": ""}, {"value": 81, "unit": "%", "approx": "以上"}):
        assert [f.code for f in check_draft(draft, data={"results": [other]})] == ["quality-claim"]


def test_a_county_has_no_levels_of_cppcc_below_it() -> None:
    """The built-in domain's own check, handed to the checker through ``DomainSpec.quality_rules``."""
    from docgen import registry

    rules = (registry.load_object(registry.domain("cppcc_publicity").quality_rules or ""),)
    draft = _draft(_para("今年以来，全县各级政协组织围绕中心工作积极作为。"))
    county = {"org": {"level": "county"}}
    assert [f.code for f in check_draft(draft, data=county, rules=rules)] == ["quality-claim"]
    assert check_draft(draft, data={"org": {"level": "city"}}, rules=rules) == []
    assert check_draft(draft, data=county) == []  # the checker itself knows no domain's words


def test_the_domain_check_runs_on_every_render() -> None:
    """api.quality_notices (every render's warnings) hands the document's domain's checks to the checker."""
    from docgen.api import quality_notices, validate_facts
    from docgen.load import load_yaml_text

    draft = _draft(_para("今年以来，全县各级政协组织围绕中心工作积极作为。"))
    for level, codes in (("county", ["quality-claim"]), ("city", [])):
        facts = validate_facts(load_yaml_text(dump(edit(minimal_speech(), {"org.level": level})), "f.yaml"))
        assert [n.code for n in quality_notices(draft, facts)] == codes


def test_one_item_after_a_few_aspects_across_paragraphs() -> None:
    intro = _para("今年以来，重点做了以下几个方面的工作：")
    one = Paragraph((Segment("宣传信息工作稳步推进。", "l3_lead"), Segment("发稿60篇。")))
    two = Paragraph((Segment("信息工作量质齐升。", "l3_lead"), Segment("收集信息40条。")))
    after = _para("成绩来之不易，问题也不容忽视。")
    assert [f.code for f in check_draft(_draft(intro, one, after))] == ["quality-single"]
    assert check_draft(_draft(intro, one, two, after)) == []
    # a draft's marker paragraph between the items is not the end of the list
    marker = Paragraph((Segment("〔待补：新闻宣传数字〕", "todo"), Segment("——完整文稿应有的事实，定稿前补齐。", "todo")))
    assert check_draft(_draft(intro, one, marker, two, after), mode="draft") == []
    assert [f.code for f in check_draft(_draft(intro, one, marker, after), mode="draft")] == ["quality-single"]


def test_every_code_is_documented() -> None:
    found = {code for code, _ in BAD}
    assert found <= set(CODES)
    assert set(CODES) - found == {"quality-nested-list"}  # caught with data, tested above


def _speech_with_stub(tmp_path: Path) -> Path:
    data = edit(minimal_speech(), {"achievements.highlights[0].text": "在《人民政协报》刊发稿件3篇，首次。"})
    path = tmp_path / "stub.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def test_render_strict_fails_on_a_quality_finding(tmp_path: Path) -> None:
    facts = _speech_with_stub(tmp_path)
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["render", str(facts), "--format", "txt", "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert "[quality-stub]" in result.output
    assert "首次" in result.output
    assert not out.exists()
    plain = CliRunner().invoke(main, ["render", str(facts), "--format", "txt", "-o", str(out)])
    assert plain.exit_code == 0, plain.output
    assert out.exists()


# --- seams of facts files written outside the repository (issue 11, w2 round) --------------------------------
STRANGER_BAD = [
    # a writer's numbering kept after the document's own
    ("quality-doubled", [Heading(1, "一、", "（一）健全机制，夯实信息工作基础")]),
    ("quality-doubled", [Heading(2, "（二）", "2.提高信息质量")]),
    ("quality-doubled", [_para("1.一是建立联席会议制度；二是开设专栏。")]),
    ("quality-doubled", [_para("一是（一）建立联席会议制度。二是开设专栏。")]),
    # a writer's summary sentence and the fact sentence after it give the same figure
    (
        "quality-doubled",
        [_para("一是主流媒体发声有力。全年刊发稿件1200余篇。全年，省政协在主流媒体累计发稿1200余篇。")],
    ),
    ("quality-doubled", [_para("培训近150人。举办业务培训班，培训近150人。")]),
    # the frame's subject said again after 一是 (behind the item's own time)
    (
        "quality-doubled",
        [_para("今后，区政协将继续努力，重点在以下方面下功夫：一是下半年，区政协将继续擦亮品牌；二是力争多发稿。")],
    ),
    ("quality-doubled", [_para("下一步，县政协将补短板：一是县政协将出台激励办法；二是加强培训。")]),
    # a breakdown announced with one item after it
    ("quality-single", [_para("县政协累计发稿86篇。分媒体看，“柘源融媒”客户端刊发60多篇。")]),
    # the frame's verb said again inside the writer's honour
    ("quality-doubled", [_para("工作取得了明显成效，被评为“连续三年被省政协评为社情民意信息工作先进单位”。")]),
]

STRANGER_GOOD = [
    [Heading(1, "一、", "健全机制，夯实信息工作基础")],
    [Heading(2, "（二）", "一、二季度工作回顾")],
    [_para("1.高度重视，周密部署。一是建立联席会议制度；二是开设专栏。")],
    [_para("全年发稿86篇，其中头版头条3篇。在《东岚日报》刊发3篇。")],
    [_para("收集信息120条，被采用12条。转报信息120件。")],
    [_para("今后，区政协将继续努力：一是下半年继续擦亮品牌；二是市政协各专门委员会每年牵头完成1个课题。")],
    [_para("县政协累计发稿86篇。分媒体看，《东岚日报》刊发20篇、“柘源融媒”客户端刊发60多篇。")],
    [_para("分领域看，宣传工作有声有色，信息工作量质齐升。")],
    [_para("希望大家拿出只争朝夕的劲头，一项一项抓落实、一件一件求实效。")],
    [_para("工作取得了明显成效，连续三年被省政协评为“社情民意信息工作先进单位”。")],
]


@pytest.mark.parametrize(("code", "blocks"), STRANGER_BAD, ids=[f"{c}-{i}" for i, (c, _) in enumerate(STRANGER_BAD)])
def test_the_checker_catches_seams_of_strangers_files(code: str, blocks: list[Paragraph | Heading]) -> None:
    assert code in [f.code for f in check_draft(_draft(*blocks))]


@pytest.mark.parametrize("blocks", STRANGER_GOOD)
def test_the_same_shapes_written_well_pass(blocks: list[Paragraph | Heading]) -> None:
    assert [f.format() for f in check_draft(_draft(*blocks))] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("从发稿情况看，2023年度，区政协市政协宣传信息工作在全市9家单位中位居第二位。", True),
        ("县政协省政协信息工作考核得分位居全省第五位。", True),
        ("在2023年度市政协宣传信息工作考核中，区政协在全市9家单位中位居第二位。", False),
        ("被市政协、省政协采用12条，区政协市政协委员工作室建设经验被推广。", False),
    ],
)
def test_two_bodies_run_together_as_one_subject(text: str, found: bool) -> None:
    """The domain's check: one 政协 right after another is a subject with a phrase of another body in its slot."""
    from docgen import registry

    rules = (registry.load_object(registry.domain("cppcc_publicity").quality_rules or ""),)
    codes = [f.code for f in check_draft(_draft(_para(text)), data={"org": {"level": "district"}}, rules=rules)]
    assert codes == (["quality-subject"] if found else [])
