"""``docgen diff``, ``docgen check`` and ``docgen render --compare-to/--annotate`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from review_docs import PARAS, docx_of, edit_part, rendered_examples

from docgen.cli import main
from docgen.render.finalize import read_parts
from docgen.review.extract import load_docx
from docgen.review.redline import accepted_texts, redline_docx, rejected_texts

CITY = "city_leadership_speech"


def _run(*args: str | Path) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, [str(a) for a in args])
    return res.exit_code, res.stdout, res.stderr


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(docx_of(PARAS))
    new.write_bytes(docx_of([PARAS[0].replace("5.2%", "5.5%"), *PARAS[1:]]))
    return old, new


def test_identical_drafts_exit_0_with_an_empty_report(tmp_path: Path) -> None:
    old, _ = _pair(tmp_path)
    code, out, err = _run("diff", old, old)
    assert (code, out) == (0, "") and "相同" in err
    code, out, _ = _run("diff", old, old, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["identical"] is True and data["paragraphs"] == []
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 0, "replaced": 0, "numbers_changed": []}


def test_different_drafts_exit_1_with_a_word_diff(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    code, out, _ = _run("diff", old, new, "--color", "never")
    assert code == 1
    assert "正文 第1段 修改" in out and "[-5.2%-]{+5.5%+}" in out
    assert "数字变化 1 处：5.2% → 5.5%" in out


def test_json_report(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    code, out, _ = _run("diff", old, new, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["old"] == str(old) and data["identical"] is False
    (para,) = data["paragraphs"]
    assert para["kind"] == "changed" and ["-", "5.2%"] in para["ops"] and ["+", "5.5%"] in para["ops"]
    assert data["summary"]["numbers_changed"][0]["old"] == "5.2%"


def test_html_and_redline_files(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    html, red = tmp_path / "r.html", tmp_path / "r.docx"
    code, _, err = _run("diff", old, new, "--html", html, "--redline", red)
    assert code == 1 and str(html) in err and str(red) in err
    page = html.read_text(encoding="utf-8")
    assert "<del>5.2%</del>" in page and "<ins>5.5%</ins>" in page and "<script" not in page
    assert accepted_texts(red.read_bytes())["body"] == load_docx(new.read_bytes()).texts()
    assert rejected_texts(red.read_bytes())["body"] == load_docx(old.read_bytes()).texts()


def test_unusable_inputs_exit_2_with_a_chinese_message(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    code, _, err = _run("diff", old, tmp_path / "missing.docx")
    assert code == 2 and "找不到新稿" in err
    text = tmp_path / "note.docx"
    text.write_text("不是 Word 文件", encoding="utf-8")
    code, _, err = _run("diff", text, new)
    assert code == 2 and "不是 Word 文档" in err
    tracked = tmp_path / "tracked.docx"
    tracked.write_bytes(redline_docx(old.read_bytes(), new.read_bytes()))
    code, _, err = _run("diff", tracked, new)
    assert code == 2 and "修订标记" in err
    code, _, _ = _run("diff", tracked, new, "--accept-changes")
    assert code == 0  # accepting the tracked changes gives the new draft


def test_check_exit_codes(tmp_path: Path) -> None:
    docx, facts = rendered_examples()[CITY]
    draft = tmp_path / "draft.docx"
    draft.write_bytes(docx)
    code, out, err = _run("check", draft, facts)
    assert (code, out) == (0, "") and "核对通过" in err
    draft.write_bytes(edit_part(docx, lambda x: x.replace("刊发稿件186篇", "刊发稿件168篇")))
    code, out, _ = _run("check", draft, facts)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert (
        lines[0].startswith(f"{draft}:正文第")
        and "“168”" in lines[0]
        and lines[0].endswith("[unknown-number]")
    )
    assert lines[1].startswith(f"{facts}:") and "achievements.media.total.value" in lines[1]
    code, out, _ = _run("check", draft, facts, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["clean"] is False and len(data["findings"]) == 2


def test_check_refuses_invalid_facts_and_unreadable_drafts(tmp_path: Path) -> None:
    docx, facts = rendered_examples()[CITY]
    draft = tmp_path / "draft.docx"
    draft.write_bytes(docx)
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: [\n", encoding="utf-8")
    code, _, err = _run("check", draft, bad)
    assert code == 2 and "无法核对" in err
    code, _, err = _run("check", tmp_path / "none.docx", facts)
    assert code == 2 and "找不到文稿" in err


def test_render_compare_to_writes_a_redline_beside_the_output(tmp_path: Path) -> None:
    docx, facts = rendered_examples()[CITY]
    old = tmp_path / "old.docx"
    old.write_bytes(edit_part(docx, lambda x: x.replace("刊发稿件186篇", "刊发稿件168篇")))
    out = tmp_path / "new.docx"
    code, _, err = _run("render", facts, "-o", out, "--compare-to", old)
    assert code == 0, err
    red = (tmp_path / "new.redline.docx").read_bytes()
    xml = read_parts(red)["word/document.xml"].decode()
    assert "<w:delText>168</w:delText>" in xml and "<w:t>186</w:t>" in xml
    assert accepted_texts(red)["body"] == load_docx(out.read_bytes()).texts()


def test_render_annotate_adds_source_comments(tmp_path: Path) -> None:
    _, facts = rendered_examples()[CITY]
    out = tmp_path / "a.docx"
    code, _, err = _run("render", facts, "-o", out, "--annotate")
    assert code == 0, err
    comments = read_parts(out.read_bytes())["word/comments.xml"].decode()
    assert "achievements.media.total" in comments
    code, _, err = _run("render", facts, "-o", tmp_path / "a.md", "--format", "md", "--annotate")
    assert code == 2 and "只适用于 Word" in err
