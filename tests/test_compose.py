"""Composition of the leadership speech: genre rules, missing facts, determinism, snapshots."""

from __future__ import annotations

import copy
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import positive_ints
from ruamel.yaml import YAML

from docgen.api import compose_loaded
from docgen.draft import Draft, Heading, Paragraph
from docgen.errors import FactsError
from docgen.lint import draft_lines, lint_lines
from docgen.load import load_yaml, load_yaml_text
from docgen.zh import find_placeholders

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))
SPEECHES = [p for p in EXAMPLES if "kind: leadership_speech" in p.read_text(encoding="utf-8")]
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"


def _compose(path: Path, mode: str | None = None) -> Draft:
    return compose_loaded(load_yaml(path), mode=mode)  # type: ignore[arg-type]


def _compose_data(data: dict[str, Any], mode: str | None = None) -> Draft:
    buf = __import__("io").StringIO()
    YAML().dump(data, buf)
    return compose_loaded(load_yaml_text(buf.getvalue(), "test.yaml"), mode=mode)  # type: ignore[arg-type]


def _lint_input(draft: Draft) -> list[tuple[str, str]]:
    return draft_lines(draft)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？；：])", text) if len(s) > 10]


def _raw(path: Path) -> dict[str, Any]:
    return copy.deepcopy(load_yaml(path).data)


@pytest.fixture(params=[p.name for p in SPEECHES])
def speech(request: pytest.FixtureRequest) -> Path:
    return ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / request.param


def test_there_are_speech_examples() -> None:
    assert CITY in SPEECHES
    assert len(SPEECHES) >= 2


@pytest.mark.parametrize("mode", ["final", "draft"])
def test_composed_text_matches_snapshot(speech: Path, mode: str, snapshot: Any) -> None:
    assert _compose(speech, mode).text() == snapshot


@pytest.mark.parametrize("mode", ["final", "draft"])
def test_no_placeholder_token_in_any_output(speech: Path, mode: str) -> None:
    text = _compose(speech, mode).text()
    assert find_placeholders(text) == []
    if mode == "final":
        assert "〔待补" not in text


@pytest.mark.parametrize("mode", ["final", "draft"])
def test_generated_text_passes_the_conventions_lint(speech: Path, mode: str) -> None:
    findings = lint_lines(_lint_input(_compose(speech, mode)), mode=mode)  # type: ignore[arg-type]
    assert [f.format() for f in findings] == []


def test_no_sentence_appears_twice(speech: Path) -> None:
    sents = _sentences(_compose(speech).text())
    dupes = {s for s in sents if sents.count(s) > 1}
    assert dupes == set()


def test_neighbouring_points_do_not_open_with_the_same_words(speech: Path) -> None:
    paras = [b for b in _compose(speech).blocks if isinstance(b, Paragraph)]
    for a, b in itertools.pairwise(paras):
        la, lb = a.segments[0], b.segments[0]
        if la.role == lb.role and la.role in ("l2_lead", "l3_lead"):
            assert la.text[2:8] != lb.text[2:8], (la.text, lb.text)


def test_points_announced_equal_level_one_sections(speech: Path) -> None:
    draft = _compose(speech)
    n = sum(1 for b in draft.blocks if isinstance(b, Heading) and b.level == 1)
    cn = "一两三四五"[n - 1] + "点" if n <= 5 else "几点"
    assert f"讲{cn}意见" in draft.text()


def test_level_one_headings_are_numbered_in_order(speech: Path) -> None:
    nums = [b.number for b in _compose(speech).blocks if isinstance(b, Heading) and b.level == 1]
    assert nums == [f"{c}、" for c in "一二三四五六七八九十"[: len(nums)]]


def _ints(node: Any) -> list[int]:
    return positive_ints(
        node, frozenset({"previous", "year", "since", "rank", "of", "completion_pct", "members_featured"})
    )


def test_every_counted_fact_appears_with_its_number() -> None:
    data = _raw(CITY)
    text = _compose(CITY).text()
    missing = [n for n in _ints(data["achievements"]) if not re.search(rf"(?<!\d){n}(?!\d)", text)]
    assert missing == []


def test_comparison_is_computed_from_previous_value() -> None:
    data = _raw(CITY)
    total = data["achievements"]["media"]["total"]["value"]
    comp = next(c for c in data["achievements"]["comparisons"] if c["ref"] == "media.total")
    pct = (total - comp["previous"]) / comp["previous"] * 100
    expected = f"{pct:.1f}".rstrip("0").rstrip(".")
    assert f"增长{expected}%" in _compose(CITY).text()


OPTIONAL_PATHS = [
    ("meeting",),
    ("meeting", "agenda_done"),
    ("meeting", "approved_by"),
    ("attribution",),
    ("thanks",),
    ("problems",),
    ("situation",),
    ("situation", "political_context"),
    ("situation", "themes"),
    ("tasks",),
    ("tasks", "special_events"),
    ("closing",),
    ("achievements", "media", "total"),
    ("achievements", "media", "by_outlet"),
    ("achievements", "media", "ranks"),
    ("achievements", "media", "subunit_total"),
    ("achievements", "media", "notable_reports"),
    ("achievements", "media", "programmes"),
    ("achievements", "media", "columns"),
    ("achievements", "media", "own_publications"),
    ("achievements", "media", "new_media"),
    ("achievements", "media", "website_updates"),
    ("achievements", "media", "firsts"),
    ("achievements", "campaigns"),
    ("achievements", "member_publicity"),
    ("achievements", "social_opinion", "collected"),
    ("achievements", "social_opinion", "bulletin"),
    ("achievements", "social_opinion", "submitted"),
    ("achievements", "social_opinion", "adopted"),
    ("achievements", "social_opinion", "instructions"),
    ("achievements", "social_opinion", "notable"),
    ("achievements", "social_opinion", "ranks"),
    ("achievements", "grassroots"),
    ("achievements", "team"),
    ("achievements", "trainings"),
    ("achievements", "honours"),
    ("achievements", "culture_history"),
    ("achievements", "subscriptions"),
    ("achievements", "mechanisms"),
    ("achievements", "comparisons"),
]


def _remove(data: dict[str, Any], path: tuple[str, ...]) -> None:
    node = data
    for k in path[:-1]:
        node = node[k]
    node.pop(path[-1], None)
    ach = data.get("achievements")
    if ach is None:
        return
    if path[0] == "achievements":
        dotted = ".".join(path[1:])
        for h in ach.get("highlights", []):
            h["refs"] = [r for r in h["refs"] if r != dotted and not r.startswith(dotted + ".")]
        ach["highlights"] = [h for h in ach.get("highlights", []) if h["refs"]]
        ach["comparisons"] = [c for c in ach.get("comparisons", []) if not c["ref"].startswith(dotted)]
    # drop refs that now point at emptied blocks
    for h in ach.get("highlights", []):
        h["refs"] = [r for r in h["refs"] if _nonempty(ach, r)]
    ach["highlights"] = [h for h in ach.get("highlights", []) if h["refs"]]


def _nonempty(ach: dict[str, Any], ref: str) -> bool:
    node: Any = ach
    for part in ref.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return node not in (None, [], {}, "")


@pytest.mark.parametrize("path", OPTIONAL_PATHS, ids=[".".join(p) for p in OPTIONAL_PATHS])
def test_removing_a_fact_block_removes_its_sentences_cleanly(path: tuple[str, ...]) -> None:
    full = _compose(CITY).text()
    data = _raw(CITY)
    data["document"]["points_count"] = "auto"
    _remove(data, path)
    draft = _compose_data(data)
    text = draft.text()
    assert len(text) < len(full)
    assert find_placeholders(text) == []
    assert [f.format() for f in lint_lines(_lint_input(draft), mode="final")] == []
    assert "None" not in text


def test_draft_mode_marks_a_missing_expected_fact() -> None:
    data = _raw(CITY)
    del data["achievements"]["media"]["total"]
    data["achievements"]["comparisons"] = [
        c for c in data["achievements"]["comparisons"] if c["ref"] != "media.total"
    ]
    draft = _compose_data(data, mode="draft")
    todos = [s for b in draft.blocks if isinstance(b, Paragraph) for s in b.segments if s.role == "todo"]
    assert todos and all(s.text.startswith("〔待补：") for s in todos)
    final = _compose_data(data, mode="final").text()
    assert "〔待补" not in final


def test_declared_points_count_must_match_sections() -> None:
    data = _raw(CITY)
    data["document"]["points_count"] = 5
    with pytest.raises(FactsError) as err:
        _compose_data(data)
    (p,) = err.value.problems
    assert p.code == "points-mismatch" and p.path == "document.points_count"


def test_more_than_five_sections_say_jidian() -> None:
    data = _raw(CITY)
    sec = data["tasks"]["sections"]
    data["tasks"] = {
        "horizon": data["tasks"]["horizon"],
        "groups": [{"heading": f"第{i}部分任务的标题", "sections": [s]} for i, s in enumerate(sec, 1)],
    }
    draft = _compose_data(data)
    assert "讲几点意见" in draft.text()


def test_composition_is_deterministic() -> None:
    assert _compose(CITY).text() == _compose(CITY).text()


def test_variant_override_is_honoured() -> None:
    data = _raw(CITY)
    data["document"]["variants"] = {"OPN-transition": "c"}
    assert "供大家参考" in _compose_data(data).text()


def test_data_values_are_never_evaluated_as_templates() -> None:
    data = _raw(CITY)
    data["attribution"] = ["{{ org }}的支持", "A&B<c>各方的配合"]
    text = _compose_data(data).text()
    assert "{{ org }}的支持" in text and "A&B<c>" in text and "市政协的支持" not in text


def test_county_style_uses_arabic_level_two_numbers() -> None:
    county = [p for p in SPEECHES if p != CITY]
    text = _compose(county[0]).text()
    assert re.search(r"^1\.", text, re.M)
    assert "（一）" not in text


def test_city_example_document_xml_matches_snapshot(snapshot: Any) -> None:
    """The rendered city speech, normalised (rsid attributes removed, pretty-printed), pinned as XML."""
    import zipfile
    from io import BytesIO

    from lxml import etree

    from docgen.api import render_draft

    data = render_draft(_compose(CITY), "docx")
    root = etree.fromstring(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))
    for el in root.iter():
        for k in [k for k in el.attrib if etree.QName(k).localname.startswith("rsid")]:
            del el.attrib[k]
    etree.indent(root, space="  ")
    assert etree.tostring(root, encoding="unicode") == snapshot


@pytest.mark.parametrize(
    "placement", ["end_of_achievements", "own_section", "in_situation", "preamble", "omit"]
)
def test_problems_placement_is_honoured(placement: str) -> None:
    data = _raw(CITY)
    data["document"]["problems_placement"] = placement
    data["document"]["points_count"] = "auto"
    draft = _compose_data(data)
    blocks = draft.blocks
    first_problem = next(
        (
            i
            for i, b in enumerate(blocks)
            if isinstance(b, Paragraph) and any("problems.items[0]" in s.paths for s in b.segments)
        ),
        None,
    )
    headings = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    if placement == "omit":
        assert first_problem is None
        return
    assert first_problem is not None
    owner = max((h for h in headings if h[0] < first_problem), default=None, key=lambda h: h[0])
    if placement == "preamble":
        assert owner is None
    elif placement == "own_section":
        assert owner is not None and owner[1].paths == ("problems",) and len(headings) == 4
    elif placement == "in_situation":
        assert owner is not None and owner[1].paths == ("situation",)
    else:
        assert owner is not None and owner[1].paths == ("achievements",)
    assert [f.format() for f in lint_lines(_lint_input(draft), mode="final")] == []


def test_section_order_is_honoured() -> None:
    data = _raw(CITY)
    data["document"]["section_order"] = ["opening", "situation", "achievements", "tasks", "closing"]
    heads = [b.paths for b in _compose_data(data).blocks if isinstance(b, Heading) and b.level == 1]
    assert heads[:2] == [("situation",), ("achievements",)]
