"""Composition of the work summary (工作总结) and the meeting plan (会议方案): genre rules, missing facts,
third person, the agenda table, renumbering, determinism, snapshots, and the Word file."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import DELETE, dump, edit, positive_ints

from docgen import zh
from docgen.api import compose_file, compose_loaded, render_draft
from docgen.domains.cppcc_publicity.compose.summary import THIRD_PERSON_SUFFIX, measures, unit_name
from docgen.draft import (
    Byline,
    ClosingLine,
    Draft,
    Heading,
    Paragraph,
    Salutation,
    Signature,
    Table,
    Title,
)
from docgen.fragments import FragmentLibrary
from docgen.lint import draft_lines, lint_lines
from docgen.load import load_yaml, load_yaml_text
from docgen.model.org import Org
from docgen.zh import find_placeholders

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "work_summary.yaml"
PLAN = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "meeting_plan.yaml"
FIRST_PERSON = ("我们", "同志们", "我讲", "我代表", "谢谢大家", "大家")


# --- helpers ----------------------------------------------------------------------------------------------


def _raw(path: Path) -> dict[str, Any]:
    import copy

    return copy.deepcopy(load_yaml(path).data)


def _compose(path: Path, mode: str | None = None) -> Draft:
    return compose_file(path, mode=mode)  # type: ignore[arg-type]


def _compose_data(data: dict[str, Any], mode: str | None = None) -> Draft:
    return compose_loaded(load_yaml_text(dump(data), "test.yaml"), mode=mode)  # type: ignore[arg-type]


def _lint_input(draft: Draft) -> list[tuple[str, str]]:
    return draft_lines(draft)


def _lint(draft: Draft, mode: str = "final") -> list[str]:
    return [f.format() for f in lint_lines(_lint_input(draft), mode=mode)]  # type: ignore[arg-type]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？；：])", text) if len(s) > 10]


def _l1(draft: Draft) -> list[str]:
    return [b.full_text for b in draft.blocks if isinstance(b, Heading) and b.level == 1]


def _assert_l1_contiguous(draft: Draft) -> None:
    nums = [b.number for b in draft.blocks if isinstance(b, Heading) and b.level == 1]
    assert nums == [zh.l1_number(i) for i in range(1, len(nums) + 1)]


def _assert_clean(draft: Draft, mode: str = "final") -> None:
    text = draft.text()
    assert find_placeholders(text) == []
    assert "None" not in text
    assert _lint(draft, mode) == []
    _assert_l1_contiguous(draft)
    if mode == "final":
        assert "〔待补" not in text


def _ints(node: Any) -> list[int]:
    return positive_ints(node, frozenset({"previous", "year", "since", "rank", "of"}))


def _leaves(node: Any) -> list[object]:
    if isinstance(node, dict):
        return [x for v in node.values() for x in _leaves(v)]
    if isinstance(node, list):
        return [x for v in node for x in _leaves(v)]
    return [node]


# --- both kinds, both modes --------------------------------------------------------------------------------

CASES = [pytest.param(p, id=p.stem) for p in (SUMMARY, PLAN)]


@pytest.mark.parametrize("mode", ["final", "draft"])
@pytest.mark.parametrize("path", CASES)
def test_composed_text_matches_snapshot(path: Path, mode: str, snapshot: Any) -> None:
    assert _compose(path, mode).text() == snapshot


@pytest.mark.parametrize("mode", ["final", "draft"])
@pytest.mark.parametrize("path", CASES)
def test_output_has_no_placeholder_and_passes_the_conventions_lint(path: Path, mode: str) -> None:
    _assert_clean(_compose(path, mode), mode)


@pytest.mark.parametrize("path", CASES)
def test_no_sentence_appears_twice(path: Path) -> None:
    sents = _sentences(_compose(path).text())
    assert {s for s in sents if sents.count(s) > 1} == set()


@pytest.mark.parametrize("path", CASES)
def test_composition_is_deterministic(path: Path) -> None:
    assert _compose(path).text() == _compose(path).text()
    assert render_draft(_compose(path), "docx") == render_draft(_compose(path), "docx")


@pytest.mark.parametrize("path", CASES)
def test_neither_kind_has_a_salutation_byline_or_thanks(path: Path) -> None:
    draft = _compose(path)
    assert not [b for b in draft.blocks if isinstance(b, Salutation | Byline | ClosingLine)]
    text = draft.text()
    assert not [w for w in FIRST_PERSON if w in text]


@pytest.mark.parametrize("path", CASES)
def test_the_word_file_renders(path: Path) -> None:
    data = render_draft(_compose(path), "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    last = _compose(path).blocks[-1]
    assert isinstance(last, Signature)
    assert last.unit in xml and last.date_text in xml
    if path == PLAN:
        assert xml.count("<w:tbl>") == 1
        assert xml.count("<w:tr>") == len(_raw(PLAN)["plan"]["agenda"]) + 1
    else:
        assert "<w:tbl>" not in xml


# --- work summary ------------------------------------------------------------------------------------------


def test_every_counted_fact_of_the_summary_appears_with_its_number() -> None:
    data = _raw(SUMMARY)
    text = _compose(SUMMARY).text()
    numbers = _ints(data["achievements"]) + _ints(data["tasks"]) + [data["summary"]["year"]]
    missing = [n for n in numbers if not re.search(rf"(?<!\d){n}(?!\d)", text)]
    assert missing == []


def test_summary_title_is_unit_year_and_topic() -> None:
    data = _raw(SUMMARY)
    assert "title" not in data["document"]
    draft = _compose(SUMMARY)
    assert isinstance(draft.blocks[0], Title)
    assert draft.blocks[0].text == "石湾区政协2024年宣传信息工作总结"
    assert re.fullmatch(r".+政协\d{4}年.+工作总结", draft.meta.title)


def test_summary_year_defaults_to_the_end_of_the_period() -> None:
    data = edit(_raw(SUMMARY), {"summary.year": DELETE, "period.start": dt.date(2023, 1, 1)})
    data = edit(data, {"period.end": dt.date(2023, 12, 31), "document.date": dt.date(2024, 1, 10)})
    data = edit(data, {"summary.signature_date": DELETE, "tasks.horizon": "2024年", "tasks.heading": DELETE})
    data["tasks"]["sections"][1]["deadlines"][0]["by"] = dt.date(2024, 3, 31)
    draft = _compose_data(data)
    assert draft.meta.title == "石湾区政协2023年宣传信息工作总结"
    assert _l1(draft)[-1] == "三、2024年工作打算"


def test_summary_has_the_three_sections_and_ends_with_the_signature() -> None:
    draft = _compose(SUMMARY)
    assert _l1(draft) == ["一、主要工作及成效", "二、存在的问题和不足", "三、2025年工作打算"]
    last = draft.blocks[-1]
    assert isinstance(last, Signature)
    assert (last.unit, last.date_text) == ("石湾区政协办公室", "2024年12月20日")


def test_summary_is_written_in_the_third_person_whatever_the_variant() -> None:
    lib = FragmentLibrary.load()
    for fid in ("ACH-campaign", "ACH-member-featured", "ACH-team", "ACH-training", "ACH-mechanisms"):
        for v in lib.family(fid + THIRD_PERSON_SUFFIX).variants:
            data = edit(_raw(SUMMARY), {f"document.variants.{fid}{THIRD_PERSON_SUFFIX}": v.id})
            text = _compose_data(data).text()
            assert not [w for w in FIRST_PERSON if w in text], (fid, v.id)


def test_base_variant_override_carries_over_to_the_third_person_family() -> None:
    data = edit(_raw(SUMMARY), {"document.variants.ACH-campaign": "c"})
    assert "在区政协组织的老旧街区改造民主监督活动中" in _compose_data(data).text()


def test_third_person_families_mirror_their_base_family() -> None:
    lib = FragmentLibrary.load()
    alts = [f for f in lib.families() if f.id.endswith(THIRD_PERSON_SUFFIX)]
    assert len(alts) >= 7
    for fam in alts:
        base = lib.family(fam.id.removesuffix(THIRD_PERSON_SUFFIX))
        assert set(fam.needs) <= set(base.needs), fam.id  # the shared code passes the base family's slots
        for v in fam.variants:
            assert not [w for w in (*FIRST_PERSON, "这次") if w in v.text], (fam.id, v.id)


def test_speech_wording_is_unchanged_by_the_third_person_families() -> None:
    text = compose_file(ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml").text()
    assert "我们" in text


def test_summary_lead_is_generated_when_no_lead_text_is_given() -> None:
    draft = _compose_data(edit(_raw(SUMMARY), {"summary.lead_text": DELETE, "attribution": DELETE}))
    lead = draft.blocks[1]
    assert isinstance(lead, Paragraph)
    assert lead.text.startswith("2024年，区政协") and "区委" in lead.text
    assert lead.text.endswith("：")
    # an attribution that credits the 区委's leadership says it; the lead does not say it first
    credited = _compose_data(edit(_raw(SUMMARY), {"summary.lead_text": DELETE}))
    lead = credited.blocks[1]
    assert isinstance(lead, Paragraph) and lead.text.startswith("2024年，区政协") and "区委" not in lead.text
    assert "区委的坚强领导" in credited.text()


def test_without_closing_text_the_attribution_closes_section_one() -> None:
    draft = _compose_data(edit(_raw(SUMMARY), {"summary.closing_text": False}))
    text = draft.text()
    assert "总之" not in text and "总的来看" not in text
    heads = [i for i, b in enumerate(draft.blocks) if isinstance(b, Heading) and b.level == 1]
    before_problems = draft.blocks[heads[1] - 1]
    assert isinstance(before_problems, Paragraph) and "得益于区委的坚强领导" in before_problems.text


def test_closing_text_without_attribution_or_problems_still_reads_cleanly() -> None:
    data = edit(_raw(SUMMARY), {"attribution": DELETE, "problems": DELETE})
    draft = _compose_data(data)
    _assert_clean(draft)
    closing = draft.blocks[-2]
    assert isinstance(closing, Paragraph) and closing.text.startswith("总")


def test_signature_defaults_to_full_name_and_document_date() -> None:
    data = edit(_raw(SUMMARY), {"summary.signature_unit": DELETE, "summary.signature_date": DELETE})
    last = _compose_data(data).blocks[-1]
    assert isinstance(last, Signature)
    assert (last.unit, last.date_text) == ("中国人民政治协商会议澄阳市石湾区委员会", "2024年12月20日")
    data = edit(data, {"org.full_name": DELETE, "document.date_style": "hanzi"})
    last = _compose_data(data).blocks[-1]
    assert isinstance(last, Signature)
    assert (last.unit, last.date_text) == ("石湾区政协", "二〇二四年十二月二十日")


def test_unit_name_qualifies_the_short_name_with_the_place() -> None:
    def org(short: str, place: str, level: str = "city") -> Org:
        return Org(short_name=short, place=place, level=level)  # type: ignore[arg-type]

    assert unit_name(org("市政协", "澄阳")) == "澄阳市政协"
    assert unit_name(org("市政协", "澄阳市")) == "澄阳市政协"
    assert unit_name(org("石湾区政协", "石湾", "district")) == "石湾区政协"
    assert unit_name(org("县政协", "临溪", "county")) == "临溪县政协"


def test_level_two_points_follow_the_heading_style() -> None:
    text = _compose_data(edit(_raw(SUMMARY), {"document.heading_style": "county"})).text()
    assert re.search(r"^1\.新闻宣传有声有色。", text, re.M)
    assert "（一）" not in text


def test_measures_are_numbered_only_when_there_are_several() -> None:
    assert measures(["建立选题会商制度"]) == "建立选题会商制度。"
    assert measures(["甲", "乙；"]) == "一是甲；二是乙。"
    assert measures([" "]) is None


def test_problems_placement_omit_drops_the_problems_section() -> None:
    draft = _compose_data(edit(_raw(SUMMARY), {"document.problems_placement": "omit"}))
    assert _l1(draft) == ["一、主要工作及成效", "二、2025年工作打算"]


def test_by_domain_presentation_uses_standalone_level_two_headings() -> None:
    draft = _compose_data(edit(_raw(SUMMARY), {"achievements.presentation": "by_domain"}))
    _assert_clean(draft)
    l2 = [b for b in draft.blocks if isinstance(b, Heading) and b.level == 2]
    assert l2 and l2[0].number == "（一）"
    assert "一是" in draft.text()


SUMMARY_REMOVALS = [
    ("problems",),
    ("tasks",),
    ("attribution",),
    ("summary",),
    ("summary", "lead_text"),
    ("summary", "signature_unit"),
    ("tasks", "special_events"),
    ("achievements", "media"),
    ("achievements", "campaigns"),
    ("achievements", "member_publicity"),
    ("achievements", "social_opinion"),
    ("achievements", "grassroots"),
    ("achievements", "team"),
    ("achievements", "trainings"),
    ("achievements", "mechanisms"),
    ("achievements", "comparisons"),
]


def _remove(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    out = edit(data, {".".join(path): DELETE})
    ach = out["achievements"]
    if path[0] == "achievements":
        for h in ach["highlights"]:
            h["refs"] = [r for r in h["refs"] if r.partition(".")[0] != path[1]]
        ach["highlights"] = [h for h in ach["highlights"] if h["refs"]]
        ach["comparisons"] = [c for c in ach.get("comparisons", []) if not c["ref"].startswith(path[1])]
    return out


@pytest.mark.parametrize("path", SUMMARY_REMOVALS, ids=[".".join(p) for p in SUMMARY_REMOVALS])
def test_removing_a_summary_fact_leaves_clean_text(path: tuple[str, ...]) -> None:
    full = _compose(SUMMARY).text()
    draft = _compose_data(_remove(_raw(SUMMARY), path))
    assert draft.text() != full
    _assert_clean(draft)
    assert isinstance(draft.blocks[-1], Signature)


def test_missing_problems_renumber_in_final_and_are_marked_in_draft() -> None:
    data = edit(_raw(SUMMARY), {"problems": DELETE})
    assert _l1(_compose_data(data)) == ["一、主要工作及成效", "二、2025年工作打算"]
    draft = _compose_data(data, mode="draft")
    assert _l1(draft) == ["一、主要工作及成效", "二、存在的问题和不足", "三、2025年工作打算"]
    todos = [s.text for b in draft.blocks if isinstance(b, Paragraph) for s in b.segments if s.role == "todo"]
    assert todos == ["〔待补：存在的问题和不足〕"]
    _assert_clean(draft, "draft")


def test_missing_tasks_in_draft_mode_keep_the_heading_with_a_marker() -> None:
    draft = _compose_data(edit(_raw(SUMMARY), {"tasks": DELETE}), mode="draft")
    assert _l1(draft)[-1] == "三、2025年工作打算"
    assert "〔待补：工作打算〕" in draft.text()


# --- meeting plan ------------------------------------------------------------------------------------------

PLAN_HEADINGS = ["会议名称", "会议时间和地点", "参会人员", "会议议程", "会议材料", "工作分工", "有关要求"]


def _tables(draft: Draft) -> list[Table]:
    return [b for b in draft.blocks if isinstance(b, Table)]


def test_every_fact_of_the_plan_appears() -> None:
    data = _raw(PLAN)
    text = _compose(PLAN).text()
    missing = []
    for leaf in _leaves(data["plan"]):
        if isinstance(leaf, dt.date):
            want = zh.cn_date(leaf)
        else:
            want = str(leaf).replace("（虚构）", "").rstrip("。")
        if want not in text:
            missing.append(want)
    assert missing == []
    assert zh.cn_date(data["document"]["date"]) in text
    assert all(p.rstrip("。") in text for p in data["meeting"]["purposes"])


def test_plan_title_and_sections() -> None:
    draft = _compose_data(edit(_raw(PLAN), {"document.title": DELETE}))
    assert draft.meta.title == "全市政协宣传信息工作会议方案"
    assert _l1(draft) == [f"{zh.l1_number(i)}{h}" for i, h in enumerate(PLAN_HEADINGS, 1)]
    named = _compose_data(edit(_raw(PLAN), {"document.title": DELETE, "plan.name": "全市政协信息员座谈会"}))
    assert named.meta.title == "全市政协信息员座谈会方案"


def test_plan_time_names_the_weekday() -> None:
    text = _compose(PLAN).text()
    assert "2024年12月6日（星期五）上午9:00" in text


def test_agenda_table_has_one_row_per_item() -> None:
    agenda = _raw(PLAN)["plan"]["agenda"]
    (table,) = _tables(_compose(PLAN))
    assert table.rows[0] == ("序号", "时间", "议程", "承担人")
    assert len(table.rows) == len(agenda) + 1
    assert [r[2] for r in table.rows[1:]] == [a["item"] for a in agenda]
    assert [r[0] for r in table.rows[1:]] == [str(i) for i in range(1, len(agenda) + 1)]
    assert sum(table.col_widths_mm) == pytest.approx(156.0)


def test_empty_agenda_columns_are_omitted_consistently() -> None:
    data = _raw(PLAN)
    for a in data["plan"]["agenda"]:
        a.pop("time")
    data["plan"]["agenda"][0]["host"] = "市政协秘书长"
    (table,) = _tables(_compose_data(data))
    assert table.rows[0] == ("序号", "议程", "承担人", "主持人")
    assert {len(r) for r in table.rows} == {4}
    assert len(table.col_widths_mm) == 4 and sum(table.col_widths_mm) == pytest.approx(156.0)
    for a in data["plan"]["agenda"]:
        a.pop("by", None)
        a.pop("host", None)
    (table,) = _tables(_compose_data(data))
    assert table.rows[0] == ("序号", "议程")


def test_host_sentence_precedes_the_table() -> None:
    draft = _compose(PLAN)
    i = next(i for i, b in enumerate(draft.blocks) if isinstance(b, Table))
    intro = draft.blocks[i - 1]
    assert isinstance(intro, Paragraph) and "市政协副主席主持" in intro.text and intro.text.endswith("：")
    no_host = _compose_data(edit(_raw(PLAN), {"plan.host": DELETE}))
    assert "主持" not in no_host.text()
    _assert_clean(no_host)


def test_plan_signature_is_the_organiser_and_the_document_date() -> None:
    last = _compose(PLAN).blocks[-1]
    assert isinstance(last, Signature)
    assert (last.unit, last.date_text) == ("澄阳市政协办公室", "2024年11月25日")


def test_contact_line_comes_last_before_the_signature() -> None:
    draft = _compose(PLAN)
    contact = draft.blocks[-2]
    assert isinstance(contact, Paragraph)
    assert "周晓岚" in contact.text and "8012" in contact.text and "虚构" not in contact.text


@pytest.mark.parametrize("section", ["materials", "division", "requirements"])
def test_removing_a_plan_section_renumbers_the_rest(section: str) -> None:
    draft = _compose_data(edit(_raw(PLAN), {f"plan.{section}": DELETE}))
    _assert_clean(draft)
    label = dict(zip(["materials", "division", "requirements"], PLAN_HEADINGS[4:], strict=True))[section]
    expected = [h for h in PLAN_HEADINGS if h != label]
    assert _l1(draft) == [f"{zh.l1_number(i)}{h}" for i, h in enumerate(expected, 1)]
    marked = _compose_data(edit(_raw(PLAN), {f"plan.{section}": DELETE}), mode="draft")
    assert len(_l1(marked)) == len(PLAN_HEADINGS)
    assert f"〔待补：{label}〕" in marked.text()
    _assert_clean(marked, "draft")


def test_all_optional_plan_sections_removed_leave_four_sections() -> None:
    data = edit(_raw(PLAN), {"plan.materials": DELETE, "plan.division": DELETE, "plan.requirements": DELETE})
    draft = _compose_data(edit(data, {"plan.contact": DELETE}))
    _assert_clean(draft)
    assert len(_l1(draft)) == 4
    assert isinstance(draft.blocks[-2], Table)  # the agenda is now the last thing before the signature
    xml = zipfile.ZipFile(io.BytesIO(render_draft(draft, "docx"))).read("word/document.xml").decode("utf-8")
    assert xml.index("</w:tbl>") < xml.index("澄阳市政协办公室")


PLAN_REMOVALS = [
    "plan.contact",
    "plan.contact.person",
    "plan.contact.phone",
    "plan.contact.unit",
    "plan.time_text",
    "plan.duration",
    "plan.host",
    "meeting",
    "meeting.purposes",
    "meeting.approved_by",
]


@pytest.mark.parametrize("path", PLAN_REMOVALS)
def test_removing_a_plan_fact_leaves_clean_text(path: str) -> None:
    full = _compose(PLAN).text()
    draft = _compose_data(edit(_raw(PLAN), {path: DELETE}))
    assert draft.text() != full
    _assert_clean(draft)
    _assert_clean(_compose_data(edit(_raw(PLAN), {path: DELETE}), mode="draft"), "draft")


def test_draft_mode_marks_missing_plan_details() -> None:
    data = edit(_raw(PLAN), {"plan.time_text": DELETE, "plan.contact": DELETE})
    data["plan"]["materials"][0].pop("by")
    text = _compose_data(data, mode="draft").text()
    for label in ("开会时间", "联系人和联系电话", "起草单位"):
        assert f"〔待补：{label}〕" in text
    assert "〔待补" not in _compose_data(data).text()


def test_a_single_attendee_group_is_not_numbered() -> None:
    draft = _compose_data(edit(_raw(PLAN), {"plan.attendees": ["全体机关干部"]}))
    assert "\n全体机关干部。\n" in draft.text()
    assert "1.全体机关干部" not in draft.text()


# --- every variant of the families these kinds add reads cleanly -------------------------------------------


def _own_families(lib: FragmentLibrary) -> list[str]:
    return [
        f.id for f in lib.families() if f.area in ("summary", "plan") or f.id.endswith(THIRD_PERSON_SUFFIX)
    ]


def _force(data: dict[str, Any], vid: str) -> dict[str, Any]:
    lib = FragmentLibrary.load()
    chosen = {fid: vid for fid in _own_families(lib) if any(v.id == vid for v in lib.family(fid).variants)}
    return edit(data, {"document.variants": chosen})


def _all_themes_summary(intro: str, outro: str, closing: bool) -> dict[str, Any]:
    from docgen.domains.cppcc_publicity.model.tasks import TASK_THEMES

    data = _raw(SUMMARY)
    extra = [
        {"lead": f"{label}，推动工作落实", "theme": theme, "items": ["制定具体措施", "加强督促检查"]}
        for theme, label in TASK_THEMES.items()
    ]
    data["tasks"]["sections"] += extra
    data["tasks"]["sections"][0]["subscriptions"] = {"label": "两报一刊", "titles": ["rmzxb", "dlzxb"]}
    data["tasks"]["sections"][1]["deadlines"].append(
        {"what": "年度信息工作总结", "by": dt.date(2025, 12, 20), "report_to": "市政协办公室"}
    )
    data["problems"].update(intro=intro, outro=outro)
    data["summary"]["closing_text"] = closing
    return data


@pytest.mark.parametrize("vid", ["a", "b", "c", "d"])
@pytest.mark.parametrize(
    ("intro", "outro", "closing"),
    [("standard", "standard", True), ("frank", "learn_from_peers", False), ("benchmark", "next_level", True)],
)
def test_every_summary_variant_reads_cleanly(vid: str, intro: str, outro: str, closing: bool) -> None:
    for data in (
        _all_themes_summary(intro, outro, closing),
        edit(_all_themes_summary(intro, outro, closing), {"summary.lead_text": DELETE}),
    ):
        for mode in ("final", "draft"):
            draft = _compose_data(_force(data, vid), mode=mode)
            _assert_clean(draft, mode)
            assert not [w for w in FIRST_PERSON if w in draft.text()]


@pytest.mark.parametrize("vid", ["a", "b", "c"])
@pytest.mark.parametrize(
    "drop", [(), ("meeting",), ("meeting.purposes",), ("plan.duration", "plan.contact.unit")]
)
def test_every_plan_variant_reads_cleanly(vid: str, drop: tuple[str, ...]) -> None:
    data = edit(_raw(PLAN), {p: DELETE for p in drop})
    data["plan"]["materials"].append({"name": "会议签到表"})
    data["plan"]["materials"].append({"name": "会议须知", "deadline": dt.date(2024, 12, 4)})
    for mode in ("final", "draft"):
        _assert_clean(_compose_data(_force(data, vid), mode=mode), mode)
