"""Validation never loads the fragment library; the step that reads it is handed the library."""

from __future__ import annotations

import pytest
from helpers import dump, edit, minimal_speech

from docgen.api import validate_facts
from docgen.errors import FactsError
from docgen.fragments import FragmentLibrary
from docgen.load import load_yaml_text
from docgen.model.validate import validate_loaded


def test_validation_alone_never_loads_the_fragment_library(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation loaded the fragment library")

    monkeypatch.setattr(FragmentLibrary, "load", refuse)
    text = dump(edit(minimal_speech(), {"document.variants": {"NO-such-family": "a"}}))
    facts = validate_loaded(load_yaml_text(text, "f.yaml"))  # the library step is not run: nothing to report
    assert facts.document.variants == {"NO-such-family": "a"}


def test_the_library_step_reports_what_the_library_lacks() -> None:
    text = dump(edit(minimal_speech(), {"document.variants": {"NO-such-family": "a"}}))
    with pytest.raises(FactsError) as info:
        validate_facts(load_yaml_text(text, "f.yaml"))
    [p] = info.value.problems
    assert (p.code, p.path) == ("unknown-fragment-family", "document.variants.NO-such-family")


def test_the_library_step_is_handed_the_library_it_reads() -> None:
    asked: list[str] = []

    def libraries(domain: str) -> FragmentLibrary:
        asked.append(domain)
        return FragmentLibrary.load(domain=domain)

    validate_loaded(load_yaml_text(dump(minimal_speech()), "f.yaml"), libraries=libraries)
    assert asked == ["cppcc_publicity"]
