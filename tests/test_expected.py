"""Draft mode shows what is missing: every fact a complete draft of the kind expects is marked 〔待补：…〕 when
it is absent, whether left out or written empty; final mode drops it silently."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from helpers import dump
from kindlists import ALL_KINDS, CPPCC_KINDS

from docgen import registry
from docgen.api import compose_text
from docgen.load import load_yaml
from docgen.model.salvage import model_at

EXAMPLES = Path(__file__).resolve().parent.parent / "docgen" / "domains" / "cppcc_publicity" / "examples"
EXAMPLE_OF = {
    "leadership_speech": "city_leadership_speech.yaml",
    "concluding_speech": "concluding_speech.yaml",
    "exchange_material": "county_exchange_material.yaml",
    "exchange_speech": "exchange_speech.yaml",
    "work_summary": "work_summary.yaml",
    "meeting_plan": "meeting_plan.yaml",
}
CASES = [(kind, e.path, e.label) for kind in CPPCC_KINDS for e in registry.kind(kind).expected]
#: the other fields that give the same fact (an exchange speech's meeting named by document.occasion)
OR_EACH = {(kind, e.path): e.or_each for kind in CPPCC_KINDS for e in registry.kind(kind).expected}


def _drop(node: Any, names: list[str]) -> None:
    """Remove the field at ``names`` below ``node``, in every item of each list on the way."""
    if isinstance(node, list):
        for item in node:
            _drop(item, names)
    elif isinstance(node, dict) and names:
        if len(names) == 1:
            node.pop(names[0], None)
        else:
            _drop(node.get(names[0]), names[1:])


def test_every_kind_declares_its_expected_facts_on_real_fields() -> None:
    for kind in ALL_KINDS:
        items = registry.kind(kind).expected
        assert items, kind
        for e in items:
            *parents, name = e.path.split(".")
            model = model_at(tuple(parents), registry.facts_model(kind))
            assert model is not None and name in model.model_fields, (kind, e.path)


def _example(kind: str) -> dict[str, Any]:
    return copy.deepcopy(load_yaml(EXAMPLES / EXAMPLE_OF[kind]).data)


def _set(data: dict[str, Any], path: str, how: str) -> None:
    """Leave the fact out or write it empty; as a clerk would, drop the highlights and comparisons citing it."""
    if path.startswith("achievements."):
        block = path.split(".")[1]
        ach = data["achievements"]
        for key, cites in (("highlights", "refs"), ("comparisons", "ref")):
            items = ach.get(key, [])
            ach[key] = [i for i in items if not any(str(r).startswith(block) for r in _as_list(i[cites]))]
    *parents, name = path.split(".")
    node = data
    for p in parents:
        node = node.setdefault(p, {})
    if how == "empty":
        node[name] = None
    else:
        node.pop(name, None)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("how", ["left-out", "empty"])
@pytest.mark.parametrize(("kind", "path", "label"), CASES, ids=[f"{k}:{p}" for k, p, _ in CASES])
def test_draft_marks_an_absent_expected_fact(kind: str, path: str, label: str, how: str) -> None:
    data = _example(kind)
    complete = compose_text(dump({**data, "document": {**data["document"], "mode": "draft"}}))
    assert label not in "".join(s.text for b in complete.blocks for s in getattr(b, "segments", ()) if s.role == "todo")
    _set(data, path, how)
    for other in OR_EACH[(kind, path)]:
        _drop(data, other.split("."))
    data["document"]["mode"] = "draft"
    draft = compose_text(dump(data))
    todo = [s for b in draft.blocks for s in getattr(b, "segments", ()) if s.role == "todo"]
    assert any(label in s.text for s in todo) or any(
        any(p == path or p.startswith(path + ".") for p in s.paths) for s in todo
    )
    data["document"]["mode"] = "final"
    final = compose_text(dump(data))
    assert "〔待补" not in final.text()


def test_an_absent_block_is_marked_in_place() -> None:
    data = _example("leadership_speech")
    del data["problems"], data["situation"]
    data["document"]["mode"] = "draft"
    draft = compose_text(dump(data))
    lines = draft.text().splitlines()
    at = lines.index("〔待补：存在问题、形势与认识〕——完整文稿应有的事实，定稿前补齐。")
    assert lines[at + 1].startswith("二、")  # where problems and situation stand: before the tasks
    assert lines[at - 1].startswith("在这里，我代表")  # after the achievements and thanks
    assert lines[3] == "同志们："
    codes = [(n.code, n.path) for n in draft.notices if n.code == "expected-fact"]
    assert codes == [("expected-fact", "problems"), ("expected-fact", "situation")]


def test_an_absent_closing_is_marked_after_the_tasks() -> None:
    data = _example("leadership_speech")
    del data["closing"]
    data["document"]["mode"] = "draft"
    lines = compose_text(dump(data)).text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("〔待补：结尾〕"))
    assert lines[at - 1].startswith(("此外", "（")) and at > lines.index(next(x for x in lines if x.startswith("二、")))


def test_markers_at_several_places_carry_the_note_once() -> None:
    data = _example("leadership_speech")
    del data["situation"], data["closing"]
    data["document"]["mode"] = "draft"
    draft = compose_text(dump(data))
    lines = [x for x in draft.text().splitlines() if x.startswith("〔待补：")]
    assert lines[0] == "〔待补：形势与认识〕——完整文稿应有的事实，定稿前补齐。"
    assert lines[1] == "〔待补：结尾〕"
    assert not [n for n in draft.notices if n.code == "quality-repeat"]
