"""``docgen init KIND``: the commented skeleton parses, documents every field, and guides the user to fill it."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from pathlib import Path
from typing import Any

import pytest
from helpers import problems_of, validate_text
from kindlists import ALL_KINDS, CPPCC_KINDS
from pydantic import BaseModel
from ruamel.yaml import YAML

from docgen import registry
from docgen.domains.cppcc_publicity.model.facts import Facts
from docgen.domains.cppcc_publicity.model.outlets import Outlet
from docgen.init import example_item, example_value, skeleton
from docgen.load import load_yaml_text
from docgen.model.period import Period
from docgen.model.validate import model_at
from docgen.zh import find_placeholders

EXAMPLES = Path(__file__).resolve().parent.parent / "docgen" / "domains" / "cppcc_publicity" / "examples"
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


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_skeleton_parses_as_yaml(kind: str) -> None:
    text = skeleton(kind)
    data = YAML(typ="safe", pure=True).load(text)
    assert data["document"]["kind"] == kind
    assert load_yaml_text(text, "init.yaml").data["schema_version"] == "0.1"


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_skeleton_points_the_editor_at_the_schema(kind: str) -> None:
    lines = skeleton(kind).splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./docgen.schema.json"
    first = registry.domain_of(kind) == registry.domains()[0]
    flag = "" if first else f" --domain {registry.domain_of(kind).name}"
    assert any(f"docgen schema{flag} -o docgen.schema.json" in line for line in lines[1:5])


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_skeleton_has_no_placeholder_tokens_anywhere(kind: str) -> None:
    assert find_placeholders(skeleton(kind)) == []


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_field_line_has_a_chinese_comment(kind: str) -> None:
    for number, line in _code_lines(skeleton(kind)):
        assert "  # " in line, f"line {number} has no comment: {line}"
        comment = line.split("  # ", 1)[1]
        assert re.search(r"[\u4e00-\u9fff]", comment), f"line {number}: {line}"


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_skeleton_uses_only_the_blocks_of_its_kind(kind: str) -> None:
    data = YAML(typ="safe", pure=True).load(skeleton(kind))
    assert set(data) == {"schema_version", "document", "org", *registry.kind(kind).blocks}


def _required_leaves(model: type[BaseModel], loc: tuple[str, ...] = ()) -> set[str]:
    """Paths of the required leaves reachable through required fields only (what a file must always give)."""
    out: set[str] = set()
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        sub = _inner(info.annotation)
        if sub is not None and typing.get_origin(info.annotation) is not list:
            out |= _required_leaves(sub, (*loc, name))
        else:
            out.add(".".join((*loc, name)))
    return out


#: what each kind needs beyond the always-required fields (rules.check_kind), as reported on an untouched skeleton
KIND_NEEDS = {
    "leadership_speech": {"", "document.speaker"},
    "concluding_speech": {"document.speaker", "conclusion"},
    "exchange_material": {"exchange"},
    "exchange_speech": {"document.speaker", "exchange"},
    "work_summary": {"achievements"},
    "meeting_plan": {"plan"},
}


@pytest.mark.parametrize("kind", CPPCC_KINDS)
def test_unfilled_skeleton_reports_only_the_required_fields_still_missing(kind: str) -> None:
    text = skeleton(kind)
    lines = text.splitlines()
    problems = problems_of(text, "init.yaml")
    for p in problems:
        assert p.code in ("missing-field", "kind-requires"), p.format()
        if p.path:  # on the line of its key (the root-level "one of these blocks" points at the top)
            key = [c for c in _loc(p.path) if isinstance(c, str)][-1]
            assert re.match(rf"^\s*{key}:", lines[p.line - 1]), p.format()
    prefilled = {"document.kind"}
    missing = {p.path for p in problems if p.code == "missing-field"}
    assert missing == _required_leaves(Facts) - prefilled
    assert {p.path for p in problems if p.code == "kind-requires"} == KIND_NEEDS[kind]


def test_required_document_and_org_fields_are_among_the_reported() -> None:
    paths = {p.path for p in problems_of(skeleton("leadership_speech"))}
    assert {
        "document.id",
        "document.date",
        "document.speaker",
        "org.short_name",
        "org.level",
        "org.place",
    } <= paths
    assert "document.kind" not in paths  # prefilled
    assert "document.salutation" not in paths
    assert "tasks.horizon" not in paths  # inside an optional block left untouched: not given


def _inner(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner(arg)
        if found is not None:
            return found
    return None


def _minimal(model: type[BaseModel]) -> dict[str, Any]:
    """The smallest mapping of ``model`` a user would write: its required fields from the comments' examples;
    a model without required fields gets its first list of texts that has an example."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        sub = _inner(info.annotation)
        if sub is not None:
            item = _minimal(sub)
            out[name] = [item] if typing.get_origin(info.annotation) is list else item
        else:
            found, value = example_value(model, name)
            assert found, f"no example for {model.__name__}.{name}"
            out[name] = value
    if not out:
        for name in model.model_fields:
            found, value = example_value(model, name)
            if found and isinstance(value, list) and all(isinstance(v, str) for v in value):
                return {name: value}
    return out


def _fill(text: str) -> str:
    """Fill every reported field in place, as a user would, with the examples the comments show; a block the
    kind needs is written on its key line with its required fields (the lines under it are removed)."""
    lines = text.splitlines()
    problems = problems_of(text)
    root = registry.facts_model(YAML(typ="safe", pure=True).load(text)["document"]["kind"])  # the kind's domain
    for p in problems:
        if p.code != "missing-field":
            continue
        loc = _loc(p.path)
        parent = model_at(loc[:-1], root)
        assert parent is not None, p.path
        found, value = example_value(parent, str(loc[-1]))
        assert found, f"no example for {p.path}"
        code, _, comment = lines[p.line - 1].partition("  #")
        shown = json.dumps(value, ensure_ascii=False, default=str)
        lines[p.line - 1] = re.sub(r":( \[\])?$", f": {shown}", code.rstrip()) + f"  #{comment}"
    for p in sorted((p for p in problems if p.code == "kind-requires"), key=lambda p: -p.line):
        path = p.path or "tasks"  # "at least one of achievements, situation, tasks"
        model = model_at(_loc(path), root)
        assert model is not None, path
        start = p.line - 1 if p.path else next(i for i, ln in enumerate(lines) if ln.startswith("tasks:"))
        indent = len(lines[start]) - len(lines[start].lstrip())
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        shown = json.dumps(_minimal(model), ensure_ascii=False, default=str)
        lines[start:end] = [f"{' ' * indent}{path.rsplit('.', 1)[-1]}: {shown}"]
    filled = "\n".join(lines) + "\n"
    outlets = json.dumps(EXAMPLE_OUTLETS, ensure_ascii=False)
    return re.sub(r"^outlets: \[\]", f"outlets: {outlets}", filled, flags=re.MULTILINE)


@pytest.mark.parametrize("kind", CPPCC_KINDS)
def test_filled_skeleton_validates(kind: str) -> None:
    facts = validate_text(_fill(skeleton(kind)))
    assert facts.document.kind == kind


@pytest.mark.parametrize("kind", CPPCC_KINDS)
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
