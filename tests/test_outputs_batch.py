"""Outputs never destroy inputs or special files (issue 16, item 3), for the commands that write many files or
workbooks: ``batch`` (every document, the manifest, ``--zip``), ``excel-template`` and ``import``.  Each case runs
on a temporary folder (FIFOs and symlinks made there, never on /dev); a refused run writes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from helpers import dump, minimal_speech

from docgen import batch as lib
from docgen.cli import main
from docgen.fsutil import OutputRefused, guard_outputs


def cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    p = tmp_path / "讲话.yaml"
    p.write_text(dump(minimal_speech()), encoding="utf-8")
    return p


def _refused(r: Result) -> None:
    assert r.exit_code == 2, r.output
    assert "错误：" in r.output and "Traceback" not in r.output


def test_batch_refuses_an_output_that_is_its_own_facts_file(tmp_path: Path) -> None:
    src = tmp_path / "讲话.txt"  # a facts file with an odd suffix, given by name: its txt output is itself
    src.write_text(dump(minimal_speech()), encoding="utf-8")
    before = src.read_bytes()
    r = cli("batch", src, "--format", "txt", "-o", tmp_path, "--jobs", "1")
    _refused(r)
    assert "就是输入文件" in r.output
    assert src.read_bytes() == before
    assert not (tmp_path / lib.MANIFEST).exists()


def test_batch_refuses_an_output_that_is_its_template(tmp_path: Path, facts: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    template = out / "讲话.docx"  # the house template sits where 讲话.yaml's output goes
    template.write_bytes(b"PK template bytes")
    r = cli("batch", facts, "--template", template, "-o", out, "--jobs", "1")
    _refused(r)
    assert "就是输入文件" in r.output and template.read_bytes() == b"PK template bytes"


def test_batch_refuses_an_output_linked_to_an_input(tmp_path: Path, facts: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "讲话.docx").symlink_to(facts)
    before = facts.read_bytes()
    _refused(cli("batch", facts, "-o", out, "--jobs", "1"))
    (out / "讲话.docx").unlink()
    os.link(facts, out / "讲话.docx")  # a hard link: same inode
    _refused(cli("batch", facts, "-o", out, "--jobs", "1"))
    assert facts.read_bytes() == before


def test_batch_refuses_a_fifo_at_an_output_name_without_blocking(tmp_path: Path, facts: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "讲话.docx")
    r = cli("batch", facts, "-o", out, "--jobs", "1")
    _refused(r)
    assert "管道" in r.output and (out / "讲话.docx").is_fifo()


@pytest.mark.parametrize("which", ["facts", "output", "manifest"])
def test_batch_zip_never_lands_on_an_input_or_an_output(tmp_path: Path, facts: Path, which: str) -> None:
    out = tmp_path / "out"
    target = {"facts": facts, "output": out / "讲话.docx", "manifest": out / lib.MANIFEST}[which]
    before = facts.read_bytes()
    r = cli("batch", facts, "-o", out, "--jobs", "1", "--zip", target)
    _refused(r)
    assert facts.read_bytes() == before
    assert not (out / "讲话.docx").exists()  # refused before anything was rendered


def test_batch_zip_never_replaces_the_mail_merge_workbook(tmp_path: Path, facts: Path) -> None:
    book = tmp_path / "各单位.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "units"
    ws.append(["名称", "地名"])
    ws.append(["县政协", "青禾"])
    wb.save(book)
    before = book.read_bytes()
    _refused(cli("batch", facts, "--rows", book, "-o", tmp_path / "out", "--zip", book))
    assert book.read_bytes() == before


def test_a_good_batch_with_a_zip_still_runs(tmp_path: Path, facts: Path) -> None:
    out = tmp_path / "out"
    r = cli("batch", facts, "-o", out, "--jobs", "1", "--format", "txt", "--zip", tmp_path / "全部.zip")
    assert r.exit_code == 0, r.output
    assert (out / "讲话.txt").is_file() and (tmp_path / "全部.zip").is_file()


def test_guard_outputs_checks_many_outputs_against_many_inputs(tmp_path: Path) -> None:
    ins = [tmp_path / f"in{i}.yaml" for i in range(300)]
    for p in ins:
        p.write_text("x", encoding="utf-8")
    outs = [tmp_path / f"out{i}.docx" for i in range(300)]
    guard_outputs(outs, ins)  # nothing in common
    with pytest.raises(OutputRefused, match="就是输入文件"):
        guard_outputs([*outs, ins[150]], ins)
    with pytest.raises(OutputRefused, match="是同一个文件"):
        guard_outputs([outs[0], tmp_path / "." / "out0.docx"], ins)


def test_excel_template_refuses_a_fifo_and_an_existing_file(tmp_path: Path) -> None:
    fifo = tmp_path / "表.xlsx"
    os.mkfifo(fifo)
    r = cli("excel-template", "leadership_speech", "-o", fifo, "--force")
    _refused(r)
    assert fifo.is_fifo()
    existing = tmp_path / "已有.xlsx"
    existing.write_bytes(b"mine")
    _refused(cli("excel-template", "leadership_speech", "-o", existing))
    assert existing.read_bytes() == b"mine"


def test_import_refuses_to_write_over_its_workbook_by_any_name(tmp_path: Path) -> None:
    book = tmp_path / "表.xlsx"
    assert cli("excel-template", "leadership_speech", "-o", book).exit_code == 0
    before = book.read_bytes()
    os.link(book, tmp_path / "别名.yaml")
    r = cli("import", book, "-o", tmp_path / "别名.yaml")
    _refused(r)
    assert "就是输入文件" in r.output and book.read_bytes() == before


# -- every command that writes a file, as a class ----------------------------------------------------------------

FILE_OUTPUTS = {
    ("init", "output"),
    ("schema", "output"),
    ("render", "output"),
    ("diff", "html_out"),
    ("diff", "redline_out"),
    ("batch", "zip_path"),
    ("excel-template", "output"),
    ("import", "output"),
}
DIR_OUTPUTS = {
    ("preview", "outdir"),
    ("batch", "outdir"),
    ("serve", "data"),
    ("office add", "data"),
    ("user add", "data"),
}


def _path_params() -> set[tuple[str, str]]:
    import click

    found: set[tuple[str, str]] = set()

    def walk(group: click.Group, prefix: str) -> None:
        for name, cmd in group.commands.items():
            full = f"{prefix}{name}"
            if isinstance(cmd, click.Group):
                walk(cmd, full + " ")
                continue
            for p in cmd.params:
                if (
                    isinstance(p.type, click.Path)
                    and p.name
                    and (p.name in ("output", "data") or "out" in p.name or "zip" in p.name)
                ):
                    found.add((full, p.name))

    walk(main, "")
    return found


def test_every_output_option_of_every_command_is_in_the_guarded_list() -> None:
    """A new command or option that writes must be added here (and so to the FIFO test below)."""
    assert _path_params() == FILE_OUTPUTS | DIR_OUTPUTS


@pytest.mark.parametrize("command", sorted(FILE_OUTPUTS))
def test_no_command_writes_into_a_fifo(command: tuple[str, str], tmp_path: Path, facts: Path) -> None:
    from docgen import api

    fifo = tmp_path / "管道"
    os.mkfifo(fifo)
    old, new = tmp_path / "旧.docx", tmp_path / "新.docx"
    book = tmp_path / "表.xlsx"
    if command[0] == "diff":
        old.write_bytes(api.render_draft(api.compose_file(facts)))
        new.write_bytes(old.read_bytes())
    if command[0] == "import":
        assert cli("excel-template", "leadership_speech", "-o", book).exit_code == 0
    args: dict[tuple[str, str], list[str | Path]] = {
        ("init", "output"): ["init", "leadership_speech", "-o", fifo, "--force"],
        ("schema", "output"): ["schema", "-o", fifo, "--force"],
        ("render", "output"): ["render", facts, "-o", fifo],
        ("diff", "html_out"): ["diff", old, new, "--html", fifo],
        ("diff", "redline_out"): ["diff", old, new, "--redline", fifo],
        ("batch", "zip_path"): ["batch", facts, "-o", tmp_path / "out", "--jobs", "1", "--zip", fifo],
        ("excel-template", "output"): ["excel-template", "leadership_speech", "-o", fifo, "--force"],
        ("import", "output"): ["import", book, "-o", fifo],
    }
    r = cli(*args[command])
    _refused(r)
    assert "管道" in r.output and fifo.is_fifo()
