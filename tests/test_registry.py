"""The registry of domains and kinds: each kind declared once, found through the entry-point group, and
everything that lists kinds (CLI, validation, init, schema) reads it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import dump, edit, minimal_speech, validate_text
from pydantic import BaseModel

from docgen import registry
from docgen.cli import main
from docgen.errors import FactsError
from docgen.model.basefacts import BaseFacts
from docgen.registry import DomainSpec, KindSpec, RegistryError

ROOT = Path(__file__).resolve().parent.parent

#: a second declaration of an existing kind name (the registry must refuse it)
CLASH = DomainSpec(
    name="zz_clash",
    label="重名测试",
    facts_model="docgen.model.basefacts:BaseFacts",
    package="docgen.domains",
    kinds=(KindSpec("leadership_speech", "重名", "重名", "x:y", "leadership_speech.docx", ()),),
)


def test_the_builtin_domain_comes_first_and_declares_the_six_kinds() -> None:
    first = registry.domains()[0]
    assert first.name == "cppcc_publicity"
    assert [k.name for k in first.kinds] == [
        "leadership_speech",
        "concluding_speech",
        "exchange_material",
        "exchange_speech",
        "work_summary",
        "meeting_plan",
    ]
    names = [d.name for d in registry.domains()]
    assert names == [names[0], *sorted(names[1:])]


def test_every_builtin_domain_registers_through_the_entry_point_group() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = pyproject["project"]["entry-points"][registry.ENTRY_POINT_GROUP]
    packages = sorted(p.name for p in (ROOT / "docgen" / "domains").iterdir() if (p / "__init__.py").is_file())
    assert sorted(declared) == packages
    for name, ref in declared.items():
        spec = registry.load_object(ref)
        assert isinstance(spec, DomainSpec) and spec.name == name
        assert spec in registry.domains()


@pytest.mark.parametrize("kind", registry.kind_names())
def test_each_kind_is_declared_consistently(kind: str) -> None:
    spec = registry.kind(kind)
    model = registry.facts_model(kind)
    assert isinstance(model, type) and issubclass(model, BaseFacts)
    fields = set(model.model_fields) - {"schema_version", "document", "org"}
    assert set(spec.blocks) <= fields, kind
    assert set(spec.required) <= set(spec.blocks), kind
    assert spec.label and spec.description and "\n" not in spec.description
    assert callable(registry.composer(kind))
    assert registry.domain_of(kind).kinds.count(spec) == 1


def test_kind_lookup_of_an_unknown_name_is_a_key_error_with_a_chinese_message() -> None:
    with pytest.raises(KeyError):
        registry.kind("speech")
    msg = registry.unknown_kind_message("leadership_speach")
    assert "未知文种“leadership_speach”" in msg and "是否应为“leadership_speech”" in msg
    assert all(k in msg for k in registry.kind_names())


def test_a_kind_name_declared_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_entry_point_refs", lambda: ["test_registry:CLASH"])
    registry._registry.cache_clear()
    try:
        with pytest.raises(RegistryError, match="leadership_speech"):
            registry.domains()
    finally:
        monkeypatch.undo()
        registry._registry.cache_clear()
    assert registry.domains()[0].name == "cppcc_publicity"


def test_an_unknown_kind_in_a_facts_file_is_a_located_chinese_error() -> None:
    text = dump(edit(minimal_speech(), {"document.kind": "leadership_speach"}))
    with pytest.raises(FactsError) as info:
        validate_text(text)
    [p] = [p for p in info.value.problems if p.path == "document.kind"]
    assert p.code == "bad-choice" and p.line > 1
    assert "是否应为“leadership_speech”" in p.message


def test_cli_kinds_groups_the_kinds_by_domain() -> None:
    out = CliRunner().invoke(main, ["kinds"]).output
    for d in registry.domains():
        assert f"{d.label}（{d.name}）" in out
        for k in d.kinds:
            assert f"  {k.name}" in out


def test_cli_init_refuses_an_unknown_kind_in_chinese() -> None:
    r = CliRunner().invoke(main, ["init", "leadership_speach"])
    assert r.exit_code == 2
    assert "未知文种" in r.output and "leadership_speech" in r.output


def test_schema_lists_the_kinds_of_its_domain() -> None:
    from docgen.schema import json_schema

    for d in registry.domains():
        schema = json_schema(d.name)
        assert schema["$defs"]["Document"]["properties"]["kind"]["enum"] == [k.name for k in d.kinds]


def test_facts_models_are_pydantic_models() -> None:
    for d in registry.domains():
        assert issubclass(registry.load_object(d.facts_model), BaseModel)
