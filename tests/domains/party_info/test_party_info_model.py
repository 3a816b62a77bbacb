"""The 党政信息工作 model: located Chinese errors for bad fields, the cross-field rules, dated political wording,
and the `docgen init` skeletons of its kinds."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from helpers import DELETE, dump, edit, line_of
from pi_helpers import KINDS, minimal_speech, minimal_summary, problems_of, validate_text

from docgen.init import skeleton


def _one(data: dict[str, Any]) -> tuple[str, Any]:
    text = dump(data)
    problems = problems_of(text)
    assert len(problems) == 1, [p.format() for p in problems]
    return text, problems[0]


def test_the_minimal_files_validate() -> None:
    assert validate_text(dump(minimal_speech())).results is not None
    assert validate_text(dump(minimal_summary())).document.kind == "info_work_summary"


@pytest.mark.parametrize(
    ("path", "value", "needle", "code"),
    [
        ("results.submitted.count", -3, "count: -3", "greater_than_equal"),
        ("results.submitted.count", 10**13, "count: 10000000000000", "docgen-too-large"),
        ("results.adopted[0].by", "", "by:", "missing-field"),
        ("results.ranks", [{"scope": "全市", "rank": 0}], "rank: 0", "greater_than_equal"),
        ("results.publications", [{"name": "《》", "count": 3}], "name: 《》", "empty-text"),
        ("problems", {"items": [{"code": "laziness"}]}, "code: laziness", "literal_error"),
        ("situation", {"themes": ["decisions"]}, "- decisions", "literal_error"),
        ("tasks.sections[0].theme", "quick", "theme: quick", "literal_error"),
        ("results.network", {"direct_points": 1.5}, "direct_points: 1.5", "int_from_float"),
        ("closing", {"family": "thanks"}, "family: thanks", "literal_error"),
    ],
)
def test_a_bad_field_is_reported_in_chinese_on_its_line(
    path: str, value: Any, needle: str, code: str
) -> None:
    text, p = _one(edit(minimal_speech(), {path: value}))
    assert p.line == line_of(text, needle)
    assert re.search(r"[\u4e00-\u9fff]", p.message), p.format()
    assert p.path.startswith(path.split("[")[0].split(".")[0])


def test_an_unknown_key_is_refused_with_its_name() -> None:
    text, p = _one(edit(minimal_speech(), {"results.submited": {"count": 3}}))
    assert p.line == line_of(text, "submited:")
    assert "submited" in p.message


@pytest.mark.parametrize(
    ("changes", "code", "needle"),
    [
        ({"results.adopted[0].count": 900}, "order-adopted", "count: 900"),
        ({"results.ranks": [{"scope": "全市", "rank": 12, "of": 9}]}, "order-rank", "rank: 12"),
        ({"results.adopted[1]": {"by": "市委", "count": 3}}, "duplicate-item", "by: 市委"),
        ({"problems": {"items": [{"code": "team"}, {"code": "team"}]}}, "duplicate-item", "code: team"),
        ({"tasks.sections[1].theme": "accurate"}, "duplicate-item", "theme: accurate"),
        ({"tasks.horizon": "后年"}, "bad-horizon", "horizon:"),
        ({"tasks.horizon": "2024年"}, "date-horizon-past", "horizon:"),
        ({"period.end": dt.date(2025, 12, 31)}, "date-period-after-document", "end:"),
        (
            {
                "tasks.sections[1].time_limits": [
                    {"event": "较大突发事件", "phone": 2, "phone_unit": "小时", "written": 60}
                ]
            },
            "order-time-limit",
            "phone: 2",
        ),
        ({"situation": {"political_context": "pi_pc_2023"}}, "political-invalid", "political_context:"),
        ({"closing": {"guiding_thought": "pi_pc_2025"}}, "political-invalid", "guiding_thought:"),
        ({"document.speaker": DELETE}, "kind-requires", "document:"),
        ({"results": DELETE, "tasks": DELETE}, "kind-requires", ""),
        ({"summary": {"year": 2025}}, "block-not-for-kind", "summary:"),
    ],
)
def test_cross_field_rules_are_located(changes: dict[str, Any], code: str, needle: str) -> None:
    text = dump(edit(minimal_speech(), changes))
    problems = problems_of(text)
    hits = [p for p in problems if p.code == code]
    assert hits, [p.format() for p in problems]
    assert re.search(r"[\u4e00-\u9fff]", hits[0].message)
    if needle:
        assert hits[0].line == line_of(text, needle, nth=2 if code == "duplicate-item" else 1)


def test_adopted_may_exceed_an_approximate_lower_bound_but_not_an_exact_total() -> None:
    ok = edit(minimal_speech(), {"results.submitted.approx": "余", "results.adopted[0].count": 510})
    assert validate_text(dump(ok)).results is not None


def test_political_wording_valid_on_the_document_date_passes() -> None:
    data = edit(
        minimal_speech(),
        {"situation": {"political_context": "pi_pc_2025"}, "closing": {"guiding_thought": "pi_gt_2025"}},
    )
    assert validate_text(dump(data)).situation is not None


def test_the_summary_needs_results() -> None:
    problems = problems_of(dump(edit(minimal_summary(), {"results": DELETE, "tasks": DELETE})))
    assert [p.path for p in problems if p.code == "kind-requires"] == ["results"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_untouched_skeleton_reports_only_required_fields(kind: str) -> None:
    text = skeleton(kind)
    problems = problems_of(text, "init.yaml")
    assert problems
    assert {p.code for p in problems} <= {"missing-field", "kind-requires"}, [p.format() for p in problems]
    assert {"document.id", "document.date", "org.short_name", "org.level", "org.place"} <= {
        p.path for p in problems
    }
    lines = text.splitlines()
    for p in problems:
        if p.path:
            key = re.findall(r"[A-Za-z_]+", p.path)[-1]
            assert re.match(rf"^\s*{key}:", lines[p.line - 1]), p.format()


@pytest.mark.parametrize("kind", KINDS)
def test_the_skeleton_speaks_chinese_and_lists_only_its_blocks(kind: str) -> None:
    text = skeleton(kind)
    assert "虚构" not in text.split("\n", 3)[0]
    assert "results:" in text
    assert ("closing:" in text) == (kind == "info_leadership_speech")
    assert ("summary:" in text) == (kind == "info_work_summary")
    assert "--domain party_info" in text
    # the shared org fields a general office never says are left out of its skeletons
    for key in ("members:", "term:", "upper_bodies:", "party_group:", "chair_meeting:", "province:"):
        assert not re.search(rf"^\s+{key}", text, re.MULTILINE), key


def test_org_fields_the_domain_never_says_are_warned_about() -> None:
    from docgen.api import compose_text

    data = edit(minimal_speech(), {"org.province": "东岚省"})
    draft = compose_text(dump(data))
    warned = {n.path for n in draft.notices if n.code == "unused-fact"}
    assert "org.province" in warned


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("members", {"count": 200, "sectors": 20}),
        ("term", {"ordinal": "十"}),
        ("upper_bodies", {"provincial": "省政协"}),
        ("chair_meeting", "区政协主席会议"),
    ],
)
def test_org_fields_of_another_domain_are_unknown_keys(key: str, value: Any) -> None:
    """The 政协 fields live in the built-in domain's own Org: here they are unknown keys, at their line."""
    text, problem = _one(edit(minimal_speech(), {f"org.{key}": value}))
    assert (problem.code, problem.path) == ("unknown-key", f"org.{key}")
    assert f"未知字段“{key}”" in problem.message
    assert problem.line == line_of(text, f"{key}:")


EMPTY_FIELDS = """\
results:
  heading:
  leads:
  submitted:
    count: 300
    approx:
    to:
    previous:
  adopted: []
  instructions:
  emergency:
  network:
    covers: ""
problems:
  items: []
situation:
closing:
  addressees:
  local_goal:
"""


def test_optional_fields_written_empty_are_left_out_and_the_file_renders() -> None:
    from docgen.api import compose_text

    head = dump({k: v for k, v in minimal_speech().items() if k not in ("results",)})
    text = head + EMPTY_FIELDS
    facts = validate_text(text)
    assert facts.results is not None and facts.results.submitted is not None
    assert facts.results.submitted.to is None and facts.situation is None
    for mode in ("final", "draft"):
        draft = compose_text(text, mode=mode)  # type: ignore[arg-type]
        assert [n.format() for n in draft.notices if n.code.startswith("quality-")] == []
        assert "300条" in draft.text()


def test_the_largest_values_that_validate_render() -> None:
    from docgen.api import compose_text, render_draft

    long_title = "关于" + "基层信息网络建设情况" * 400 + "的报告"
    data = edit(
        minimal_speech(),
        {
            "results.submitted.count": 10**12,
            "results.adopted[0].count": 10**12,
            "results.ranks": [{"scope": "全国", "rank": 10_000, "of": 100_000}],
            "results.cases": [{"title": long_title}],
            "results.network": {"direct_points": 1_000_000, "trained": 10_000_000},
            "tasks.sections[0].targets": [{"who": "各乡镇", "min": 1_000_000}],
            "tasks.sections[1].time_limits": [{"event": "突发事件", "phone": 10_000, "written": 10_000}],
        },
    )
    text = dump(data)
    validate_text(text)
    draft = compose_text(text)
    assert "1000000000000条" in draft.text()
    assert render_draft(draft, "docx")[:2] == b"PK"
