"""Empty means not given: every optional field of the schema, written empty (``key:``), is the same as the
field left out — the file stays valid and the field takes its default.  A required field written empty stays
an error."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import dump, line_of, minimal_speech, problems_of, validate_text
from pydantic import BaseModel

from docgen.domains.cppcc_publicity.model.facts import Facts
from docgen.errors import FactsError
from docgen.load import load_yaml
from docgen.model.salvage import inner_models
from docgen.schema import json_schema

# smallest first: the test validates the first example that holds the field's model
EXAMPLES = sorted(
    (Path(__file__).resolve().parent.parent / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size
)
Loc = tuple[str | int, ...]


def _models(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    if model.__name__ not in seen:
        seen[model.__name__] = model
        for info in model.model_fields.values():
            for sub in inner_models(info.annotation):
                _models(sub, seen)
    return seen


MODELS = _models(Facts, {})
OPTIONAL = [
    (name, field)
    for name, model in MODELS.items()
    for field, info in model.model_fields.items()
    if not info.is_required()
]


def _instances(model: type[BaseModel], node: Any, loc: Loc = ()) -> Iterator[tuple[str, Loc]]:
    """(model name, location) of every mapping the examples hold, walking the model alongside the data."""
    if not isinstance(node, dict):
        return
    yield model.__name__, loc
    for name, info in model.model_fields.items():
        sub = inner_models(info.annotation)
        if name not in node or not sub:
            continue
        value = node[name]
        for i, item in enumerate(value) if isinstance(value, list) else [(None, value)]:
            yield from _instances(sub[0], item, (*loc, name) if i is None else (*loc, name, i))


EXAMPLE_DATA = {p.name: load_yaml(p).data for p in EXAMPLES}
INSTANCES: dict[str, list[tuple[str, Loc]]] = {}
for _file, _data in EXAMPLE_DATA.items():
    for _name, _loc in _instances(Facts, _data):
        INSTANCES.setdefault(_name, []).append((_file, _loc))


def _at(data: Any, loc: Loc) -> Any:
    for comp in loc:
        data = data[comp]
    return data


def _valid(data: dict[str, Any]) -> bool:
    try:
        validate_text(dump(data))
    except FactsError:
        return False
    return True


def test_every_model_appears_in_an_example() -> None:
    assert sorted(MODELS) == sorted(INSTANCES)
    assert len(OPTIONAL) > 200


@pytest.mark.parametrize(("model", "field"), OPTIONAL, ids=[f"{m}.{f}" for m, f in OPTIONAL])
def test_optional_field_written_empty_is_valid_and_takes_its_default(model: str, field: str) -> None:
    """In the first example where leaving the field out gives a valid file, writing it empty does too, and the
    validated value is the field's default; where no file stays valid without it, both give the same report."""
    for file, loc in INSTANCES[model]:
        left_out = copy.deepcopy(EXAMPLE_DATA[file])
        _at(left_out, loc).pop(field, None)
        if not _valid(left_out):  # e.g. a block a highlight refers to: try the next place the model appears
            continue
        empty = copy.deepcopy(EXAMPLE_DATA[file])
        _at(empty, loc)[field] = None
        text = dump(empty)
        assert f"{field}:" in text
        facts = validate_text(text)
        value: Any = facts
        for comp in loc:
            value = value[comp] if isinstance(comp, int) else getattr(value, comp)
        info = MODELS[model].model_fields[field]
        assert getattr(value, field) == info.get_default(call_default_factory=True, validated_data={})
        return
    # nowhere valid without it (a block the highlights refer to): empty and left out give the same report
    file, loc = INSTANCES[model][0]
    left_out, empty = copy.deepcopy(EXAMPLE_DATA[file]), copy.deepcopy(EXAMPLE_DATA[file])
    _at(left_out, loc).pop(field, None)
    _at(empty, loc)[field] = None
    reports = [[(p.code, p.path) for p in problems_of(dump(d))] for d in (left_out, empty)]
    assert reports[0] == reports[1] != []


def test_required_field_written_empty_stays_an_error() -> None:
    data = minimal_speech()
    data["org"]["place"] = None
    text = dump(data)
    [problem] = problems_of(text)
    assert (problem.code, problem.path, problem.line) == ("missing-field", "org.place", line_of(text, "place:"))
    assert "尚未填写" in problem.message


def test_an_optional_block_whose_fields_are_all_empty_is_not_given() -> None:
    data = minimal_speech()
    data["org"]["term"] = {"ordinal": None, "since": None}
    assert validate_text(dump(data)).org.term is None


def test_schema_shows_every_optional_field_as_nullable() -> None:
    schema = json_schema()
    for model, field in OPTIONAL:
        prop = (schema if model == "Facts" else schema["$defs"][model])["properties"][field]
        alts = prop.get("anyOf", [prop])
        nullable = any(a.get("type") == "null" or None in a.get("enum", ()) for a in alts)
        assert nullable, f"{model}.{field}: {prop}"


def _speech_with(path: Loc, value: Any) -> dict[str, Any]:
    data = minimal_speech()
    node = data
    for comp in path[:-1]:
        node = node.setdefault(comp, {}) if isinstance(comp, str) else node[comp]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize("empty", [None, "", "　", [], {}], ids=["null", "blank", "fullwidth-space", "list", "map"])
@pytest.mark.parametrize(
    "path",
    [
        ("document", "title"),  # text
        ("document", "points_count"),  # a choice or a number
        ("org", "subunits_count"),  # a number
        ("period",),  # a block
        ("meeting", "assessment"),  # a choice
        ("tasks", "special_events"),  # a list
        ("closing",),  # a block
    ],
    ids=lambda p: ".".join(map(str, p)),
)
def test_every_way_of_writing_empty_is_the_field_left_out(path: Loc, empty: Any) -> None:
    """``key:``, ``key: null``, ``key: ""``, ``key: []`` and ``key: {}`` are all "not given", whatever the
    field's type: the file validates and composes exactly as without the key."""
    left_out = minimal_speech()
    node: Any = left_out
    for comp in path[:-1]:
        node = node.get(comp, {})
    if isinstance(node, dict):
        node.pop(path[-1], None)
    written = _speech_with(path, empty)
    assert validate_text(dump(written)).model_dump() == validate_text(dump(left_out)).model_dump()


@pytest.mark.parametrize("blank", [None, "", "  ", []], ids=["null", "blank", "spaces", "list"])
def test_a_block_whose_every_field_is_written_empty_is_the_block_left_out(blank: Any) -> None:
    """``closing: {family: ""}`` is no closing block (its default family is not silently chosen), and
    ``meeting: {name: ""}`` is no meeting (not an error about its required name) — as with ``null``."""
    data = _speech_with(("closing",), {"family": blank, "local_goal": blank})
    data["meeting"] = {"name": blank, "purposes": blank}
    facts = validate_text(dump(data))
    assert (facts.closing, facts.meeting) == (None, None)
