"""Seams that facts written by other offices' clerks produced in the 党政信息工作 text, one test per class:
each builds its facts inline from the minimal files, composes them and reads the sentence concerned (and the
checker finds nothing).  The domain's own check of the text (``check_counts``) has its bad and good sentences."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers import DELETE, dump, edit
from pi_helpers import minimal_speech, minimal_summary, problems_of, validate_text

from docgen.api import compose_text, quality_notices
from docgen.domains.party_info.quality import check_counts
from docgen.draft import Draft, DraftMeta, Paragraph, Segment
from docgen.quality.units import units_of


def _text(data: dict[str, Any], mode: str = "final") -> str:
    draft = compose_text(dump(data), file="t.yaml", mode=mode)  # type: ignore[arg-type]
    assert [n.format() for n in draft.notices if n.code.startswith("quality-")] == []
    return draft.text()


def _line(text: str, needle: str) -> str:
    (line,) = [x for x in text.splitlines() if needle in x]
    return line


# --- ranks: the assessment named once, with its year, scope and system in order ------------------------


def test_a_year_written_into_the_metric_is_said_once() -> None:
    data = edit(
        minimal_speech(),
        {"results.ranks": [{"scope": "全省", "system": "党委系统", "metric": "2024年度信息工作考核", "rank": 6, "of": 31, "year": 2024}]},
    )
    line = _line(_text(data), "位居")
    assert "在2024年度全省党委系统信息工作考核中位居第六位（参评单位共31个）" in line
    assert line.count("2024") == 1


def test_one_assessment_over_several_years_is_one_sentence() -> None:
    data = edit(
        minimal_summary(),
        {
            "results.ranks": [
                {"scope": "全国", "system": "政府系统", "rank": 5, "year": 2022},
                {"scope": "全国", "system": "政府系统", "rank": 3, "year": 2023},
            ]
        },
    )
    line = _line(_text(data), "位居")
    assert "在全国政府系统信息工作考核中，2022年度位居第五位，2023年度位居第三位" in line
    assert line.count("我县在") == 1


def test_a_second_assessment_keeps_its_frame_and_drops_what_the_first_said() -> None:
    data = edit(
        minimal_speech(),
        {
            "results.ranks": [
                {"scope": "全市", "system": "党委系统", "rank": 2, "of": 10},
                {"scope": "全市", "system": "政府系统", "metric": "政务信息考核排名", "rank": 3, "of": 10},
            ]
        },
    )
    line = _line(_text(data), "位居")
    assert "在全市党委系统信息工作考核中位居第二位，在政府系统政务信息考核中位居第三位（参评单位均为10个）" in line


# --- results ----------------------------------------------------------------------------------------------


def test_instructions_counted_in_times_count_the_instructions_not_the_information() -> None:
    data = edit(
        minimal_speech(),
        {
            "results.instructions": [
                {"leader_level": "中央领导同志", "count": 9, "unit": "次"},
                {"leader_level": "县委主要领导", "count": 40, "approx": "余", "unit": "条"},
            ]
        },
    )
    line = _line(_text(data), "批示")
    assert "信息获中央领导同志批示9次，40余条获县委主要领导批示" in line
    assert "次信息" not in line


def test_adopting_bodies_are_named_from_the_top_down() -> None:
    data = edit(
        minimal_speech(),
        {"results.adopted": [{"by": "市委", "count": 40}, {"by": "市政府", "count": 30}, {"by": "省委", "count": 3}]},
    )
    line = _line(_text(data), "采用")
    assert line.index("省委采用3条") < line.index("市委采用40条") < line.index("市政府采用30条")


def test_adoptions_without_a_total_of_the_same_unit_have_a_subject() -> None:
    data = edit(
        minimal_summary(),
        {
            "results.submitted": {"count": 2.1, "unit": "万条"},
            "results.adopted": [{"by": "国办", "count": 1000, "approx": "余"}],
        },
    )
    line = _line(_text(data), "国办")
    assert "其中，" in line  # 2.1万条 and 1000余条 are the same unit
    data = edit(minimal_summary(), {"results.submitted": DELETE})
    assert "全县报送的信息" in _line(_text(data), "市委采用40条")


def test_one_publication_is_not_named_twice_and_its_leaders_are_the_offices_own() -> None:
    data = edit(
        minimal_summary(),
        {
            "org.short_name": "县政府办公室",
            "results.publications": [{"name": "青禾政务信息", "count": 24, "instructed": 12}],
        },
    )
    line = _line(_text(data), "期")
    assert line.count("《青禾政务信息》") == 1
    assert "获县政府主要领导批示" in line and "县委、县政府主要领导" not in line


def test_a_case_without_outcome_is_not_an_example() -> None:
    data = edit(
        minimal_speech(),
        {
            "results.instructions": [{"leader_level": "县委主要领导", "count": 5}],
            "results.cases": [
                {"title": "关于农村饮水工程管护问题的反映", "instructed_by": "县委主要领导"},
                {"title": "《关于集贸市场改造进度的情况》"},
                {"title": "关于景区停车难的情况"},
            ],
        },
    )
    text = _text(data)
    assert "比如" not in text and "又如" not in text
    assert "《关于农村饮水工程管护问题的反映》" in _line(text, "饮水")
    plain = _line(text, "集贸")
    assert "《关于集贸市场改造进度的情况》《关于景区停车难的情况》" in plain and "《《" not in plain


def test_partial_coverage_is_not_called_full_coverage() -> None:
    data = edit(
        minimal_speech(),
        {
            "document.variants": {"RES-network": "b"},
            "results.network": {"direct_points": 20, "covers": "各乡镇和部分重点企业"},
        },
    )
    line = _line(_text(data), "直报点")
    assert "全覆盖" not in line and "覆盖各乡镇和部分重点企业" in line


# --- problems: the local detail after the library's short wording ----------------------------------------


@pytest.mark.parametrize("variant", ["a", "b", "c"])
def test_a_problem_with_its_detail_is_said_once(variant: str) -> None:
    detail = "部分乡镇信息报送“慢半拍”；错过最佳报送时机"
    data = edit(
        minimal_speech(),
        {
            "document.variants": {"PRB-timeliness-head": variant},
            "problems.items": [{"code": "timeliness", "detail": detail}, {"code": "team"}],
        },
    )
    line = _line(_text(data), "慢半拍")
    assert "错过了服务决策的最佳时机" not in line  # the generic illustration is not said beside the detail
    assert "“慢半拍”，错过最佳报送时机；二是" in line  # the clerk's 分号 inside an item becomes a 逗号


# --- opening ----------------------------------------------------------------------------------------------


def test_agenda_items_keep_who_did_them_and_a_report_says_what_was_reported() -> None:
    data = edit(
        minimal_speech(),
        {
            "meeting": {
                "name": "全县信息工作会议",
                "agenda_done": [
                    {"type": "relay", "text": "全市信息工作会议精神", "by": "县委办公室副主任"},
                    {"type": "report", "text": "1—10月全县信息报送情况", "by": "县委办公室信息科"},
                    {"type": "report", "text": "工作报告", "by": "县委办公室"},
                ],
            }
        },
    )
    line = _line(_text(data), "传达了")
    assert "县委办公室副主任" in line and "全市信息工作会议精神" in line
    assert "县委办公室信息科通报了1—10月全县信息报送情况" in line
    assert "县委办公室作了工作报告" in line


# --- summary: the office is the subject, never 我们 -------------------------------------------------------


@pytest.mark.parametrize("variant", ["a", "b", "c"])
def test_the_summary_lead_names_the_office(variant: str) -> None:
    data = edit(minimal_summary(), {"document.variants": {"SUM-lead": variant}})
    lead = _text(data).splitlines()[1]
    assert "我们" not in lead and "县委办公室" in lead


def test_a_task_item_with_a_copula_or_a_misnamed_verb_reads_as_a_demand() -> None:
    data = edit(
        minimal_speech(),
        {
            "tasks.sections[1].items": [
                "各乡镇主要负责同志是紧急信息报送第一责任人",
                "严格执行重大紧急信息报送规定，坚决杜绝迟报、漏报",
            ]
        },
    )
    line = _line(_text(data), "第一责任人")
    assert "要是" not in line and "执行要" not in line
    assert "各乡镇主要负责同志是紧急信息报送第一责任人" in line
    assert "要严格执行重大紧急信息报送规定" in line


# --- the domain's own check of the text -------------------------------------------------------------------


def _findings(text: str) -> list[str]:
    draft = Draft(DraftMeta("t", "info_leadership_speech", "标题", dt.date(2025, 12, 5)), [Paragraph((Segment(text),))])
    sentences = [s for u in units_of(draft) for s in u.sentences()]
    return [f.code for f in check_counts(sentences, None)]


@pytest.mark.parametrize("text", ["有9次信息获中央领导同志批示。", "近20余次信息获省领导批示。", "有12件次信息获批示。"])
def test_times_before_information_is_caught(text: str) -> None:
    assert _findings(text) == ["quality-doubled"]


@pytest.mark.parametrize(
    "text", ["信息获中央领导同志批示9次。", "有160条信息获省领导批示。", "召开3次信息工作例会。", "全年开展培训2次，信息员参训120人次。"]
)
def test_times_counting_occasions_pass(text: str) -> None:
    assert _findings(text) == []


def test_the_domain_check_runs_with_the_checker_on_a_document_of_the_domain() -> None:
    facts = validate_text(dump(minimal_speech()))
    draft = Draft(
        DraftMeta("t", "info_leadership_speech", "标题", dt.date(2025, 12, 5)),
        [Paragraph((Segment("有9次信息获中央领导同志批示。"),))],
    )
    assert [n.code for n in quality_notices(draft, facts)] == ["quality-doubled"]


# --- a part-year plan ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("horizon", ["下半年", "2026年下半年", "今年下半年"])
def test_a_half_year_summary_plans_the_second_half(horizon: str) -> None:
    data = edit(
        minimal_summary(),
        {
            "document.date": dt.date(2026, 7, 6),
            "period": {"kind": "custom", "start": dt.date(2026, 1, 1), "end": dt.date(2026, 6, 30)},
            "tasks.horizon": horizon,
        },
    )
    text = _text(data)
    assert "二、下半年工作" in text
    assert "下半年，" in text or "下一步，" in text
    assert "今年，" not in text and "2027年" not in text


def test_an_unreadable_horizon_is_still_refused_in_chinese() -> None:
    problems = problems_of(dump(edit(minimal_summary(), {"tasks.horizon": "近期"})))
    assert [p.code for p in problems] == ["bad-horizon"]
    assert "下半年" in problems[0].message


# --- issue 11, w5: every fact said or warned about; one numeral style; the body under the writer's heading;
# --- one praise per document ---------------------------------------------------------------------------------


@pytest.mark.parametrize("base", [minimal_speech, minimal_summary])
@pytest.mark.parametrize("heading", [None, "抓好落实"])
def test_a_horizon_without_task_sections_is_warned_at_its_line_or_marked(base: Any, heading: str | None) -> None:
    data = edit(base(), {"tasks.sections": DELETE, **({"tasks.heading": heading} if heading else {})})
    final = compose_text(dump(data), file="t.yaml", mode="final")
    unused = {n.path for n in final.notices if n.code == "unused-fact"}
    assert "tasks.horizon" in unused
    assert ("tasks.heading" in unused) == bool(heading)
    draft = compose_text(dump(data), file="t.yaml", mode="draft")
    text = draft.text()
    # the draft keeps the part and names its horizon in the marker (or in the plan's own heading)
    assert "〔待补：" in text and ("明年" in text or "2026年" in text)
    assert "tasks.horizon" not in {n.path for n in draft.notices if n.code == "unused-fact"}


@pytest.mark.parametrize(
    ("limits", "said"),
    [
        ([{"event": "较大以上突发事件", "phone": 30, "written": 1, "written_unit": "小时"}], "30分钟内电话报告、1小时内书面报告"),
        (
            [{"event": "一般突发事件", "phone": 1, "phone_unit": "小时", "written": 12, "written_unit": "小时"}],
            "1小时内电话报告、12小时内书面报告",
        ),
        (
            [{"event": "突发事件", "phone": 1, "phone_unit": "小时", "written": 3, "written_unit": "小时"}],
            "一小时内电话报告、三小时内书面报告",
        ),
    ],
)
def test_durations_of_one_sentence_take_one_numeral_style(limits: list[dict[str, Any]], said: str) -> None:
    data = edit(minimal_speech(), {"tasks.sections[1].time_limits": limits})
    assert said in _line(_text(data), "书面报告")


def test_a_writers_item_mixing_numeral_styles_is_written_in_digits() -> None:
    data = edit(
        minimal_speech(),
        {"tasks.sections[1].items": ["接报后一小时内核实情况，30分钟内向县委值班室反馈", "每半年开展一次演练"]},
    )
    line = _line(_text(data), "核实情况")
    assert "1小时内核实情况，30分钟内" in line and "开展一次演练" in line


@pytest.mark.parametrize(
    ("theme", "lead", "off"),
    [
        ("accurate", "严守时限，紧急信息报送要快", "选题"),
        ("network", "严格考核通报，奖优罚劣", "直报点"),
        ("solid", "抢抓时效，做到快采快报", "审核"),
    ],
)
def test_the_body_under_a_writers_heading_speaks_of_the_heading(theme: str, lead: str, off: str) -> None:
    for v in "abc":
        data = edit(
            minimal_speech(),
            {
                "document.variants": {f"TSK-{theme}-body": v},
                "tasks.sections": [{"theme": theme, "lead": lead, "items": ["按季度通报报送情况"]}, {"theme": "deep"}],
            },
        )
        section = _line(_text(data), lead)
        assert off not in section.split("。", 1)[1]


def test_a_body_does_not_say_the_writers_heading_again() -> None:
    lead = "坚持报喜也报忧，确保信息真实"
    for doc_id in ("a1", "b2", "c3", "d4"):
        data = edit(
            minimal_speech(),
            {"document.id": doc_id, "tasks.sections": [{"theme": "solid", "lead": lead}, {"theme": "fast"}]},
        )
        body = _line(_text(data), lead).split("。", 1)[1]
        assert "报喜也报忧" not in body


@pytest.mark.parametrize("variant", ["a", "b", "c"])
def test_ranks_of_several_scopes_praise_once(variant: str) -> None:
    data = edit(
        minimal_speech(),
        {
            "document.variants": {"RES-rank-top": variant},
            "results.ranks": [
                {"scope": "全市", "system": "党委系统", "rank": 2, "of": 10},
                {"scope": "全省", "system": "党委系统", "rank": 3, "of": 100},
                {"scope": "全国", "rank": 1},
            ],
        },
    )
    text = _text(data)
    assert sum(text.count(w) for w in ("功不可没", "来之不易")) <= 1
    line = _line(text, "位居")
    assert line.count("我县在") == 1 and "；在全省" in line and "；在全国" in line


# --- issue 11, w5 blind round: clerk phrasing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "said"),
    [
        ("县委办公室信息股24小时值班", "县委办公室信息股要24小时值班"),
        ("各乡镇30分钟内反馈核实情况", "各乡镇要30分钟内反馈核实情况"),
        ("各部门3个工作日内办结群众反映事项", "各部门要3个工作日内办结群众反映事项"),
    ],
)
def test_a_demand_whose_subject_acts_within_a_duration_takes_its_yao(item: str, said: str) -> None:
    data = edit(minimal_speech(), {"tasks.sections[1].items": [item, "严格执行信息报送审签制度"]})
    assert said in _line(_text(data), "审签")


def test_one_plain_case_is_not_announced_as_several() -> None:
    for v in "abc":
        data = edit(
            minimal_speech(),
            {"document.variants": {"RES-case-plain": v}, "results.cases": [{"title": "关于农村供水工程冬季管护问题的调查"}]},
        )
        line = _line(_text(data), "冬季管护")
        assert "先后" not in line and "等信息" not in line


def test_the_writers_measure_word_of_a_listed_count_is_kept() -> None:
    data = edit(
        minimal_speech(),
        {"meeting": {"name": "全县信息工作会议", "agenda_done": [{"type": "exchange", "by": "城关镇等4家单位"}]}},
    )
    assert "城关镇等4家单位" in _line(_text(data), "交流发言")


def test_full_width_digits_of_a_clerk_are_written_in_half_width() -> None:
    data = edit(
        minimal_summary(),
        {
            "results.submitted.to": "市委办公室等２家单位",
            "tasks.sections[0].items": ["２０２６年６月底前完成信息报送系统升级", "每季度通报一次报送情况"],
        },
    )
    text = _text(data)
    assert "等2家单位" in text and "2026年6月底前完成" in text
    assert not any("\uff10" <= ch <= "\uff19" for ch in text)


@pytest.mark.parametrize("doc_id", ["a1", "b2", "c3", "d4", "e5"])
def test_a_body_does_not_say_a_word_of_the_writers_heading_again(doc_id: str) -> None:
    lead = "突出调研信息，提升参考价值"
    data = edit(
        minimal_summary(),
        {"document.id": doc_id, "tasks.sections": [{"theme": "deep", "lead": lead}, {"theme": "fast"}]},
    )
    body = _line(_text(data), lead).split("。", 1)[1]
    assert "价值" not in body and "调研" not in body


@pytest.mark.parametrize("office", ["省委办公厅信息处", "县委办公室综合股", "市政府办公室信息科"])
def test_an_office_division_is_the_subject_not_a_verb(office: str) -> None:
    data = edit(minimal_speech(), {"tasks.sections[1].items": [f"{office}24小时值班", "严格执行信息报送审签制度"]})
    line = _line(_text(data), "审签")
    assert f"{office}要24小时值班" in line


def test_durations_of_one_paragraph_take_one_numeral_style() -> None:
    data = edit(
        minimal_speech(),
        {
            "tasks.sections[1].items": ["各乡镇要在事发后30分钟内电话报告", "严格执行信息报送审签制度"],
            "tasks.sections[1].time_limits": [
                {"event": "一般突发事件", "phone": 1, "phone_unit": "小时", "written": 3, "written_unit": "小时"}
            ],
        },
    )
    line = _line(_text(data), "审签")
    assert "30分钟内电话报告" in line and "1小时内电话报告、3小时内书面报告" in line
