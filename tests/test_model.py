"""The facts model: every validator and cross-field rule, each with a failing and a passing case.

Every case goes through the public path (YAML text -> ``load_yaml_text`` -> ``validate_facts``) and checks
the problem's code, data path and line, so a rule that stops firing, fires on good data, or points at the
wrong line fails here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import DELETE, dump, edit, line_of, minimal_exchange, minimal_speech, problems_of, validate_text

from docgen.api import validate_facts
from docgen.domains.cppcc_publicity.model.rules import check_rules
from docgen.errors import Problem
from docgen.load import load_yaml

INVALID = Path(__file__).parent / "invalid"

GROUP = {"heading": "新闻宣传工作", "highlights": [{"lead": "围绕中心大局精准发声", "refs": ["media"]}]}
TASK_GROUP = {
    "heading": "突出重点，进一步提升政协宣传工作水平",
    "sections": [{"lead": "突出宣传重点，体现政协特色", "theme": "focus"}],
}


@dataclass
class Case:
    id: str
    code: str
    path: str
    needle: str  # text on the line the problem must point at
    fail: dict[str, Any]
    ok: dict[str, Any]
    nth: int = 1
    base: str = "speech"
    says: str = ""  # a fragment the message must contain

    def data(self, changes: dict[str, Any]) -> dict[str, Any]:
        start = minimal_speech() if self.base == "speech" else minimal_exchange()
        return edit(start, changes)


RULE_CASES = [
    Case(
        "speech-needs-speaker",
        "kind-requires",
        "document.speaker",
        "document:",
        fail={"document.speaker": DELETE},
        ok={},
    ),
    Case(
        "speech-needs-salutation",
        "kind-requires",
        "document.salutation",
        "document:",
        fail={"document.salutation": DELETE},
        ok={"document.salutation": "各位委员，同志们"},
    ),
    Case(
        "exchange-needs-exchange",
        "kind-requires",
        "exchange",
        "schema_version:",
        fail={"document.kind": "exchange_speech", "achievements": DELETE, "tasks": DELETE},
        ok={
            "document.kind": "exchange_speech",
            "achievements": DELETE,
            "tasks": DELETE,
            "exchange": minimal_exchange()["exchange"],
        },
    ),
    Case(
        "block-not-for-kind",
        "block-not-for-kind",
        "tasks",
        "tasks:",
        base="exchange",
        fail={"tasks": {"horizon": "2025年"}},
        ok={"period": {"kind": "multi_year", "start": dt.date(2022, 1, 1), "end": dt.date(2024, 10, 31)}},
    ),
    Case(
        "duplicate-outlet-id",
        "duplicate-id",
        "outlets[2].id",
        "id: rmzxb",
        nth=2,
        fail={"outlets[2]": {"id": "rmzxb", "name": "人民政协网", "level": "national", "type": "website"}},
        ok={"outlets[2]": {"id": "rmzxw", "name": "人民政协网", "level": "national", "type": "website"}},
    ),
    Case(
        "unknown-outlet-did-you-mean",
        "unknown-outlet",
        "achievements.media.by_outlet[0].outlet",
        "outlet: dlzxbb",
        says="是否应为“dlzxb”",
        fail={"achievements.media.by_outlet[0].outlet": "dlzxbb"},
        ok={"achievements.media.by_outlet[0].outlet": "rmzxb"},
    ),
    Case(
        "unknown-outlet-in-task-titles",
        "unknown-outlet",
        "tasks.sections[0].subscriptions.titles[1]",
        "- cyrb",
        fail={"tasks.sections[0].subscriptions": {"label": "两报一刊", "titles": ["rmzxb", "cyrb"]}},
        ok={"tasks.sections[0].subscriptions": {"label": "两报一刊", "titles": ["rmzxb", "dlzxb"]}},
    ),
    Case(
        "bad-ref",
        "bad-ref",
        "achievements.highlights[0].refs[0]",
        "- medias",
        says="是否应为“media”",
        fail={"achievements.highlights[0].refs": ["medias"]},
        ok={"achievements.highlights[0].refs": ["media"]},
    ),
    Case(
        "empty-ref",
        "empty-ref",
        "achievements.highlights[0].refs[1]",
        "- campaigns",
        fail={"achievements.highlights[0].refs": ["media", "campaigns"]},
        ok={
            "achievements.highlights[0].refs": ["media", "campaigns"],
            "achievements.campaigns": [{"name": "城乡生活垃圾分类专题视察活动", "type": "inspection"}],
        },
    ),
    Case(
        "bad-comparison-ref",
        "bad-comparison-ref",
        "achievements.comparisons[0].ref",
        "ref: media.totals",
        fail={
            "achievements.comparisons": [{"ref": "media.totals", "previous": 80, "previous_period": "去年"}]
        },
        ok={"achievements.comparisons": [{"ref": "media.total", "previous": 80, "previous_period": "去年"}]},
    ),
    Case(
        "submitted-over-collected",
        "order-submitted-collected",
        "achievements.social_opinion.submitted[0].count",
        "count: 201",
        fail={"achievements.social_opinion.submitted[0].count": 201},
        ok={"achievements.social_opinion.submitted[0].count": 200},
    ),
    Case(
        "adopted-over-submitted",
        "order-adopted-submitted",
        "achievements.social_opinion.adopted[0].count",
        "count: 81",
        fail={"achievements.social_opinion.adopted[0].count": 81},
        ok={"achievements.social_opinion.adopted[0].count": 80},
    ),
    Case(
        "adopted-over-collected",
        "order-adopted-collected",
        "achievements.social_opinion.adopted[1].count",
        "count: 201",
        fail={"achievements.social_opinion.adopted[1]": {"by": "全国政协", "count": 201, "unit": "条"}},
        ok={"achievements.social_opinion.adopted[1]": {"by": "全国政协", "count": 200, "unit": "条"}},
    ),
    Case(
        "media-rank-over-of",
        "order-rank",
        "achievements.media.ranks[0].rank",
        "rank: 17",
        fail={"achievements.media.ranks": [{"metric": "发稿量", "scope": "全省", "rank": 17, "of": 16}]},
        ok={"achievements.media.ranks": [{"metric": "发稿量", "scope": "全省", "rank": 16, "of": 16}]},
    ),
    Case(
        "opinion-rank-over-of",
        "order-rank",
        "achievements.social_opinion.ranks[0].rank",
        "rank: 33",
        fail={"achievements.social_opinion.ranks": [{"scope": "全省", "rank": 33, "of": 32}]},
        ok={"achievements.social_opinion.ranks": [{"scope": "全省", "rank": 3, "of": 32}]},
    ),
    Case(
        "front-page-over-count",
        "order-front-page",
        "achievements.media.by_outlet[0].front_page",
        "front_page: 41",
        fail={"achievements.media.by_outlet[0].front_page": 41},
        ok={"achievements.media.by_outlet[0].front_page": 40},
    ),
    Case(
        "outlet-sum-over-total",
        "order-outlet-sum",
        "achievements.media.total.value",
        "value: 100",
        fail={"achievements.media.by_outlet[1]": {"outlet": "rmzxb", "count": 61}},
        ok={"achievements.media.by_outlet[1]": {"outlet": "rmzxb", "count": 60}},
    ),
    Case(
        "selected-over-collected",
        "order-selected",
        "achievements.culture_history[0].selected.value",
        "value: 51",
        fail={
            "achievements.culture_history": [
                {"title": "澄阳老字号", "collected": {"value": 50}, "selected": {"value": 51}}
            ]
        },
        ok={
            "achievements.culture_history": [
                {"title": "澄阳老字号", "collected": {"value": 50}, "selected": {"value": 50}}
            ]
        },
    ),
    Case(
        "target-min-over-max",
        "order-target-range",
        "tasks.sections[0].targets[0].min",
        "min: 5",
        fail={"tasks.sections[0].targets": [{"metric": "上稿", "min": 5, "max": 3}]},
        ok={"tasks.sections[0].targets": [{"metric": "上稿", "min": 3, "max": 3}]},
    ),
    Case(
        "period-start-after-end",
        "date-period-order",
        "period.start",
        "start: 2024-12-01",
        fail={"period.start": dt.date(2024, 12, 1)},
        ok={"period.start": dt.date(2024, 11, 30)},
    ),
    Case(
        "period-after-document",
        "date-period-after-document",
        "period.end",
        "end: 2024-12-07",
        fail={"period.end": dt.date(2024, 12, 7)},
        ok={"period.end": dt.date(2024, 12, 6)},
    ),
    Case(
        "unreadable-horizon",
        "bad-horizon",
        "tasks.horizon",
        "horizon: 下个阶段",
        fail={"tasks.horizon": "下个阶段"},
        ok={"tasks.horizon": "明年"},
    ),
    Case(
        "horizon-in-the-past",
        "date-horizon-past",
        "tasks.horizon",
        "horizon: 2023年",
        fail={"tasks.horizon": "2023年"},
        ok={"tasks.horizon": "2024年"},
    ),
    Case(
        "target-outside-horizon",
        "date-target-horizon",
        "tasks.sections[0].targets[0].year",
        "year: 2026",
        fail={"tasks.sections[0].targets": [{"metric": "上稿", "min": 2, "year": 2026}]},
        ok={"tasks.sections[0].targets": [{"metric": "上稿", "min": 2, "year": 2025}]},
    ),
    Case(
        "deadline-before-document",
        "date-deadline-past",
        "tasks.sections[0].deadlines[0].by",
        "by: 2024-12-05",
        fail={"tasks.sections[0].deadlines": [{"what": "书面报告", "by": dt.date(2024, 12, 5)}]},
        ok={"tasks.sections[0].deadlines": [{"what": "书面报告", "by": dt.date(2024, 12, 6)}]},
    ),
    Case(
        "deadline-after-horizon",
        "date-deadline-horizon",
        "tasks.sections[0].deadlines[0].by",
        "by: 2026-01-01",
        fail={"tasks.sections[0].deadlines": [{"what": "书面报告", "by": dt.date(2026, 1, 1)}]},
        ok={"tasks.sections[0].deadlines": [{"what": "书面报告", "by": dt.date(2025, 12, 31)}]},
    ),
    Case(
        "event-date-outside-horizon",
        "date-event-horizon",
        "tasks.special_events[0].start",
        "start: 2026-03-01",
        fail={"tasks.special_events": [{"name": "专题培训班", "when": "3月", "start": dt.date(2026, 3, 1)}]},
        ok={"tasks.special_events": [{"name": "专题培训班", "when": "3月", "start": dt.date(2025, 3, 1)}]},
    ),
    Case(
        "event-text-outside-horizon",
        "date-event-horizon",
        "tasks.special_events[0].when",
        "when: 2026年3月",
        fail={"tasks.special_events": [{"name": "专题培训班", "when": "2026年3月"}]},
        ok={"tasks.special_events": [{"name": "专题培训班", "when": "2025年3月"}]},
    ),
    Case(
        "groups-need-by-domain",
        "groups-need-by-domain",
        "achievements.presentation",
        "presentation: themed_points",
        fail={
            "achievements.highlights": DELETE,
            "achievements.presentation": "themed_points",
            "achievements.groups": [GROUP],
        },
        ok={
            "achievements.highlights": DELETE,
            "achievements.presentation": "by_domain",
            "achievements.groups": [GROUP],
        },
    ),
    Case(
        "highlights-and-groups",
        "highlights-and-groups",
        "achievements.groups",
        "groups:",
        fail={"achievements.presentation": "by_domain", "achievements.groups": [GROUP]},
        ok={
            "achievements.presentation": "by_domain",
            "achievements.groups": [GROUP],
            "achievements.highlights": DELETE,
        },
    ),
    Case(
        "tasks-both-forms",
        "tasks-both-forms",
        "tasks.groups",
        "groups:",
        fail={"tasks.groups": [TASK_GROUP]},
        ok={"tasks.groups": [TASK_GROUP], "tasks.sections": DELETE},
    ),
    Case(
        "duplicate-section",
        "duplicate-section",
        "document.section_order[2]",
        "- opening",
        nth=2,
        fail={"document.section_order": ["opening", "achievements", "opening"]},
        ok={"document.section_order": ["opening", "achievements", "tasks"]},
    ),
    Case(
        "duplicate-theme",
        "duplicate-item",
        "situation.themes[1].code",
        "code: guidance",
        nth=2,
        fail={"situation.themes": [{"code": "guidance"}, {"code": "guidance"}]},
        ok={"situation.themes": [{"code": "guidance"}, {"code": "storytelling"}]},
    ),
    Case(
        "political-context-out-of-date",
        "political-invalid",
        "situation.political_context",
        "political_context: pc_2023_standard",
        says="已过期",
        fail={"situation.political_context": "pc_2023_standard"},
        ok={"situation.political_context": "pc_2024_standard"},
    ),
    Case(
        "guiding-thought-unknown",
        "political-invalid",
        "closing.guiding_thought",
        "guiding_thought: gt_1999_standard",
        says="不存在",
        fail={"closing.guiding_thought": "gt_1999_standard"},
        ok={"closing.guiding_thought": "gt_2024_standard"},
    ),
    Case(
        "unknown-fragment-family",
        "unknown-fragment-family",
        "document.variants.pc_2042_standard",
        "pc_2042_standard: a",
        fail={"document.variants": {"pc_2042_standard": "a"}},
        ok={"document.variants": {"pc_2024_standard": "a"}},
    ),
    Case(
        "unknown-variant",
        "unknown-variant",
        "document.variants.pc_2024_standard",
        "pc_2024_standard: z",
        fail={"document.variants": {"pc_2024_standard": "z"}},
        ok={"document.variants": {"pc_2024_standard": "b"}},
    ),
]

FIELD_CASES = [
    Case(
        "unknown-key-suggestion",
        "unknown-key",
        "achievments",
        "achievments:",
        says="是否应为“achievements”",
        fail={"achievments": {"highlights": []}},
        ok={"achievements.highlights[1]": {"lead": "多方联动", "refs": ["media"]}},
    ),
    Case(
        "unknown-nested-key",
        "unknown-key",
        "org.shortname",
        "shortname:",
        says="是否应为“short_name”",
        fail={"org.shortname": "市政协"},
        ok={"org.short_name": "县政协"},
    ),
    Case(
        "text-for-number",
        "not-number",
        "achievements.media.total.value",
        "value: 很多",
        fail={"achievements.media.total.value": "很多"},
        ok={"achievements.media.total.value": 120},
    ),
    Case(
        "impossible-date",
        "bad-date",
        "document.date",
        "date: '2024-13-45'",
        fail={"document.date": "2024-13-45"},
        ok={"document.date": dt.date(2024, 12, 31)},
    ),
    Case(
        "text-for-bool",
        "not-bool",
        "document.thank_you_line",
        "thank_you_line: 是的",
        fail={"document.thank_you_line": "是的"},
        ok={"document.thank_you_line": True},
    ),
    Case(
        "text-for-list",
        "not-list",
        "outlets",
        "outlets: 人民政协报",
        fail={"outlets": "人民政协报", "achievements.media.by_outlet": DELETE},
        ok={"achievements.media.by_outlet": DELETE},
    ),
    Case(
        "text-for-mapping",
        "not-mapping",
        "period",
        "period: 今年以来",
        fail={"period": "今年以来"},
        ok={"period": DELETE},
    ),
    Case(
        "bad-choice",
        "bad-choice",
        "org.level",
        "level: town",
        says="county",
        fail={"org.level": "town"},
        ok={"org.level": "county"},
    ),
    Case(
        "negative-count",
        "too-small",
        "achievements.media.total.value",
        "value: -1",
        fail={"achievements.media.total.value": -1},
        ok={"achievements.media.total.value": 40},
    ),
    Case(
        "percent-over-100",
        "too-large",
        "achievements.social_opinion.member_share_pct",
        "member_share_pct: 101",
        fail={"achievements.social_opinion.member_share_pct": 101},
        ok={"achievements.social_opinion.member_share_pct": 100},
    ),
    Case(
        "outlet-id-format",
        "bad-format",
        "outlets[1].id",
        "id: 1dl",
        fail={"outlets[1].id": "1dl", "achievements.media.by_outlet": DELETE},
        ok={"outlets[1].id": "dl1", "achievements.media.by_outlet": DELETE},
    ),
    Case(
        "missing-required-key",
        "missing-field",
        "org.place",
        "org:",
        says="地名",
        fail={"org.place": DELETE},
        ok={"org.place": "青禾"},
    ),
    Case(
        "required-left-empty",
        "missing-field",
        "org.short_name",
        "short_name: null",
        says="尚未填写",
        fail={"org.short_name": None},
        ok={"org.short_name": "区政协"},
    ),
    Case(
        "empty-required-list",
        "too-few",
        "exchange.sections",
        "sections: []",
        base="exchange",
        fail={"exchange.sections": []},
        ok={},
    ),
    Case(
        "empty-id", "empty-text", "document.id", "id: ''", fail={"document.id": ""}, ok={"document.id": "t"}
    ),
]


def _check(case: Case) -> None:
    text = dump(case.data(case.fail))
    problems = problems_of(text)
    found = [p for p in problems if p.code == case.code]
    assert len(found) == 1, "\n".join(p.format() for p in problems)
    problem = found[0]
    assert problem.path == case.path
    assert problem.line == line_of(text, case.needle, case.nth), text
    assert case.says in problem.message
    assert problem.file == "facts.yaml"
    validate_text(dump(case.data(case.ok)))  # the near miss is valid


@pytest.mark.parametrize("case", RULE_CASES, ids=lambda c: c.id)
def test_cross_field_rule_fails_and_passes(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", FIELD_CASES, ids=lambda c: c.id)
def test_field_error_is_translated_and_located(case: Case) -> None:
    _check(case)


def test_every_rule_code_has_a_case() -> None:
    root = Path(__file__).parent.parent / "docgen"
    files = (
        root / "domains" / "cppcc_publicity" / "model" / "rules.py",
        root / "model" / "kindcheck.py",
        root / "model" / "libcheck.py",
        root / "model" / "period.py",
    )
    source = "".join(p.read_text(encoding="utf-8") for p in files)
    codes = set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source))
    tested = {c.code for c in RULE_CASES} | {"date-event-order"}  # date-event-order: its own test below
    assert len(codes) >= 30, sorted(codes)
    assert codes <= tested, sorted(codes - tested)


def test_event_start_after_end_is_reported() -> None:
    event = {"name": "专题培训班", "when": "3月", "start": dt.date(2025, 3, 9), "end": dt.date(2025, 3, 8)}
    text = dump(edit(minimal_speech(), {"tasks.special_events": [event]}))
    [problem] = problems_of(text)
    assert (problem.code, problem.path, problem.line) == (
        "date-event-order",
        "tasks.special_events[0].start",
        line_of(text, "start: 2025-03-09"),
    )
    event["end"] = dt.date(2025, 3, 9)
    validate_text(dump(edit(minimal_speech(), {"tasks.special_events": [event]})))


def test_minimal_inputs_are_valid() -> None:
    assert validate_text(dump(minimal_speech())).document.kind == "leadership_speech"
    assert validate_text(dump(minimal_exchange())).document.kind == "exchange_material"


def test_rules_run_on_the_parts_that_validated() -> None:
    # an ordering problem and a type problem together: both reported at once, sorted by line
    data = edit(minimal_speech(), {"achievements.media.by_outlet[0].front_page": 41, "org.level": "town"})
    text = dump(data)
    problems = problems_of(text)
    assert [(p.code, p.line) for p in problems] == [
        ("bad-choice", line_of(text, "level: town")),
        ("order-front-page", line_of(text, "front_page: 41")),
    ]


def test_a_rule_on_a_refused_part_is_held_back() -> None:
    # the speaker is refused field by field: "a speech needs a speaker" would only repeat it
    text = dump(edit(minimal_speech(), {"document.speaker": "林远航"}))
    assert [p.code for p in problems_of(text)] == ["not-mapping"]


def test_rules_see_list_items_after_a_refused_item_at_their_own_index() -> None:
    outlets = minimal_speech()["outlets"]
    bad = {"id": "zz", "name": "某报", "level": "galactic", "type": "newspaper"}
    data = edit(minimal_speech(), {"outlets": [bad, *outlets, {**outlets[0]}]})
    text = dump(data)
    problems = problems_of(text)
    codes = [(p.code, p.path) for p in problems]
    assert ("bad-choice", "outlets[0].level") in codes
    assert ("duplicate-id", f"outlets[{len(outlets) + 1}].id") in codes


def test_rules_do_not_run_without_a_usable_kind() -> None:
    data = edit(minimal_speech(), {"document.kind": "speech", "achievements.media.by_outlet[0].front_page": 41})
    assert [p.code for p in problems_of(dump(data))] == ["bad-choice"]


def test_optional_field_written_empty_is_left_out() -> None:
    facts = validate_text(dump(edit(minimal_speech(), {"document.heading_style": None})))
    assert facts.document.heading_style == "standard"


def test_rules_module_is_clean_on_a_valid_model() -> None:
    facts = validate_text(dump(minimal_speech()))
    assert check_rules(facts) == []


# ---------------------------------------------------------------------------------------------------------
# placeholder tokens

PLACEHOLDERS = ["×", "××", "xx", "XX", "xxx", "**", "*", "20xx", "20**", "某某", "第×"]


@pytest.mark.parametrize("token", PLACEHOLDERS)
def test_placeholder_token_is_rejected_with_its_path(token: str) -> None:
    title = f"在{token}年全市政协宣传信息工作会议上的讲话"
    text = dump(edit(minimal_speech(), {"document.title": title}))
    [problem] = problems_of(text)
    assert (problem.code, problem.path) == ("placeholder", "document.title")
    assert problem.line == line_of(text, "title:")
    assert f"“{token}" in problem.message


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("achievements.highlights[0].lead", "聚焦××主题集中发声"),
        ("tasks.sections[0].items[0]", "每位委员全年报送xx条信息"),
        ("org.place", "某某"),
        ("outlets[1].name", "×日报"),
    ],
)
def test_placeholder_is_found_at_any_depth(path: str, value: str) -> None:
    text = dump(edit(minimal_speech(), {path: value}))
    problems = problems_of(text)
    assert [(p.code, p.path) for p in problems] == [("placeholder", path)]
    assert problems[0].line == line_of(text, value)


@pytest.mark.parametrize(
    "title",
    ["在全市政协宣传信息工作会议上的讲话", "2024年度工作总结", "第三次会议", "Excel 表格和 xxl 码"],
)
def test_ordinary_text_is_not_a_placeholder(title: str) -> None:
    validate_text(dump(edit(minimal_speech(), {"document.title": title})))


def test_several_placeholders_are_all_reported() -> None:
    data = edit(
        minimal_speech(), {"org.place": "××", "document.title": "20xx年讲话", "attribution": ["某某的支持"]}
    )
    problems = problems_of(dump(data))
    assert sorted(p.path for p in problems) == ["attribution[0]", "document.title", "org.place"]


# ---------------------------------------------------------------------------------------------------------
# normalisation


def test_book_title_marks_are_stripped_from_names() -> None:
    data = edit(
        minimal_speech(),
        {
            "outlets[0].name": "《人民政协报》",
            "achievements.media.programmes": [{"name": "《协商面对面》", "partner": "dlzxb"}],
            "achievements.culture_history": [{"title": " 《澄阳老字号》 "}],
        },
    )
    facts = validate_text(dump(data))
    assert facts.outlets[0].name == "人民政协报"
    assert facts.achievements is not None and facts.achievements.media is not None
    assert facts.achievements.media.programmes[0].name == "协商面对面"
    assert facts.achievements.culture_history[0].title == "澄阳老字号"


def test_names_without_marks_are_kept() -> None:
    facts = validate_text(dump(minimal_speech()))
    assert [o.name for o in facts.outlets] == ["人民政协报", "东岚政协报"]


@pytest.mark.parametrize(
    "path", ["achievements.media.total.approx", "achievements.social_opinion.collected.approx"]
)
def test_null_approx_means_exact(path: str) -> None:
    facts = validate_text(dump(edit(minimal_speech(), {path: None})))
    assert facts.achievements is not None and facts.achievements.media is not None
    assert facts.achievements.media.total is not None
    assert facts.achievements.media.total.approx == ""


def test_bad_approx_is_rejected() -> None:
    text = dump(edit(minimal_speech(), {"achievements.media.total.approx": "左右"}))
    [problem] = problems_of(text)
    assert (problem.code, problem.path, problem.line) == (
        "bad-choice",
        "achievements.media.total.approx",
        line_of(text, "approx: 左右"),
    )


# ---------------------------------------------------------------------------------------------------------
# tests/invalid: whole reports pinned, lines checked against "# expect: code" markers

INVALID_FILES = sorted(INVALID.glob("*.yaml"))
_EXPECT = re.compile(r"#\s*expect:\s*([a-z\-, ]+)$")


def _report(path: Path) -> list[Problem]:
    from docgen.errors import FactsError

    loaded = load_yaml(path)
    with pytest.raises(FactsError) as caught:
        validate_facts(loaded)
    return caught.value.problems


def _relative(path: Path) -> Path:
    return path.relative_to(Path(__file__).parent)


def test_invalid_files_exist() -> None:
    assert len(INVALID_FILES) >= 2


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_invalid_file_report_is_pinned(path: Path, snapshot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).parent)
    problems = _report(_relative(path))
    assert "\n".join(p.format() for p in problems) == snapshot


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_invalid_file_problems_point_at_marked_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    expected: dict[int, list[str]] = {}
    for number, line in enumerate(lines, start=1):
        match = _EXPECT.search(line)
        if match:
            expected[number] = sorted(c.strip() for c in match.group(1).split(",") if c.strip())
    actual: dict[int, list[str]] = {}
    for problem in _report(path):
        actual.setdefault(problem.line, []).append(problem.code)
    assert {k: sorted(v) for k, v in actual.items()} == expected


def test_invalid_files_cover_the_promised_problem_kinds() -> None:
    seen = {p.code for path in INVALID_FILES for p in _report(path)}
    promised = {
        "unknown-key",
        "placeholder",
        "not-int",
        "bad-date",
        "missing-field",
        "unknown-outlet",
        "order-adopted-submitted",
        "order-front-page",
    }
    assert promised <= seen, sorted(promised - seen)


def test_a_misspelt_key_is_not_also_reported_as_the_field_it_misses() -> None:
    data = minimal_speech()
    data["document"]["salutaton"] = data["document"].pop("salutation")
    [problem] = problems_of(dump(data))
    assert (problem.code, problem.path) == ("unknown-key", "document.salutaton")
    assert "salutation" in problem.message
