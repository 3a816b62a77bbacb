"""``docgen batch``: many facts files → many outputs; bad files do not stop it; reruns skip what is up to date;
an interrupted batch leaves only complete files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import api
from docgen import batch as lib
from docgen.batch.pdf import chunks
from docgen.batch.pool import group_size
from docgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples"
CITY = EXAMPLES / "city_leadership_speech.yaml"
PLAN = EXAMPLES / "meeting_plan.yaml"


def inputs(folder: Path, *, bad: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "city.yaml").write_bytes(CITY.read_bytes())
    (folder / "plan.yaml").write_bytes(PLAN.read_bytes())
    if bad:
        text = CITY.read_text(encoding="utf-8").replace("kind: leadership_speech", "kind: speech", 1)
        (folder / "broken.yaml").write_text(text, encoding="utf-8")
    return folder


def batch(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["batch", *args])
    return r.exit_code, r.stdout, r.stderr


def test_a_bad_file_does_not_stop_the_batch_and_exit_is_one(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in"), tmp_path / "out"
    code, stdout, stderr = batch(str(src), "-o", str(out), "--jobs", "1")
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == [lib.MANIFEST, "city.docx", "plan.docx"]
    # the table names each input, its output and the located problem of the broken file
    assert "city.docx" in stdout and "plan.docx" in stdout
    assert "broken.yaml:" in stdout and "[bad-choice]" in stdout
    assert "生成 2，未变跳过 0，有问题 1" in stdout
    # plain progress lines when not on a terminal
    assert "[3/3]" in stderr and "有问题" in stderr


def test_outputs_are_the_bytes_docgen_render_makes(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", bad=False), tmp_path / "out"
    code, _, _ = batch(str(src), "-o", str(out), "--jobs", "2")
    assert code == 0
    for name in ("city", "plan"):
        expected = api.render_draft(api.compose_file(src / f"{name}.yaml"), "docx")
        assert (out / f"{name}.docx").read_bytes() == expected


def test_text_formats_and_draft_mode(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", bad=False), tmp_path / "out"
    code, _, _ = batch(str(src / "*.yaml"), "-o", str(out), "--format", "md", "--mode", "draft")
    assert code == 0
    expected = api.render_draft(api.compose_file(src / "city.yaml", mode="draft"), "md")
    assert (out / "city.md").read_bytes() == expected


def test_rerun_skips_outputs_up_to_date_and_redoes_changed_ones(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", bad=False), tmp_path / "out"
    assert batch(str(src), "-o", str(out))[0] == 0
    manifest = json.loads((out / lib.MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["outputs"]) == {"city.docx", "plan.docx"}
    before = (out / "plan.docx").stat().st_mtime_ns

    code, stdout, _ = batch(str(src), "-o", str(out))
    assert code == 0 and "生成 0，未变跳过 2" in stdout
    assert (out / "plan.docx").stat().st_mtime_ns == before

    with (src / "city.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# 改过一行注释\n")
    (out / "plan.docx").write_bytes(b"damaged")  # an output changed by hand is made again
    code, stdout, _ = batch(str(src), "-o", str(out))
    assert code == 0 and "生成 2，未变跳过 0" in stdout
    assert zipfile.is_zipfile(out / "plan.docx")

    code, stdout, _ = batch(str(src), "-o", str(out), "--mode", "draft")  # other options: other outputs
    assert "生成 2" in stdout
    code, stdout, _ = batch(str(src), "-o", str(out), "--mode", "draft", "--force")
    assert "生成 2" in stdout


def test_same_stems_get_distinct_names_and_globs_expand(tmp_path: Path) -> None:
    for sub in ("甲县", "乙县"):
        inputs(tmp_path / sub, bad=False)
    out = tmp_path / "out"
    code, _, _ = batch(str(tmp_path / "*" / "city.yaml"), "-o", str(out))
    assert code == 0
    assert sorted(p.name for p in out.glob("*.docx")) == ["city-2.docx", "city.docx"]


def test_missing_input_is_one_failed_row(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", bad=False), tmp_path / "out"
    code, stdout, _ = batch(str(src / "city.yaml"), str(tmp_path / "nowhere.yaml"), "-o", str(out))
    assert code == 1
    assert "[file-missing]" in stdout and (out / "city.docx").is_file()


def test_zip_of_the_outputs_is_deterministic(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in"), tmp_path / "out"
    code, _, _ = batch(str(src), "-o", str(out), "--zip", str(tmp_path / "a.zip"))
    assert code == 1  # the broken file is still reported; the zip holds the rendered ones
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert zf.namelist() == ["city.docx", "plan.docx"]
        assert zf.read("city.docx") == (out / "city.docx").read_bytes()
    batch(str(src), "-o", str(out), "--zip", str(tmp_path / "b.zip"))  # all skipped: same zip
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_leftover_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", bad=False), tmp_path / "out"
    out.mkdir()
    (out / ".city.docx.0123456789ab.tmp").write_bytes(b"half a file")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert batch(str(src), "-o", str(out))[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [lib.MANIFEST, "city.docx", "notes.txt", "plan.docx"]


def test_output_directory_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    src = inputs(tmp_path / "in", bad=False)
    (tmp_path / "out").write_text("x", encoding="utf-8")
    code, _, stderr = batch(str(src), "-o", str(tmp_path / "out"))
    assert code == 2 and "不是目录" in stderr


def test_documents_go_to_the_workers_a_few_per_task() -> None:
    assert group_size(1000, 2) == 8  # one round trip for eight documents
    assert group_size(40, 2) == 2  # every worker still gets many tasks
    assert group_size(5, 2) == 1


def test_chunks_give_each_libreoffice_many_documents() -> None:
    assert chunks(list(range(20)), 50, 2) == [list(range(10)), list(range(10, 20))]
    assert chunks(list(range(5)), 50, 2) == [list(range(5))]
    assert [len(c) for c in chunks(list(range(120)), 50, 1)] == [40, 40, 40]
    assert chunks([], 50, 2) == []


def _complete(out: Path) -> list[str]:
    """Names in ``out`` that are not complete .docx files (and not the manifest)."""
    bad = []
    for p in out.iterdir():
        if p.name == lib.MANIFEST:
            json.loads(p.read_text(encoding="utf-8"))
        elif not (p.suffix == ".docx" and zipfile.is_zipfile(p) and zipfile.ZipFile(p).testzip() is None):
            bad.append(p.name)
    return bad


@pytest.mark.slow
@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_an_interrupted_batch_leaves_only_complete_files_and_resumes(tmp_path: Path, how: str) -> None:
    src, out, N = tmp_path / "in", tmp_path / "out", 60
    src.mkdir()
    for i in range(N):
        (src / f"u{i:02d}.yaml").write_bytes(CITY.read_bytes())
    cmd = [sys.executable, "-m", "docgen", "batch", str(src), "-o", str(out), "--jobs", "2"]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # Ctrl-C as in a terminal: a suite started in the background (`pytest &`) ignores SIGINT, and a child
        # inherits that; Python then installs no KeyboardInterrupt handler and the batch runs to its end
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 5:
        time.sleep(0.01)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    if how == "kill":
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    proc.communicate(timeout=60)
    if how == "interrupt":
        assert proc.returncode == 130
    finished = len(list(out.glob("*.docx")))
    assert 5 <= finished < N
    # a killed run may leave its temporary files; they are never mistaken for outputs
    assert all(name.endswith(".tmp") for name in _complete(out))
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    assert _complete(out) == []
    assert len(list(out.glob("*.docx"))) == N
    recorded = json.loads((out / lib.MANIFEST).read_text(encoding="utf-8"))["outputs"]
    assert len(recorded) == N
    if how == "interrupt":  # what the interrupted run finished and recorded is not made again
        skipped = int(r.stdout.split("未变跳过 ")[1].split("，")[0])
        assert skipped >= 5


@pytest.mark.office
def test_pdf_batch_converts_several_documents_per_libreoffice_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.render import pdf

    if pdf.find_soffice() is None:
        if os.environ.get("DOCGEN_REQUIRE_OFFICE"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("no LibreOffice")
    calls: list[int] = []
    real = pdf.convert

    def counting(sources, outdir, fmt="pdf", **kw):  # type: ignore[no-untyped-def]
        calls.append(len(sources))
        return real(sources, outdir, fmt, **kw)

    monkeypatch.setattr(pdf, "convert", counting)
    src, out = inputs(tmp_path / "in"), tmp_path / "out"
    (src / "city2.yaml").write_bytes(CITY.read_bytes())
    options = lib.BatchOptions(out, "pdf", jobs=1)
    result = lib.run(lib.plan([src], options), options)
    assert [o.status for o in result.outcomes] == ["failed", "rendered", "rendered", "rendered"]
    assert calls == [3]  # one LibreOffice start for the three good documents
    for name in ("city.pdf", "city2.pdf", "plan.pdf"):
        assert (out / name).read_bytes().startswith(b"%PDF")
    assert not (out / lib.STAGING).exists()
    again = lib.run(lib.plan([src], options), options)
    assert [o.status for o in again.outcomes] == ["failed", "skipped", "skipped", "skipped"]


def test_batch_prints_warnings_in_the_located_format_render_uses(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    from helpers import dump, edit, minimal_speech

    data = edit(minimal_speech(), {"closing": {"family": "confidence", "addressees": "全体委员"}})
    (src / "city.yaml").write_text(dump(data), encoding="utf-8")
    draft = api.compose_file(src / "city.yaml")
    assert draft.notices, "the example must give at least one warning for this test to mean something"
    code, _, stderr = batch(str(src), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert code == 0
    for n in draft.notices:
        assert n.format() in stderr.splitlines()
        assert n.format().startswith(f"{src / 'city.yaml'}:{n.line}:{n.col}: ")
    assert f"共 {len(draft.notices)} 条警告。" in stderr


def test_the_terminal_table_counts_warnings_and_leaves_their_lines_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from helpers import dump, edit, minimal_speech

    from docgen.cli_batch import _table

    src = tmp_path / "in"
    src.mkdir()
    data = edit(minimal_speech(), {"closing": {"family": "confidence", "addressees": "全体委员"}})
    (src / "city.yaml").write_text(dump(data), encoding="utf-8")
    options = lib.BatchOptions(tmp_path / "out", jobs=1)
    result = lib.run(lib.plan([src], options), options)
    [outcome] = result.outcomes
    assert outcome.warnings
    _table(result, tmp_path / "out", True)
    shown = capsys.readouterr().out
    assert str(len(outcome.warnings)) in shown
    assert not any(w.split(": ", 1)[1][:20] in shown.replace("\n", "") for w in outcome.warnings)
