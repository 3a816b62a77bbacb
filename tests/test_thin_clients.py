"""``docgen diff`` and ``docgen check`` are thin clients of the library API the service calls
(:func:`docgen.api.diff_bytes`, :func:`docgen.api.check_bytes`): the CLI makes exactly one such call and prints
what it returns, so the command line and ``POST /api/diff`` / ``POST /api/check`` cannot drift apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import dump, edit, minimal_speech

from docgen import api
from docgen.cli import main


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    facts = tmp_path / "讲话.yaml"
    facts.write_text(dump(minimal_speech()), encoding="utf-8")
    old, new = tmp_path / "旧稿.docx", tmp_path / "新稿.docx"
    old.write_bytes(api.render_draft(api.compose_file(facts)))
    changed = edit(minimal_speech(), {"document.salutation": "各位委员、同志们"})
    new.write_bytes(api.render_draft(api.compose_text(dump(changed))))
    return {"facts": facts, "old": old, "new": new}


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    real = getattr(api, name)

    def spy(*args: Any, **kw: Any) -> Any:
        calls.append(kw)
        return real(*args, **kw)

    monkeypatch.setattr(api, name, spy)
    return calls


def test_diff_is_one_call_of_api_diff_bytes(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch, "diff_bytes")
    html, red = tmp_path / "比较.html", tmp_path / "修订稿.docx"
    r = CliRunner().invoke(
        main,
        [
            "diff",
            str(files["old"]),
            str(files["new"]),
            "--format",
            "json",
            "--html",
            str(html),
            "--redline",
            str(red),
        ],
    )
    assert r.exit_code == 1, r.output  # the drafts differ
    assert len(calls) == 1 and calls[0]["html"] and calls[0]["redline"]
    expected = api.diff_bytes(
        files["old"].read_bytes(),
        files["new"].read_bytes(),
        old_label=f"旧稿 {files['old']}",
        new_label=f"新稿 {files['new']}",
        html=True,
        redline=True,
        report_names=(str(files["old"]), str(files["new"])),
    )
    out = json.loads(r.stdout)
    assert out == {"old": str(files["old"]), "new": str(files["new"]), **expected.result.as_dict()}
    assert not expected.result.identical
    assert html.read_text(encoding="utf-8") == expected.html
    assert red.read_bytes() == expected.redline


def test_check_is_one_call_of_api_check_bytes(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch, "check_bytes")
    r = CliRunner().invoke(main, ["check", str(files["new"]), str(files["facts"]), "--format", "json"])
    assert len(calls) == 1, r.output
    expected = api.check_bytes(
        files["new"].read_bytes(),
        files["facts"].read_bytes(),
        facts_file=str(files["facts"]),
        label=f"文稿 {files['new']}",
    )
    out = json.loads(r.stdout)
    assert {k: v for k, v in out.items() if k not in ("draft", "facts")} == expected.as_dict()
    assert r.exit_code == (0 if expected.clean else 1)


def test_check_reports_a_missing_facts_file_as_before(files: dict[str, Path], tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["check", str(files["new"]), str(tmp_path / "无.yaml")])
    assert r.exit_code == 2 and "找不到文件" in r.output and "Traceback" not in r.output


def test_batch_makes_each_document_with_one_call_of_api_render_loaded(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``docgen batch`` renders every document with :func:`docgen.api.render_loaded` and the options
    ``docgen render`` would use, so a batch output is the render output byte for byte."""
    seen: list[Any] = []
    real = api.render_loaded

    def spy(loaded: Any, options: Any) -> Any:
        seen.append(options)
        return real(loaded, options)

    monkeypatch.setattr(api, "render_loaded", spy)
    out = tmp_path / "批量"
    r = CliRunner().invoke(main, ["batch", str(files["facts"]), "-o", str(out), "--jobs", "1", "--mode", "draft"])
    assert r.exit_code == 0, r.output
    assert seen == [api.RenderOptions(fmt="docx", mode="draft")]
    expected = api.render_file(files["facts"], api.RenderOptions(mode="draft")).data
    assert (out / "讲话.docx").read_bytes() == expected
