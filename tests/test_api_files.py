"""``docgen render``, ``diff`` and ``check`` are flags → one call of :mod:`docgen.api` (render_file, diff_files,
check_file with an options object, returning a result object) → exit code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import dump, minimal_speech

from docgen import api
from docgen.cli import main
from docgen.errors import UsageError


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    path = tmp_path / "讲话.yaml"
    path.write_text(dump(minimal_speech()), encoding="utf-8")
    return path


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []
    real = getattr(api, name)

    def spy(*args: Any, **kw: Any) -> Any:
        calls.append(args)
        return real(*args, **kw)

    monkeypatch.setattr(api, name, spy)
    return calls


def test_render_file_returns_the_document_its_draft_and_extras(facts: Path, tmp_path: Path) -> None:
    plain = api.render_file(facts, api.RenderOptions(fmt="txt"))
    assert (plain.data is not None and plain.data.decode("utf-8") == plain.draft.text() + "\n") or plain.data
    assert plain.extras == {} and plain.warnings == plain.draft.notices and not plain.refused
    old = tmp_path / "old.docx"
    old.write_bytes(api.render_draft(api.compose_file(facts)))
    red = api.render_file(facts, api.RenderOptions(compare_to=old, annotate=True))
    assert red.data is not None and red.data[:2] == b"PK" and red.extras["redline"][:2] == b"PK"


def test_render_file_refuses_what_its_options_cannot_do(facts: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="只适用于 Word 输出"):
        api.render_file(facts, api.RenderOptions(fmt="txt", annotate=True))
    with pytest.raises(UsageError, match="找不到对比稿"):
        api.render_file(facts, api.RenderOptions(compare_to=tmp_path / "none.docx"))


def test_strict_render_with_warnings_returns_no_document() -> None:
    examples = Path(__file__).resolve().parent.parent / "docgen" / "domains" / "cppcc_publicity" / "examples"
    partial = examples / "county_leadership_speech_partial.yaml"  # drops facts it lacks: warnings
    loose = api.render_file(partial, api.RenderOptions(fmt="txt"))
    strict = api.render_file(partial, api.RenderOptions(fmt="txt", strict=True))
    assert loose.warnings and loose.data is not None
    assert strict.refused and strict.data is None and strict.warnings


def test_cli_render_is_one_render_file_call(facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy(monkeypatch, "render_file")
    out = tmp_path / "讲话.txt"
    r = CliRunner().invoke(main, ["render", str(facts), "--format", "txt", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert len(calls) == 1
    assert out.read_bytes() == api.render_file(facts, api.RenderOptions(fmt="txt")).data


def test_cli_diff_and_check_are_one_call_each(facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docx = tmp_path / "稿.docx"
    docx.write_bytes(api.render_draft(api.compose_file(facts)))
    diffs, checks = _spy(monkeypatch, "diff_files"), _spy(monkeypatch, "check_file")
    assert CliRunner().invoke(main, ["diff", str(docx), str(docx)]).exit_code == 0
    assert CliRunner().invoke(main, ["check", str(docx), str(facts)]).exit_code == 0
    assert len(diffs) == 1 and len(checks) == 1
    assert api.diff_files(docx, docx).result.identical
    assert api.check_file(docx, facts).clean


def test_a_missing_input_is_a_chinese_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="找不到旧稿"):
        api.diff_files(tmp_path / "a.docx", tmp_path / "b.docx")
    r = CliRunner().invoke(main, ["diff", str(tmp_path / "a.docx"), str(tmp_path / "b.docx")])
    assert r.exit_code == 2 and "找不到旧稿" in r.output


def test_the_package_exports_a_short_api_lazily() -> None:
    import subprocess
    import sys

    import docgen

    assert len(docgen.__all__) <= 16
    for name in docgen.__all__:
        assert getattr(docgen, name) is not None
    assert docgen.render_file is api.render_file
    code = "import sys, docgen; print('docgen.api' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
