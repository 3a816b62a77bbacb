"""The user-like corpus in tests/corpus: facts files written the way office clerks write them (issue 11).

Every file validates, composes and renders (docx, md) in both modes; the composed text of each file in
each mode is pinned by a syrupy snapshot, so any change to the wording of real-looking input shows up
in review.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from kindlists import CPPCC_KINDS

from docgen.api import compose_file, render_draft
from docgen.model.validate import load_facts
from docgen.quality import check_draft

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = sorted(CORPUS.glob("*.yaml"))
MODES = ("final", "draft")


def test_corpus_covers_every_kind_and_level_three_times() -> None:
    facts = [load_facts(path) for path in FILES]
    kinds = [f.document.kind for f in facts]
    assert {k: kinds.count(k) >= 3 for k in CPPCC_KINDS} == dict.fromkeys(CPPCC_KINDS, True)
    assert {f.org.level for f in facts} == {"province", "city", "county", "district", "county_city"}
    assert {f.document.date.year for f in facts} == {2023, 2024, 2025, 2026}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_corpus_file_says_it_is_invented(path: Path) -> None:
    head = path.read_text(encoding="utf-8").split("\nschema_version", 1)[0]
    assert "虚构" in head


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_corpus_file_renders(path: Path, mode: str, snapshot: Any) -> None:
    draft = compose_file(path, mode=mode)  # type: ignore[arg-type]
    docx = render_draft(draft, "docx")
    assert docx[:2] == b"PK"
    md = render_draft(draft, "md").decode("utf-8")
    assert draft.meta.title in md
    assert draft.text() == snapshot


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_corpus_file_has_no_seams(path: Path, mode: str) -> None:
    """The checker finds nothing in any corpus file in either mode (issue 11: zero findings on the corpus)."""
    draft = compose_file(path, mode=mode)  # type: ignore[arg-type]
    assert [f.format() for f in check_draft(draft, mode=mode)] == []
    assert not [n for n in draft.notices if n.code.startswith("quality-")]
