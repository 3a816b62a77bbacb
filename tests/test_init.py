"""``docgen init KIND``: the commented skeleton parses, documents every field, and guides the user to fill it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import problems_of, validate_text
from ruamel.yaml import YAML

from docgen.init import example_item, example_value, skeleton
from docgen.load import load_yaml_text
from docgen.model import KINDS
from docgen.model.outlets import Outlet
from docgen.model.period import Period
from docgen.model.rules import KIND_BLOCKS
from docgen.model.validate import field_at, model_at
from docgen.zh import find_placeholders

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
EXAMPLE_OF = {
    "leadership_speech": "city_leadership_speech.yaml",
    "concluding_speech": "concluding_speech.yaml",
    "exchange_material": "county_exchange_material.yaml",
    "exchange_speech": "exchange_speech.yaml",
    "work_summary": "work_summary.yaml",
    "meeting_plan": "meeting_plan.yaml",
}
# the outlet ids the skeleton's examples refer to
EXAMPLE_OUTLETS = [
    {"id": "rmzxb", "name": "人民政协报", "level": "national", "type": "newspaper"},
    {"id": "dlzxb", "name": "东岚政协报", "level": "provincial", "type": "newspaper"},
    {"id": "dlzxzz", "name": "东岚政协", "level": "provincial", "type": "magazine"},
    {"id": "cytv", "name": "澄阳广播电视台", "level": "city", "type": "tv"},
    {"id": "cyzx", "name": "澄阳政协", "level": "own", "type": "magazine"},
    {"id": "cyzxwx", "name": "澄阳政协发布", "level": "own", "type": "wechat"},
]
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_KEY_LINE = re.compile(r"^\s*(?:- )?([A-Za-z_][A-Za-z0-9_]*):(.*)$")


def _loc(path: str) -> tuple[str | int, ...]:
    return tuple(int(i) if i else k for k, i in _STEP.findall(path))


def _code_lines(text: str) -> list[tuple[int, str]]:
    """(number, line) of every line that is not blank and not wholly a comment."""
    return [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _code(line: str) -> str:
    return line.split("  #", 1)[0].rstrip()


@pytest.mark.parametrize("kind", KINDS)
def test_skeleton_parses_as_yaml(kind: str) -> None:
    text = skeleton(kind)
    data = YAML(typ="safe", pure=True).load(text)
    assert data["document"]["kind"] == kind
    assert load_yaml_text(text, "init.yaml").data["schema_version"] == "0.1"


@pytest.mark.parametrize("kind", KINDS)
def test_skeleton_points_the_editor_at_the_schema(kind: str) -> None:
    lines = skeleton(kind).splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./docgen.schema.json"
    assert any("docgen schema -o docgen.schema.json" in line for line in lines[1:5])


@pytest.mark.parametrize("kind", KINDS)
def test_skeleton_has_no_placeholder_tokens_anywhere(kind: str) -> None:
    assert find_placeholders(skeleton(kind)) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_line_has_a_chinese_comment(kind: str) -> None:
    for number, line in _code_lines(skeleton(kind)):
        assert "  # " in line, f"line {number} has no comment: {line}"
        comment = line.split("  # ", 1)[1]
        assert re.search(r"[\u4e00-\u9fff]", comment), f"line {number}: {line}"


@pytest.mark.parametrize("kind", KINDS)
def test_skeleton_uses_only_the_blocks_of_its_kind(kind: str) -> None:
    data = YAML(typ="safe", pure=True).load(skeleton(kind))
    assert set(data) == {"schema_version", "document", "org"} | KIND_BLOCKS[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_unfilled_skeleton_reports_each_required_field_on_its_line(kind: str) -> None:
    text = skeleton(kind)
    lines = text.splitlines()
    problems = problems_of(text, "init.yaml")
    for p in problems:
        assert p.code in ("missing-field", "too-few"), p.format()
        key = [c for c in _loc(p.path) if isinstance(c, str)][-1]
        assert re.match(rf"^\s*{key}:", lines[p.line - 1]), p.format()
        info = field_at(_loc(p.path))
        assert info is not None and info.is_required(), p.format()
    # and conversely: every required leaf left empty (or []) is reported
    numbers = [n for n, _ in _code_lines(text)]
    empty_required = set()
    for i, (number, line) in enumerate(_code_lines(text)):
        match = _KEY_LINE.match(_code(line))
        if not match or "【必填" not in line or match.group(2).strip() not in ("", "[]"):
            continue
        nxt = _code_lines(text)[i + 1][1] if i + 1 < len(numbers) else ""
        is_header = len(nxt) - len(nxt.lstrip()) > len(line) - len(line.lstrip())
        if not is_header:
            empty_required.add(number)
    assert {p.line for p in problems} == empty_required


def test_required_document_and_org_fields_are_among_the_reported() -> None:
    paths = {p.path for p in problems_of(skeleton("leadership_speech"))}
    assert {
        "document.id",
        "document.date",
        "document.speaker.role",
        "org.short_name",
        "org.level",
        "org.place",
        "tasks.horizon",
    } <= paths
    assert "document.kind" not in paths  # prefilled
    assert "document.salutation" not in paths


def _fill(text: str) -> str:
    """Fill every reported field in place, as a user would, with the examples the comments show."""
    lines = text.splitlines()
    for p in problems_of(text):
        loc = _loc(p.path)
        parent = model_at(loc[:-1])
        assert parent is not None, p.path
        found, value = example_value(parent, str(loc[-1]))
        item = model_at(loc)
        if p.code == "too-few" and item is not None:  # a required list of mappings: one example item
            found, value = True, [example_item(item)]
        assert found, f"no example for {p.path}"
        code, _, comment = lines[p.line - 1].partition("  #")
        shown = json.dumps(value, ensure_ascii=False, default=str)
        lines[p.line - 1] = re.sub(r":( \[\])?$", f": {shown}", code.rstrip()) + f"  #{comment}"
    filled = "\n".join(lines) + "\n"
    outlets = json.dumps(EXAMPLE_OUTLETS, ensure_ascii=False)
    return re.sub(r"^outlets: \[\]", f"outlets: {outlets}", filled, flags=re.MULTILINE)


@pytest.mark.parametrize("kind", KINDS)
def test_filled_skeleton_validates(kind: str) -> None:
    facts = validate_text(_fill(skeleton(kind)))
    assert facts.document.kind == kind


@pytest.mark.parametrize("kind", KINDS)
def test_skeleton_documents_every_key_the_example_uses(kind: str) -> None:
    text = skeleton(kind)
    example = YAML(typ="safe", pure=True).load((EXAMPLES / EXAMPLE_OF[kind]).read_text(encoding="utf-8"))

    def keys(node: Any) -> set[str]:
        if isinstance(node, dict):
            return set(node) | {k for v in node.values() for k in keys(v)}
        if isinstance(node, list):
            return {k for v in node for k in keys(v)}
        return set()

    missing = sorted(k for k in keys(example) if not re.search(rf"(^|[\s#-]){k}:", text, re.MULTILINE))
    assert missing == []


def test_skeleton_shows_every_outlet_field_in_its_example_item() -> None:
    text = skeleton("leadership_speech")
    block = text.split("\noutlets: []", 1)[1].split("\nachievements:", 1)[0]
    for name in Outlet.model_fields:
        assert f" {name}:" in block


def test_example_item_validates_as_that_model() -> None:
    assert Outlet.model_validate(example_item(Outlet)).id == "dlzxb"


def test_skeleton_is_deterministic() -> None:
    assert skeleton("work_summary") == skeleton("work_summary")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="未知文种"):
        skeleton("speech")


def test_date_examples_are_dates() -> None:
    assert example_value(Period, "start") == (True, dt.date(2024, 1, 1))
    assert "start: 2025-05-01" in skeleton("leadership_speech")  # unquoted, so YAML reads a date
