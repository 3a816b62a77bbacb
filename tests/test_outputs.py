"""Outputs never destroy inputs or special files (issue 16, item 3).

Every case runs on a temporary folder holding a FIFO, a socket and symlinks — never on /dev.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.fsutil import OutputRefused, atomic_write, guard_output, sweep_temp_files
from docgen.preview import MANIFEST, _publish

ROOT = Path(__file__).resolve().parent.parent
CITY = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"


def cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    p = tmp_path / "讲话.yaml"
    shutil.copy(CITY, p)
    return p


@pytest.fixture
def docx_pair(tmp_path: Path, facts: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "旧稿.docx", tmp_path / "新稿.docx"
    assert cli("render", facts, "-o", old).exit_code == 0
    text = facts.read_text(encoding="utf-8").replace("186", "187", 1)
    changed = tmp_path / "改.yaml"
    changed.write_text(text, encoding="utf-8")
    assert cli("render", changed, "-o", new).exit_code == 0
    return old, new


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    p = tmp_path / "管道"
    os.mkfifo(p)
    return p


@contextlib.contextmanager
def unix_socket() -> Iterator[Path]:
    short = Path(tempfile.mkdtemp(prefix="dg"))  # AF_UNIX paths are short
    path = short / "s"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(path))
        yield path
    finally:
        sock.close()
        shutil.rmtree(short, ignore_errors=True)


def _unchanged(path: Path, before: bytes) -> None:
    assert path.is_file()
    assert path.read_bytes() == before


def test_render_refuses_to_write_over_its_facts_file(facts: Path) -> None:
    before = facts.read_bytes()
    r = cli("render", facts, "-o", facts, "--format", "txt")
    assert r.exit_code == 2
    assert "就是输入文件" in r.output and "Traceback" not in r.output
    _unchanged(facts, before)


def test_render_refuses_a_symlink_or_hard_link_to_its_facts_file(tmp_path: Path, facts: Path) -> None:
    before = facts.read_bytes()
    link = tmp_path / "link.txt"
    link.symlink_to(facts)
    hard = tmp_path / "hard.txt"
    os.link(facts, hard)
    for target in (link, hard):
        r = cli("render", facts, "-o", target, "--format", "txt")
        assert r.exit_code == 2, r.output
        assert "就是输入文件" in r.output
    _unchanged(facts, before)
    assert link.is_symlink()


def test_render_default_output_named_like_the_facts_file_is_refused(tmp_path: Path, facts: Path) -> None:
    md = tmp_path / "讲话.md"
    shutil.copy(facts, md)
    before = md.read_bytes()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        r = cli("render", "讲话.md", "--format", "md")
    finally:
        os.chdir(cwd)
    assert r.exit_code == 2 and "就是输入文件" in r.output
    _unchanged(md, before)


def test_render_refuses_its_template_as_output(tmp_path: Path, facts: Path) -> None:
    tpl = tmp_path / "模板.docx"
    shutil.copy(ROOT / "templates" / "leadership_speech.docx", tpl)
    before = tpl.read_bytes()
    r = cli("render", facts, "--template", tpl, "-o", tpl)
    assert r.exit_code == 2 and "就是输入文件" in r.output
    _unchanged(tpl, before)


def test_compare_to_never_writes_onto_the_old_draft(
    tmp_path: Path, facts: Path, docx_pair: tuple[Path, Path]
) -> None:
    old, _ = docx_pair
    before = old.read_bytes()
    r = cli("render", facts, "-o", old, "--compare-to", old)
    assert r.exit_code == 2 and "就是输入文件" in r.output
    # the redline (OUT.redline.docx) would land on the old draft
    red_old = tmp_path / "x.redline.docx"
    shutil.copy(old, red_old)
    r = cli("render", facts, "-o", tmp_path / "x.docx", "--compare-to", red_old)
    assert r.exit_code == 2 and "修订稿" in r.output
    _unchanged(old, before)
    assert red_old.read_bytes() == before
    assert not (tmp_path / "x.docx").exists()


def test_diff_outputs_never_name_either_input(docx_pair: tuple[Path, Path]) -> None:
    old, new = docx_pair
    before = {p: p.read_bytes() for p in (old, new)}
    for flag in ("--redline", "--html"):
        for target in (old, new):
            r = cli("diff", old, new, flag, target)
            assert r.exit_code == 2, (flag, target, r.output)
            assert "就是输入文件" in r.output
    for p, data in before.items():
        _unchanged(p, data)


def test_outputs_refuse_fifos_sockets_and_links_to_them(tmp_path: Path, facts: Path, fifo: Path) -> None:
    link = tmp_path / "指向管道"
    link.symlink_to(fifo)
    with unix_socket() as sock:
        for target in (fifo, link, sock):
            r = cli("render", facts, "-o", target, "--format", "txt")
            assert r.exit_code == 2, (target, r.output)
            assert "不是普通文件" in r.output
            r = cli("schema", "-o", target, "--force")
            assert r.exit_code == 2 and "不是普通文件" in r.output
        assert stat.S_ISSOCK(os.stat(sock).st_mode)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and link.is_symlink()


def test_diff_and_init_refuse_a_fifo(fifo: Path, docx_pair: tuple[Path, Path]) -> None:
    old, new = docx_pair
    assert cli("diff", old, new, "--html", fifo).exit_code == 2
    assert cli("diff", old, new, "--redline", fifo).exit_code == 2
    r = cli("init", "leadership_speech", "-o", fifo, "--force")
    assert r.exit_code == 2 and "管道" in r.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_atomic_write_itself_refuses_special_files(fifo: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputRefused, match="管道"):
        atomic_write(fifo, b"x")
    with pytest.raises(OutputRefused, match="目录"):
        atomic_write(tmp_path, b"x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_schema_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("我的文件", encoding="utf-8")
    r = cli("schema", "-o", target)
    assert r.exit_code == 2 and "--force" in r.output
    assert target.read_text(encoding="utf-8") == "我的文件"
    assert cli("schema", "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("{")


def test_guard_allows_a_plain_new_or_existing_output(tmp_path: Path, facts: Path) -> None:
    guard_output(tmp_path / "new.docx", (facts,))
    existing = tmp_path / "old.docx"
    existing.write_bytes(b"x")
    guard_output(existing, (facts, None))
    with pytest.raises(OutputRefused):
        guard_output(existing, (), overwrite=False)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_killed_writers_temp_file_is_cleaned_on_the_next_write(tmp_path: Path) -> None:
    pid = _dead_pid()
    left = tmp_path / f".讲话.docx.p{pid}.0123456789ab.tmp"
    left.write_bytes(b"partial")
    alive = tmp_path / f".讲话.docx.p{os.getppid()}.0123456789ab.tmp"  # a live writer's file stays
    alive.write_bytes(b"in progress")
    recent = tmp_path / f".讲话.docx.p{pid}.ba9876543210.tmp"
    recent.write_bytes(b"just now")
    old = time.time() - 60
    os.utime(left, (old, old))
    os.utime(alive, (old, old))
    assert sweep_temp_files(tmp_path) == 1
    assert not left.exists() and alive.exists() and recent.exists()


def test_render_leaves_no_hidden_files_after_a_killed_run(tmp_path: Path, facts: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    left = out_dir / f".讲话.docx.p{_dead_pid()}.0123456789ab.tmp"
    left.write_bytes(b"partial")
    old = time.time() - 60
    os.utime(left, (old, old))
    code = subprocess.run(
        [sys.executable, "-m", "docgen", "render", str(facts), "-o", str(out_dir / "讲话.docx")],
        capture_output=True,
        check=False,
        timeout=120,
    ).returncode
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["讲话.docx"]


# -- preview: only files it wrote are replaced or removed ---------------------------------------------------


def _pages(n: int, tag: bytes = b"") -> list[tuple[str, bytes]]:
    return [("报告.pdf", b"%PDF" + tag)] + [(f"报告-{i}.png", b"png%d" % i + tag) for i in range(1, n + 1)]


def test_preview_keeps_a_users_png_with_a_page_like_name(tmp_path: Path) -> None:
    mine = tmp_path / "报告-2024.png"
    mine.write_bytes(b"my picture")
    _publish(tmp_path, "报告", _pages(3), (None,))
    _publish(tmp_path, "报告", _pages(2, b"v2"), (None,))  # fewer pages: page 3 was ours, goes
    assert mine.read_bytes() == b"my picture"
    assert sorted(p.name for p in tmp_path.glob("报告-*.png")) == [
        "报告-1.png",
        "报告-2.png",
        "报告-2024.png",
    ]
    assert (tmp_path / "报告-1.png").read_bytes() == b"png1v2"
    assert (tmp_path / MANIFEST).is_file()


def test_preview_refuses_to_replace_a_file_it_did_not_write(tmp_path: Path) -> None:
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"the user's own pdf")
    with pytest.raises(OutputRefused, match="不是 docgen preview 生成的"):
        _publish(tmp_path, "报告", _pages(2), (None,))
    assert pdf.read_bytes() == b"the user's own pdf"
    assert not (tmp_path / "报告-1.png").exists()


def test_preview_keeps_a_page_edited_since_it_wrote_it(tmp_path: Path) -> None:
    _publish(tmp_path, "报告", _pages(3), (None,))
    (tmp_path / "报告-3.png").write_bytes(b"annotated by hand")
    _publish(tmp_path, "报告", _pages(2, b"v2"), (None,))
    assert (tmp_path / "报告-3.png").read_bytes() == b"annotated by hand"


def test_preview_refuses_its_own_source_as_output(tmp_path: Path) -> None:
    src = tmp_path / "报告.pdf"
    src.write_bytes(b"%PDF")
    with pytest.raises(OutputRefused, match="就是输入文件"):
        _publish(tmp_path, "报告", _pages(1), (src,))


def test_an_output_linked_to_a_device_is_refused_and_the_device_untouched(
    tmp_path: Path, facts: Path
) -> None:
    """``-o`` reaching a character device (as root this once replaced /dev/null with a regular file): the link
    lives in the temporary folder; the device is only looked at, never opened for writing."""
    device = Path(os.devnull)
    if not stat.S_ISCHR(os.stat(device).st_mode):
        pytest.skip("no character device at os.devnull")
    link = tmp_path / "空设备"
    link.symlink_to(device)
    for args in (
        ["render", facts, "-o", link, "--format", "txt"],
        ["schema", "-o", link, "--force"],
        ["init", "leadership_speech", "-o", link, "--force"],
    ):
        r = cli(*args)
        assert r.exit_code == 2 and "设备文件" in r.output, (args, r.output)
    assert stat.S_ISCHR(os.stat(device).st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["空设备", "讲话.yaml"]


def _docx_pair_args(tmp_path: Path, facts: Path) -> list[tuple[str, ...]]:
    old = tmp_path / "旧.docx"
    assert cli("render", facts, "-o", old).exit_code == 0
    return [("diff", str(old), str(old), "--html", "{out}"), ("init", "work_summary", "-o", "{out}")]


@pytest.mark.parametrize("where", ["missing", "file"])
def test_an_output_in_a_missing_folder_is_a_usage_error_in_chinese_naming_the_folder(
    tmp_path: Path, facts: Path, where: str
) -> None:
    """A write into a folder that does not exist (or a "folder" that is a file) is an unusable output path:
    exit 2, one Chinese line naming the folder, no English system text, nothing written."""
    folder = tmp_path / "不存在的文件夹"
    if where == "file":
        folder.write_text("一个文件", encoding="utf-8")
    out = folder / "讲话.docx"
    commands = [
        ("render", str(facts), "-o", "{out}"),
        ("schema", "-o", "{out}"),
        *_docx_pair_args(tmp_path, facts),
    ]
    for command in commands:
        result = cli(*(str(out) if a == "{out}" else a for a in command))
        assert result.exit_code == 2, (command, result.output)
        assert str(folder) in result.output and "No such file" not in result.output, result.output
        assert "Traceback" not in result.output and "内部错误" not in result.output
    assert not out.exists() and (where == "file") == folder.exists()


def test_os_errors_are_told_in_chinese() -> None:
    import errno

    from docgen.errors import os_reason

    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "所在磁盘是只读的"
    assert os_reason(ValueError("embedded null byte")) == "文件名不合法"
    assert "No" not in os_reason(OSError(errno.ECHILD, "No child processes"))


def test_a_write_refused_by_the_system_is_a_usage_error_in_chinese(
    tmp_path: Path, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the system refuses (a read-only folder, a full disk), the user sees Chinese and exit 2."""
    import errno

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("docgen.fsutil.os.replace", refuse)
    result = cli("render", facts, "-o", tmp_path / "讲话.docx")
    assert result.exit_code == 2 and "没有权限" in result.output and "Permission" not in result.output
    assert not (tmp_path / "讲话.docx").exists()


def test_render_to_standard_output_writes_no_file_named_dash(tmp_path: Path, facts: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "docgen", "render", str(facts), "-o", "-", "--format", "md"],
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode("utf-8").startswith("#")  # the draft itself, on the pipe
    assert not (tmp_path / "-").exists()
    docx = subprocess.run(
        [sys.executable, "-m", "docgen", "render", str(facts), "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert docx.returncode == 0 and docx.stdout[:2] == b"PK"  # a .docx is a zip
    r = cli("render", facts, "-o", "-", "--compare-to", facts)
    assert r.exit_code == 2 and "标准输出" in r.output
