"""Every document kind, from its example and from a filled-in `docgen init` skeleton: composes, renders to a
byte-identical .docx twice, and its text is free of placeholders in both modes."""

from __future__ import annotations

from pathlib import Path

import pytest
from kindlists import ALL_KINDS, CPPCC_KINDS
from test_init import _fill

from docgen.api import compose_file, compose_loaded, render_draft
from docgen.init import skeleton
from docgen.load import load_yaml, load_yaml_text
from docgen.zh import find_placeholders

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))


def test_every_kind_has_an_example() -> None:
    kinds = {load_yaml(p).data["document"]["kind"] for p in EXAMPLES}
    assert kinds == set(CPPCC_KINDS)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("mode", ["final", "draft"])
def test_example_renders_deterministically_without_placeholders(example: Path, mode: str) -> None:
    draft = compose_file(example, mode=mode)  # type: ignore[arg-type]
    assert find_placeholders(draft.text()) == []
    if mode == "final":
        assert "〔待补" not in draft.text()
    a = render_draft(draft, "docx")
    b = render_draft(compose_file(example, mode=mode), "docx")  # type: ignore[arg-type]
    assert a == b


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_filled_init_skeleton_composes_and_renders(kind: str) -> None:
    draft = compose_loaded(load_yaml_text(_fill(skeleton(kind)), f"{kind}.yaml"))
    assert draft.meta.kind == kind
    assert find_placeholders(draft.text()) == []
    assert render_draft(draft, "docx")[:2] == b"PK"
