"""Validation is the contract: a file that validates renders (issue 16, item 1).

A sampled single-field sweep over every example (``fieldsweep``; the full sweep is
``benchmarks/sweep_fields.py``), and the classes the probe found, each pinned at its line.
"""

from __future__ import annotations

import pytest
from fieldsweep import EXAMPLES, VALUE_CLASSES, dump, outcome, run, set_at

from docgen.errors import EXIT_OK, EXIT_PROBLEMS, FactsError
from docgen.load import load_yaml_text
from docgen.model.validate import validate_loaded

BY_STEM = {p.stem: p for p in EXAMPLES}


def _example(stem: str) -> object:
    return load_yaml_text(BY_STEM[stem].read_text(encoding="utf-8"), f"{stem}.yaml").data


def _problems(stem: str, loc: tuple[str | int, ...], value: object) -> list[tuple[str, str, int]]:
    text = dump(set_at(_example(stem), loc, value))
    with pytest.raises(FactsError) as err:
        validate_loaded(load_yaml_text(text, "f.yaml"))
    return [(p.path, p.code, p.line) for p in err.value.problems]


def test_a_sample_of_single_field_changes_validates_and_renders_or_is_refused() -> None:
    report = run(sample=260, seed="suite")
    assert report.runs == 260
    assert report.bad == []
    assert report.codes.get(EXIT_OK, 0) > 20 and report.codes.get(EXIT_PROBLEMS, 0) > 100


@pytest.mark.parametrize(
    ("stem", "loc"),
    [
        ("city_leadership_speech", ("achievements", "media", "total", "value")),
        ("work_summary", ("achievements", "media", "total", "value")),
        ("county_exchange_material", ("exchange", "sections", 0, "items", 0, "results", 0, "value")),
    ],
)
@pytest.mark.parametrize("value", [10**12 + 1, 10**40, -(10**12) - 1])
def test_a_count_beyond_a_trillion_is_refused_at_its_line(
    stem: str, loc: tuple[str | int, ...], value: int
) -> None:
    problems = _problems(stem, loc, value)
    path = ".".join(str(p) for p in loc if isinstance(p, str))
    assert any(code in ("too-large", "too-small") and path.split(".")[-1] in p for p, code, _ in problems)


@pytest.mark.parametrize("value", ["《》", "“”", "\u3000《》\u3000", "……"])
@pytest.mark.parametrize(
    "loc",
    [("outlets", 0, "name"), ("document", "title"), ("achievements", "media", "notable_reports", 0, "title")],
)
def test_a_hollow_name_or_title_is_refused(loc: tuple[str | int, ...], value: str) -> None:
    problems = _problems("city_leadership_speech", loc, value)
    assert "empty-text" in {code for _, code, _ in problems}, problems


def test_a_target_of_zero_is_refused_not_a_crash() -> None:
    loc = ("tasks", "sections", 0, "targets", 0, "min")
    assert outcome(dump(set_at(_example("city_leadership_speech"), loc, 0)))[0] == EXIT_PROBLEMS


def test_a_blank_optional_text_is_not_given_and_renders() -> None:
    for value in ("", "\u3000", "  "):
        text = dump(set_at(_example("city_leadership_speech"), ("document", "subtitle"), value))
        assert outcome(text)[0] in (EXIT_OK,), value


def test_a_blank_short_name_of_a_work_summary_is_refused_or_renders() -> None:
    for value in ("", "《》", "\u3000"):
        text = dump(set_at(_example("work_summary"), ("org", "short_name"), value))
        assert outcome(text)[0] in (EXIT_OK, EXIT_PROBLEMS), value


def test_every_value_class_is_exercised() -> None:
    assert set(VALUE_CLASSES) == {
        "empty",
        "book-marks",
        "quotes",
        "full-width-space",
        "zero",
        "negative",
        "huge",
        "long-text",
    }
