"""Counted values as one class (docgen.model.quantity): every count and amount of the facts model takes the same
number (integers; two-place decimals in 万/亿 units or money; the “8.6万” form), the same qualifiers and renders
through docgen.zh by GB/T 15835 — field by field, with located Chinese errors."""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Any

import pytest
from helpers import DELETE, dump, edit, line_of, minimal_speech, problems_of, validate_text

from docgen.api import compose_text
from docgen.formatdoc import model_sections
from docgen.model.quantity import is_number_annotation, quantity_fields

OWN_WECHAT = {"id": "cywx", "name": "澄阳政协", "level": "own", "type": "wechat"}
TRAINING = {"name": "全市政协宣传信息业务培训班"}
REFS = "achievements.highlights[0].refs"


def _text(changes: dict[str, Any]) -> str:
    data = edit(minimal_speech(), changes)
    return compose_text(dump(data)).text()


# (id, changes, text that must appear)
RENDERED: list[tuple[str, dict[str, Any], str]] = [
    ("total-wan-form", {"achievements.media.total": {"value": "1.2万", "unit": "篇"}}, "1.2万篇"),
    ("total-wan-yu", {"achievements.media.total": {"value": 3, "unit": "万篇", "approx": "余"}}, "3万余篇"),
    ("by-outlet-yu", {"achievements.media.by_outlet[0].approx": "余"}, "40余篇"),
    ("by-outlet-jin", {"achievements.media.by_outlet[0].approx": "近"}, "近40篇"),
    (
        "subunit-decimal",
        {"achievements.media.subunit_total": {"value": 1.5, "unit": "万篇", "by": "各县（市、区）政协"}},
        "1.5万篇",
    ),
    (
        "subunit-yi-shang",
        {"achievements.media.subunit_total": {"value": 600, "approx": "以上", "by": "各县（市、区）政协"}},
        "600篇以上",
    ),
    ("website-wan-form", {"achievements.media.website_updates": {"value": "1.2万", "unit": "条"}}, "1.2万条"),
    ("website-duo", {"achievements.media.website_updates": {"value": 900, "approx": "多"}}, "900多条"),
    (
        "posts-wan-form",
        {"outlets[2]": OWN_WECHAT, "achievements.media.new_media": [{"outlet": "cywx", "posts": "1.2万"}]},
        "1.2万条",
    ),
    (
        "reads-wan-form-jin",
        {
            "outlets[2]": OWN_WECHAT,
            "achievements.media.new_media": [{"outlet": "cywx", "reads": {"value": "38万", "approx": "近"}}],
        },
        "近38万人次",
    ),
    (
        "adopted-jin",
        {REFS: ["media", "social_opinion"], "achievements.social_opinion.adopted[0].approx": "近"},
        "近20条",
    ),
    (
        "submitted-yu",
        {REFS: ["media", "social_opinion"], "achievements.social_opinion.submitted[0].approx": "余"},
        "80余条",
    ),
    (
        "collected-wan-form",
        {
            REFS: ["media", "social_opinion"],
            "achievements.social_opinion.collected": {"value": "1.2万", "unit": "条"},
        },
        "1.2万条",
    ),
    (
        "participants-wan-form",
        {
            REFS: ["media", "trainings"],
            "achievements.trainings": [{**TRAINING, "participants": "1.2万", "participants_unit": "人次"}],
        },
        "1.2万人次",
    ),
    (
        "participants-ren-yu",
        {
            REFS: ["media", "trainings"],
            "achievements.trainings": [
                {**TRAINING, "participants": 150, "participants_unit": "人", "participants_approx": "余"}
            ],
        },
        "150余人",
    ),
    (
        "reward-wan-form",
        {"tasks.sections[0].rewards": [{"event": "被省政协采用", "amount": "0.5万", "unit": "元/条"}]},
        "0.5万元",
    ),
    (
        "reward-decimal",
        {"tasks.sections[0].rewards": [{"event": "被全国政协采用", "amount": 1.5, "unit": "万元/条"}]},
        "1.5万元",
    ),
]


@pytest.mark.parametrize(("changes", "shown"), [c[1:] for c in RENDERED], ids=[c[0] for c in RENDERED])
def test_each_counted_field_renders_decimals_wan_and_qualifiers(changes: dict[str, Any], shown: str) -> None:
    assert shown in _text(changes)


# (id, changes, code, path, needle of the reported line)
REFUSED: list[tuple[str, dict[str, Any], str, str, str]] = [
    (
        "decimal-pieces",
        {"achievements.media.by_outlet[0].count": 1.5},
        "decimal-unit",
        "achievements.media.by_outlet[0].count",
        "count: 1.5",
    ),
    (
        "decimal-then-yu",
        {"achievements.media.total": {"value": 8.6, "unit": "万篇", "approx": "余"}},
        "decimal-approx",
        "achievements.media.total.value",
        "value: 8.6",
    ),
    (
        "wan-form-then-yu",
        {"achievements.social_opinion.submitted[0]": {"to": "省政协", "count": "8.6万", "approx": "余"}},
        "decimal-approx",
        "achievements.social_opinion.submitted[0].count",
        "count: 8.6万",
    ),
    (
        "wan-twice",
        {"achievements.media.total": {"value": "1.2万", "unit": "万篇"}},
        "scale-twice",
        "achievements.media.total.value",
        "value: 1.2万",
    ),
    (
        "website-decimal",
        {"achievements.media.website_updates": {"value": 1.5, "unit": "条"}},
        "decimal-unit",
        "achievements.media.website_updates.value",
        "value: 1.5",
    ),
    (
        "three-places",
        {"achievements.media.subunit_total": {"value": 1.255, "unit": "万篇", "by": "各县政协"}},
        "too-precise",
        "achievements.media.subunit_total.value",
        "value: 1.255",
    ),
    (
        "participants-decimal",
        {"achievements.trainings": [{**TRAINING, "participants": 12.5, "participants_unit": "人"}]},
        "decimal-unit",
        "achievements.trainings[0].participants",
        "participants: 12.5",
    ),
    (
        "hanzi-count",
        {"achievements.social_opinion.adopted[0].count": "二十"},
        "not-number",
        "achievements.social_opinion.adopted[0].count",
        "count: 二十",
    ),
    (
        "bool-count",
        {"achievements.media.by_outlet[0].count": True},
        "not-number",
        "achievements.media.by_outlet[0].count",
        "count: true",
    ),
    (
        "reward-decimal-pieces",
        {"tasks.sections[0].rewards": [{"event": "被采用", "amount": 2.5, "unit": "篇"}]},
        "decimal-unit",
        "tasks.sections[0].rewards[0].amount",
        "amount: 2.5",
    ),
]


@pytest.mark.parametrize(
    ("changes", "code", "path", "needle"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_each_counted_field_refuses_with_a_located_chinese_message(
    changes: dict[str, Any], code: str, path: str, needle: str
) -> None:
    text = dump(edit(minimal_speech(), changes))
    problems = problems_of(text)
    assert [(p.code, p.path) for p in problems] == [(code, path)], [p.format() for p in problems]
    [problem] = problems
    assert problem.line == line_of(text, needle)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.message)


def test_the_wan_form_joins_the_unit() -> None:
    facts = validate_text(dump(edit(minimal_speech(), {"achievements.media.total": {"value": "8.6万", "unit": "篇"}})))
    assert facts.achievements is not None and facts.achievements.media is not None
    total = facts.achievements.media.total
    assert total is not None and (total.value, total.unit) == (Decimal("8.6"), "万篇")


def test_ordering_rules_compare_magnitudes_across_wan() -> None:
    over = {"achievements.social_opinion.adopted[0]": {"by": "省政协", "count": "1.2万", "unit": "条"}}
    data = edit(minimal_speech(), {**over, "achievements.social_opinion.collected": DELETE})
    assert [p.code for p in problems_of(dump(data))] == ["order-adopted-submitted"]
    near = {"achievements.social_opinion.adopted[0].approx": "近"}
    validate_text(dump(edit(data, near)))  # 近1.2万 is no lower bound: nothing to report
    total = {"achievements.media.total": {"value": 1, "unit": "万篇"}}
    validate_text(dump(edit(minimal_speech(), total)))
    outlet = {**total, "achievements.media.by_outlet[0].count": 12000}
    [problem] = problems_of(dump(edit(minimal_speech(), outlet)))
    assert problem.code == "order-outlet-sum" and "12000" in problem.message and "10000" in problem.message


# -- the class: every numeric field of the model is either a counted value or a named non-count number ---------

#: Integer fields that are not counted values, and why (a rank, a year, a percentage, a quota range, or a small
#: count whose unit the sentence fixes and that statistics never write with 万 or a qualifier).
NOT_COUNTED = {
    "Document.points_count": "number of points of the speech",
    "Org.subunits_count": "small count (下级单位数)",
    "Conclusion.exchange_count": "small count of speakers",
    "Summary.year": "year",
    "Members.count": "headcount of members (exact)",
    "Members.sectors": "number of sectors",
    "AgendaDone.count": "small count of speaking units",
    "MemberPublicity.featured_count": "small count of members",
    "SocialOpinion.member_share_pct": "percentage",
    "Team.propaganda_liaisons": "headcount (exact)",
    "Team.info_officers": "headcount (exact)",
    "Team.special_info_officers": "headcount (exact)",
    "Team.correspondents": "headcount (exact)",
    "Training.days": "days",
    "Honour.count": "number of honoured people",
    "Honour.year": "year",
    "Subscriptions.completion_pct": "percentage",
    "ByOutlet.front_page": "small count within a counted value (its unit)",
    "Rank.rank": "rank",
    "Rank.of": "number of ranked units",
    "Programme.episodes": "issue count (期)",
    "Programme.since": "year",
    "Column.issues": "issue count (期)",
    "Column.topics": "small count",
    "Column.members_featured": "small count",
    "OwnPublication.issues": "issue count (期)",
    "OpinionRank.rank": "rank",
    "OpinionRank.of": "number of ranked units",
    "Offices.count": "small count of platforms",
    "Target.min": "quota range (num_range)",
    "Target.max": "quota range (num_range)",
    "Target.year": "year",
}


def _all_fields() -> list[tuple[str, Any, type]]:
    return [(f"{m.__name__}.{n}", i.annotation, m) for m, _ in model_sections() for n, i in m.model_fields.items()]


def _is_int(annotation: Any) -> bool:
    args = set(typing.get_args(annotation)) or {annotation}
    return int in args and bool not in args


def test_every_numeric_field_is_a_counted_value_or_named() -> None:
    numeric = [name for name, ann, _ in _all_fields() if _is_int(ann) or is_number_annotation(ann)]
    counted = {name for name, ann, _ in _all_fields() if is_number_annotation(ann)}
    unnamed = [n for n in numeric if n not in counted and n not in NOT_COUNTED]
    assert unnamed == [], "a new numeric field: make it a counted value (Number) or name it in NOT_COUNTED"
    assert not counted & set(NOT_COUNTED)
    stale = [n for n in NOT_COUNTED if n not in numeric]
    assert stale == []


def test_every_counted_value_has_its_unit_and_qualifier() -> None:
    missing = []
    for _, _, model in _all_fields():
        for num, approx, unit in quantity_fields(model):
            where = f"{model.__name__}.{num}"
            if num == "previous":  # a comparison's previous value: exact, in its fact's unit
                continue
            if unit is None:
                missing.append(f"{where}: unit")
            if approx is None and where != "Reward.amount":  # a reward is a rule, never approximate
                missing.append(f"{where}: approx")
    assert sorted(set(missing)) == []
    named = {f"{m.__name__}.{n}" for _, _, m in _all_fields() for n, _, _ in quantity_fields(m)}
    for field in ("MediaTotal.value", "ByOutlet.count", "SubunitTotal.value", "WebsiteUpdates.value"):
        assert field in named
    assert {"Reward.amount", "Adopted.count", "Training.participants", "NewMedia.posts"} <= named


def test_check_reads_every_counted_form_back_from_an_untouched_render() -> None:
    """``docgen check`` (review comparisons) finds the 万 form, decimals and qualifiers of every counted field
    in the text it rendered: an untouched render is clean, and a changed decimal is found."""
    from docgen.api import check_bytes, render_draft

    changes: dict[str, Any] = {}
    for _id, change, _shown in RENDERED:
        if REFS in change or "outlets[2]" in change:
            continue  # these need their own refs / outlets: covered one by one above
        changes.update(change)
    changes["achievements.media.total"] = {"value": 1.2, "unit": "万篇"}
    text = dump(edit(minimal_speech(), changes))
    docx = render_draft(compose_text(text), "docx")
    result = check_bytes(docx, text)
    assert [f.message for f in result.findings] == []
    assert "1.2万篇" in compose_text(text).text()
    stale = check_bytes(docx, text.replace("value: 1.2\n", "value: 1.3\n", 1))
    assert any(f.number in ("1.2", "1.2万") for f in stale.findings), [f.message for f in stale.findings]
