"""The 党政信息工作 examples and corpus: every file validates, composes and renders (docx, md) in both modes with
no finding of the text-seam checker, says every fact it is given (or warns about it), and its text is pinned by a
syrupy snapshot.  The corpus spans the org levels, 2023–2026, full years and parts of a year, both kinds, rich
and sparse files, groups of one, approximate counts and missing blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pi_helpers import CORPUS, EXAMPLES, KINDS

from docgen.api import compose_file, load_facts, render_draft
from docgen.quality.coverage import uncovered
from docgen.zh import find_placeholders

FILES = EXAMPLES + CORPUS
MODES = ("final", "draft")

# leaves that are options, references or the basis of a computation, not words of the text
SKIP = (
    "schema_version",
    "document",  # kind, mode, id, options (the title is checked as EXACT)
    "org",  # each kind names the office as it needs (区委办公室, 我区, 全区)
    "period",  # the frame of the figures (今年以来, 2025年上半年)
    "tasks.horizon",  # said as 明年 / 2026年 / 下半年
    "**.unit",  # 条, 篇: part of the count
    "**.phone_unit",
    "**.written_unit",
    "**.previous",  # written as the change (较去年增长19.4%)
    "**.theme",  # which wording a task section takes
    "**.code",  # which problem wording
    "situation.themes",
    "closing.family",
    "summary.year",  # the title's year
)
EXACT = ("**.heading", "**.lead", "document.title")


def test_the_corpus_is_varied() -> None:
    facts = [load_facts(p) for p in CORPUS]
    assert len(CORPUS) >= 8
    kinds = [f.document.kind for f in facts]
    assert all(kinds.count(k) >= 3 for k in KINDS)
    assert {f.org.level for f in facts} == {"province", "city", "county", "district", "county_city"}
    assert {f.document.date.year for f in facts} == {2023, 2024, 2025, 2026}
    assert any(f.period is None for f in facts)  # a missing block
    assert any(f.period is not None and f.period.kind == "calendar_year" for f in facts)
    assert any(f.period is not None and (f.period.end.month, f.period.end.day) != (12, 31) for f in facts)
    assert any(f.results and f.results.submitted and f.results.submitted.approx for f in facts)
    assert any(f.problems and len(f.problems.items) == 1 for f in facts)  # groups of one
    assert any(f.tasks and len(f.tasks.sections) == 1 for f in facts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_file_says_it_is_invented(path: Path) -> None:
    head = path.read_text(encoding="utf-8").split("\nschema_version", 1)[0]
    assert "虚构" in head


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_file_renders_without_seams(path: Path, mode: str, snapshot: Any) -> None:
    draft = compose_file(path, mode=mode)  # type: ignore[arg-type]
    text = draft.text()
    assert [n.format() for n in draft.notices if n.code.startswith("quality-")] == []
    assert find_placeholders(text) == []
    assert ("〔待补" in text) == (
        mode == "draft" and any(n.code in ("expected-fact", "dropped-fact") for n in draft.notices)
    )
    assert render_draft(draft, "docx")[:2] == b"PK"
    assert draft.meta.title in render_draft(draft, "md").decode("utf-8")
    assert text == snapshot


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_fact_is_in_the_text_or_warned_about(path: Path, mode: str) -> None:
    data = load_facts(path).model_dump(mode="json", exclude_none=True)
    draft = compose_file(path, mode=mode)  # type: ignore[arg-type]
    warned = [n.path for n in draft.notices if not n.code.startswith("quality-")]
    lost = uncovered(data, draft.text(), warned, skip=SKIP, exact=EXACT)
    assert [(u.path, u.value) for u in lost] == []


def test_the_examples_cover_both_kinds_and_render_deterministically() -> None:
    assert {load_facts(p).document.kind for p in EXAMPLES} == set(KINDS)
    for p in EXAMPLES:
        assert render_draft(compose_file(p), "docx") == render_draft(compose_file(p), "docx")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_render_strict_with_no_warning(path: Path) -> None:
    """A complete example gives no warning at all (no dropped or unused fact, no seam): ``render --strict`` passes."""
    from docgen.api import RenderOptions, render_file

    result = render_file(path, RenderOptions(fmt="docx", strict=True))
    assert [n.format() for n in result.warnings] == []
    assert result.data is not None and result.data[:2] == b"PK"


def test_the_cli_renders_an_example(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "讲话.docx"
    r = subprocess.run(
        [sys.executable, "-m", "docgen", "render", "--strict", str(EXAMPLES[-1]), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_docgen_check_finds_every_number_of_the_render_in_the_facts(path: Path, tmp_path: Path) -> None:
    """The review tool reads the rendered .docx back: every number in it has a fact behind it."""
    from docgen.api import check_file

    out = tmp_path / "文稿.docx"
    out.write_bytes(render_draft(compose_file(path), "docx"))
    result = check_file(out, path)
    assert result.clean, [f for f in result.findings]
    assert result.numbers_checked > 0
