"""End-to-end: run the real ``docgen`` command in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"))
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=120,
        check=False,
    )


def test_validate_all_examples_exits_zero() -> None:
    r = run("validate", *map(str, EXAMPLES))
    assert r.returncode == 0, r.stderr


def test_validate_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        CITY.read_text(encoding="utf-8")
        .replace("achievements:", "achievments:", 1)
        .replace("kind: leadership_speech", "kind: speech", 1),
        encoding="utf-8",
    )
    r = run("validate", str(bad))
    assert r.returncode == 1
    lines = [x for x in r.stderr.splitlines() if x.startswith(str(bad))]
    codes = {x.rsplit("[", 1)[1].rstrip("]") for x in lines}
    assert {"unknown-key", "bad-choice"} <= codes
    src = bad.read_text(encoding="utf-8").splitlines()
    for x in lines:
        line = int(x[len(str(bad)) + 1 :].split(":")[0])
        if x.endswith("[unknown-key]"):
            assert "achievments" in src[line - 1]
    assert "Traceback" not in r.stderr


def test_validate_json_format(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: [1, 2\n", encoding="utf-8")
    r = run("validate", "--format", "json", str(bad))
    assert r.returncode == 1
    (p,) = json.loads(r.stdout)
    assert p["code"] == "yaml-syntax" and p["line"] >= 1


def test_usage_error_exits_two() -> None:
    assert run("validate").returncode == 2
    assert run("render", str(CITY), "--format", "pdfx").returncode == 2


def test_missing_file_is_a_clear_problem() -> None:
    r = run("validate", "no-such-file.yaml")
    assert r.returncode == 1 and "[file-missing]" in r.stderr and "Traceback" not in r.stderr


def test_kinds_lists_every_registered_kind_under_its_domain() -> None:
    from docgen import registry

    r = run("kinds")
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert r.returncode == 0 and len(lines) == len(registry.domains()) + len(registry.kinds())
    names = {k.name for k in registry.kinds()}
    kind_lines = [ln for ln in lines if ln.startswith("  ")]
    assert all(ln.split()[0] in names for ln in kind_lines)  # a long name keeps a gap before its description


def test_schema_is_json() -> None:
    r = run("schema")
    assert r.returncode == 0
    assert json.loads(r.stdout)["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize(
    "kind",
    [
        "leadership_speech",
        "concluding_speech",
        "exchange_material",
        "exchange_speech",
        "work_summary",
        "meeting_plan",
    ],
)
def test_init_writes_a_skeleton_that_validate_points_into(kind: str, tmp_path: Path) -> None:
    out = tmp_path / f"{kind}.yaml"
    assert run("init", kind, "-o", str(out)).returncode == 0
    r = run("validate", str(out))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert all(x.startswith(str(out)) for x in r.stderr.splitlines()[:-1])
    assert run("init", kind, "-o", str(out)).returncode == 2  # never overwrites silently


def test_fragments_lists_families() -> None:
    r = run("fragments", "--format", "json")
    assert r.returncode == 0
    ids = {row["id"] for row in json.loads(r.stdout)}
    assert {"OPN-transition", "CLS-hope_contribution", "pc_2024_standard"} <= ids


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_render_text_formats(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"speech.{fmt}"
    r = run("render", str(CITY), "--format", fmt, "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "同志们：" in text and "我讲三点意见" in text


def test_render_docx_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run("render", str(CITY), "-o", str(a)).returncode == 0
    assert run("render", str(CITY), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert "word/document.xml" in z.namelist()
        assert "同志们：" in z.read("word/document.xml").decode("utf-8")


def test_failed_render_leaves_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "speech.docx"
    out.write_bytes(b"previous draft")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        CITY.read_text(encoding="utf-8").replace("value: 186", "value: 一百八十六", 1), encoding="utf-8"
    )
    r = run("render", str(bad), "-o", str(out))
    assert r.returncode == 1
    assert out.read_bytes() == b"previous draft"
    assert list(tmp_path.iterdir()) == sorted([bad, out]) or set(tmp_path.iterdir()) == {bad, out}


def test_strict_render_fails_on_dropped_or_unused_facts(tmp_path: Path) -> None:
    county = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "county_leadership_speech_partial.yaml"
    r = run("render", str(county), "--strict", "--format", "txt", "-o", str(tmp_path / "c.txt"))
    assert r.returncode == 1 and "[dropped-fact]" in r.stderr and not (tmp_path / "c.txt").exists()
    r = run("render", str(CITY), "--strict", "--format", "txt", "-o", str(tmp_path / "city.txt"))
    assert r.returncode == 0, r.stderr


def test_render_prints_each_warning_after_writing_and_strict_writes_nothing(tmp_path: Path) -> None:
    # the city example with a closing fact its closing family does not use: a typed fact that never reaches
    # the text is a located warning on every render, and a failure with --strict
    facts = tmp_path / "unused.yaml"
    # (the closing variant is pinned to one that has no slot for the theme)
    text = (
        CITY.read_text(encoding="utf-8")
        .replace("  family: hope_contribution\n", "  family: hope_contribution\n  local_theme: 实干争先的主线\n", 1)
        .replace("  kind: leadership_speech\n", "  kind: leadership_speech\n  variants:\n    CLS-hope_contribution: a\n", 1)
    )
    facts.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  local_theme: 实干争先的主线") + 1
    out = tmp_path / "speech.txt"
    r = run("render", str(facts), "--format", "txt", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("在全市政协宣传信息工作会议上的讲话")
    [warning] = [x for x in r.stderr.splitlines() if x.endswith("[unused-fact]")]
    assert warning.startswith(f"{facts}:{line}:3: closing.local_theme: ")
    assert "实干争先的主线" in warning and "实干争先的主线" not in out.read_text(encoding="utf-8")
    assert "共 1 条警告" in r.stderr
    strict_out = tmp_path / "strict.txt"
    r = run("render", str(facts), "--strict", "--format", "txt", "-o", str(strict_out))
    assert r.returncode == 1
    assert warning in r.stderr.splitlines()
    assert not strict_out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["speech.txt", "unused.yaml"]


def test_an_unexpected_error_is_one_chinese_line_not_a_traceback(tmp_path: Path) -> None:
    from click.testing import CliRunner

    import docgen.api
    from docgen.cli import main

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    original = docgen.api.compose_loaded
    docgen.api.compose_loaded = boom  # type: ignore[assignment]
    try:
        r = CliRunner().invoke(main, ["render", str(CITY), "-o", str(tmp_path / "x.docx")])
    finally:
        docgen.api.compose_loaded = original
    assert r.exit_code == 4
    assert "docgen 内部错误" in r.output and "Traceback" not in r.output
    assert "报告给维护者" in r.output and "DOCGEN_DEBUG=1" in r.output
    assert not (tmp_path / "x.docx").exists()
