"""Placeholder guard gaps and message defects (issue 16, item 7): every message Chinese, named and located."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import dump, edit, minimal_speech, problems_of

from docgen.cli import main
from docgen.draft import Draft, DraftMeta, Paragraph, Segment, Title
from docgen.errors import UsageError
from docgen.render.text import render_markdown
from docgen.zhtext import find_placeholders

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
ENGLISH = re.compile(r"[A-Za-z]{4,} [A-Za-z]{2,}")  # "Input should", "File is not", "Opening and ending"


def cli(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    r = CliRunner().invoke(main, [str(a) for a in args], env=env)
    return r.exit_code, r.output


@pytest.mark.parametrize("token", ["○○", "〇〇", "✕✕", "✕", "◯◯", "□□", "╳"])
def test_other_placeholder_marks_are_refused_in_facts(token: str) -> None:
    problems = problems_of(dump(edit(minimal_speech(), {"org.place": f"{token}县"})))
    assert [p.code for p in problems] == ["placeholder"], problems


@pytest.mark.parametrize("text", ["二〇〇〇年", "二〇二四年十二月", "一〇〇篇", "○", "第〇"])
def test_chinese_numerals_with_zero_are_not_placeholders(text: str) -> None:
    assert find_placeholders(text) == []


def test_markdown_escapes_the_ampersand() -> None:
    draft = Draft(
        meta=DraftMeta(doc_id="t", kind="leadership_speech", title="讲话", date=date(2024, 12, 6)),
        blocks=[Title("A&amp;B"), Paragraph((Segment("见 &lt;附件&gt; 与 &copy;"),))],
    )
    md = render_markdown(draft)
    assert "&amp;" not in md.replace("\\&amp;", "")
    assert "\\&lt;" in md and "\\&copy;" in md


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "9" * 5000])
def test_infinite_nan_and_huge_numbers_get_chinese_messages(value: str) -> None:
    text = dump(minimal_speech()).replace("value: 100", f"value: {value}", 1)
    problems = problems_of(text)
    assert problems and all(not ENGLISH.search(p.message) for p in problems), problems
    assert problems[0].path.endswith("total.value")


def test_a_megabyte_text_value_is_refused_by_validate_not_blamed_on_the_template() -> None:
    problems = problems_of(dump(edit(minimal_speech(), {"org.place": "澄" * 600_000})))
    assert [(p.path, p.code) for p in problems] == [("org.place", "text-too-long")]


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_diff_of_broken_docx_files_speaks_chinese(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    assert cli("render", CITY, "-o", good)[0] == 0
    truncated = tmp_path / "截断.docx"
    truncated.write_bytes(good.read_bytes()[:400])
    parts = {n: zipfile.ZipFile(good).read(n) for n in zipfile.ZipFile(good).namelist()}
    parts["word/document.xml"] = b"<w:document><w:body><w:p></w:body>"
    bad_xml = tmp_path / "坏XML.docx"
    bad_xml.write_bytes(_zip(parts))
    for bad in (truncated, bad_xml):
        code, out = cli("diff", good, bad)
        assert code == 2, out
        assert str(bad) in out
        assert not ENGLISH.search(out), out
        assert "File is not a zip file" not in out


def test_template_check_of_broken_xml_speaks_chinese(tmp_path: Path) -> None:
    src = ROOT / "templates" / "leadership_speech.docx"
    parts = {n: zipfile.ZipFile(src).read(n) for n in zipfile.ZipFile(src).namelist()}
    parts["word/document.xml"] = b"<w:document><w:body><w:p></w:body>"
    bad = tmp_path / "模板.docx"
    bad.write_bytes(_zip(parts))
    code, out = cli("template", "check", bad)
    assert code == 1
    assert "XML" in out and not ENGLISH.search(out), out


def test_check_with_its_arguments_swapped_names_the_order_not_gbk(tmp_path: Path) -> None:
    draft = tmp_path / "讲话.docx"
    assert cli("render", CITY, "-o", draft)[0] == 0
    code, out = cli("check", CITY, draft)
    assert code == 2
    assert "GBK" not in out
    assert "参数顺序" in out or "Word 文档" in out


def test_compare_to_errors_name_the_file(tmp_path: Path) -> None:
    old = tmp_path / "旧稿.docx"
    old.write_bytes(b"not a docx at all")
    code, out = cli("render", CITY, "-o", tmp_path / "新.docx", "--compare-to", old)
    assert code == 2 and str(old) in out


def test_a_missing_fragment_directory_is_named_as_such_not_as_a_facts_error(tmp_path: Path) -> None:
    code, out = cli(
        "render", CITY, "-o", tmp_path / "x.txt", "--format", "txt", env={"DOCGEN_FRAGMENTS": "/nonexistent"}
    )
    assert code == 3
    assert "DOCGEN_FRAGMENTS" in out and "/nonexistent" in out
    assert "political_context" not in out


@pytest.mark.parametrize("value", ["nan", "abc", "inf", "-5", "0"])
def test_a_bad_soffice_timeout_is_a_usage_error(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.render.pdf import _timeout

    monkeypatch.setenv("DOCGEN_SOFFICE_TIMEOUT", value)
    with pytest.raises(UsageError, match="DOCGEN_SOFFICE_TIMEOUT"):
        _timeout(None)
    monkeypatch.setenv("DOCGEN_SOFFICE_TIMEOUT", "45")
    assert _timeout(None) == 45.0


def test_render_refuses_a_template_that_template_check_rejects(tmp_path: Path) -> None:
    src = ROOT / "templates" / "leadership_speech.docx"
    parts = {n: zipfile.ZipFile(src).read(n) for n in zipfile.ZipFile(src).namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    parts["word/document.xml"] = re.sub(r"<w:pgSz[^>]*/>", "", doc).encode("utf-8")
    tpl = tmp_path / "本单位模板.docx"
    tpl.write_bytes(_zip(parts))
    check_code, check_out = cli("template", "check", tpl)
    assert check_code == 1 and "page-size" in check_out
    code, out = cli("render", CITY, "--template", tpl, "-o", tmp_path / "x.docx")
    assert code == 3
    assert "template check" in out and "page-size" in out
    assert not (tmp_path / "x.docx").exists()
    shutil.copy(src, tpl)
    assert cli("render", CITY, "--template", tpl, "-o", tmp_path / "x.docx")[0] == 0


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1e13", "12345678901234.5"])
def test_a_decimal_statistic_that_is_not_finite_or_too_large_is_refused(value: str) -> None:
    # found by benchmarks/fuzz_10k.py: exchange results are Number (int or two-place decimal)
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from fieldsweep import outcome

    text = (ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "exchange_speech.yaml").read_text(encoding="utf-8")
    import re as _re

    damaged = _re.sub(r"(\n\s+value: )\d+", lambda m: m.group(1) + value, text, count=1)
    assert damaged != text
    assert outcome(damaged)[0] == 1
