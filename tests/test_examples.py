"""Every example in docgen/domains/cppcc_publicity/examples is valid, invented and free of placeholder tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from kindlists import CPPCC_KINDS

from docgen.model.validate import load_facts
from docgen.zh import find_placeholders

EXAMPLES = Path(__file__).resolve().parent.parent / "docgen" / "domains" / "cppcc_publicity" / "examples"
FILES = sorted(EXAMPLES.glob("*.yaml"))


def test_there_is_an_example_for_every_kind() -> None:
    kinds = {load_facts(path).document.kind for path in FILES}
    assert kinds == set(CPPCC_KINDS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_validates(path: Path) -> None:
    facts = load_facts(path)
    assert facts.document.id


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_says_it_is_invented(path: Path) -> None:
    head = path.read_text(encoding="utf-8").split("\nschema_version", 1)[0]
    assert "虚构" in head


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_example_has_no_placeholder_even_in_comments(path: Path) -> None:
    assert find_placeholders(path.read_text(encoding="utf-8")) == []


def test_example_ids_are_unique() -> None:
    ids = [load_facts(path).document.id for path in FILES]
    assert len(ids) == len(set(ids))


def test_full_city_speech_fills_every_block_of_its_kind() -> None:
    from docgen import registry

    facts = load_facts(EXAMPLES / "city_leadership_speech.yaml")
    empty = [name for name in sorted(registry.kind("leadership_speech").blocks) if getattr(facts, name) in (None, [])]
    assert empty == []
    assert facts.achievements is not None
    ach = facts.achievements
    empty_ach = [
        name
        for name in type(ach).model_fields
        if name not in ("groups", "heading", "qualitative_ok") and getattr(ach, name) in (None, [], {})
    ]
    assert empty_ach == []
