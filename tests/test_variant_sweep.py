"""Every example composed under many document ids (so many variant choices): lint clean, no repeated sentence."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from docgen.api import compose_loaded
from docgen.lint import lint_draft
from docgen.load import load_yaml, load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_other_document_ids_give_clean_text(example: Path) -> None:
    base = load_yaml(example).data
    seen: set[str] = set()
    for k in range(12):
        data = copy.deepcopy(base)
        data["document"]["id"] = f"sweep-{k}"
        buf = io.StringIO()
        YAML().dump(data, buf)
        for mode in ("final", "draft"):
            draft = compose_loaded(load_yaml_text(buf.getvalue(), "sweep.yaml"), mode=mode)  # type: ignore[arg-type]
            assert [f.format() for f in lint_draft(draft, mode)] == [], (k, mode)  # type: ignore[arg-type]
            sents = [s for s in re.split(r"(?<=[。！？；：])", draft.text()) if len(s) > 10]
            assert {s for s in sents if sents.count(s) > 1} == set(), (k, mode)
            seen.add(draft.text())
    assert len(seen) > 2  # the ids really do change the wording
