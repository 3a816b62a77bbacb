"""The JSON Schema of a facts file: valid draft 2020-12, accepts every example, rejects broken data."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from ruamel.yaml import YAML

from docgen.schema import SCHEMA_DIALECT, json_schema, schema_text

EXAMPLES = Path(__file__).resolve().parent.parent / "docgen" / "domains" / "cppcc_publicity" / "examples"
FILES = sorted(EXAMPLES.glob("*.yaml"))


def _as_json(node: Any) -> Any:
    """What an editor's YAML plugin hands the schema: dates as ISO strings."""
    if isinstance(node, dict):
        return {str(k): _as_json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_json(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def _load(path: Path) -> Any:
    return _as_json(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema())


def _errors(validator: Draft202012Validator, data: Any) -> list[tuple[str, str]]:
    """(path, failing keyword) of each error, looking inside ``anyOf`` (optional blocks) for the real cause."""
    out = []
    for error in validator.iter_errors(data):
        leaf = best_match([error])
        out.append((leaf.json_path, str(leaf.validator)))
    return sorted(out)


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"]
    assert "事实" in schema["title"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in schema["description"])


def test_schema_rejects_unknown_keys_everywhere() -> None:
    schema = json_schema()
    assert schema["additionalProperties"] is False
    open_models = [name for name, d in schema["$defs"].items() if d.get("additionalProperties") is not False]
    assert open_models == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_schema_accepts_example(validator: Draft202012Validator, path: Path) -> None:
    assert _errors(validator, _load(path)) == []


def test_schema_rejects_broken_facts(validator: Draft202012Validator) -> None:
    data = _load(EXAMPLES / "city_leadership_speech.yaml")
    broken = copy.deepcopy(data)
    broken["achievments"] = {}
    broken["achievements"]["media"]["total"]["value"] = "一百多"
    broken["document"]["kind"] = "speech"
    del broken["org"]["place"]
    assert _errors(validator, broken) == [
        ("$", "additionalProperties"),
        ("$.achievements.media.total.value", "pattern"),
        ("$.document.kind", "enum"),
        ("$.org", "required"),
    ]


def test_schema_accepts_null_approx_like_the_model(validator: Draft202012Validator) -> None:
    data = _load(EXAMPLES / "city_leadership_speech.yaml")
    data["achievements"]["media"]["subunit_total"]["approx"] = None
    assert _errors(validator, data) == []
    data["achievements"]["media"]["subunit_total"]["approx"] = "左右"
    assert _errors(validator, data) == [("$.achievements.media.subunit_total.approx", "enum")]


def test_schema_text_is_deterministic_sorted_json() -> None:
    text = schema_text()
    assert text == schema_text()
    assert text.endswith("}\n")
    assert "发稿总数" in text  # Chinese kept, not \\u escaped
    assert json.loads(text) == json_schema()
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def test_json_schema_returns_a_fresh_dict() -> None:
    first = json_schema()
    first["title"] = "changed"
    assert json_schema()["title"] != "changed"
