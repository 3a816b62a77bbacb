"""docgen.render.pdf without LibreOffice: the shipped fontconfig file, the per-run copy, the install hint,
timeouts and failed conversions (a fake soffice), the fonts a .docx asks for."""

from __future__ import annotations

import os
import stat
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from docgen.api import render_draft
from docgen.cli import main
from docgen.draft import Draft, DraftMeta, Title
from docgen.errors import EXIT_RENDER, RenderError
from docgen.render import ooxml, pdf
from docgen.render.pdf import INSTALL_HINT, convert, docx_to_pdf, fonts_conf, requested_fonts

REPO = Path(__file__).resolve().parents[1]
CITY = REPO / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="fake soffice is a shell script")


def sample_docx() -> bytes:
    return render_draft(Draft(DraftMeta("t", "leadership_speech", "标题", date(2024, 1, 1)), [Title("标题")]))


def fake_soffice(tmp_path: Path, body: str) -> Path:
    exe = tmp_path / "soffice"
    exe.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe


def test_the_shipped_fonts_conf_is_a_fontconfig_file_with_an_alias_for_every_official_name() -> None:
    path = pdf.shipped_fonts_conf()
    root = etree.parse(str(path)).getroot()
    assert root.tag == "fontconfig"
    assert root.find("include") is not None
    aliased = {a.findtext("family") for a in root.iter("alias")}
    for profile in ooxml.load_profile().font_profiles.values():
        assert set(profile.values()) <= aliased
    assert {"仿宋", "FangSong", "楷体", "黑体", "宋体"} <= aliased
    for a in root.iter("alias"):
        assert a.get("binding") == "strong"
        assert a.findall("accept/family")


def test_the_per_run_copy_includes_the_system_config_and_keeps_only_installed_faces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = frozenset({"FandolFang", "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN"})
    monkeypatch.setattr(pdf, "_installed", lambda system: installed)
    monkeypatch.setenv("FONTCONFIG_FILE", str(tmp_path / "mine.conf"))
    (tmp_path / "mine.conf").write_text("<fontconfig/>", encoding="utf-8")
    conf = fonts_conf(tmp_path / "fonts.conf")
    assert conf is not None
    root = etree.parse(str(conf)).getroot()
    assert root.findtext("include") == str(tmp_path / "mine.conf")
    accepts = {
        a.findtext("family"): [f.text for f in a.iterfind("accept/family")] for a in root.iter("alias")
    }
    assert accepts["仿宋_GB2312"] == ["FandolFang", "Noto Serif CJK SC"]
    assert accepts["楷体_GB2312"] == ["AR PL UKai CN", "Noto Serif CJK SC"]
    assert accepts["黑体"] == ["Noto Sans CJK SC"]
    # 小标宋 falls to a light serif: ask for its bold
    assert "方正小标宋简体" in {m.findtext("test/string") for m in root.iter("match")}


def test_a_real_xiaobiaosong_or_a_heavy_stand_in_gets_no_bold_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for faces in ({"方正小标宋简体", "Noto Serif CJK SC"}, {"Noto Serif CJK SC Black", "Noto Serif CJK SC"}):
        monkeypatch.setattr(pdf, "_installed", lambda system, faces=faces: frozenset(faces))
        conf = fonts_conf(tmp_path / "fonts.conf")
        assert conf is not None
        assert "方正小标宋简体" not in {
            m.findtext("test/string") for m in etree.parse(str(conf)).iter("match")
        }


def test_without_fontconfig_tools_no_config_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "_installed", lambda system: None)
    assert fonts_conf(tmp_path / "fonts.conf") is None
    assert pdf.font_report(["仿宋_GB2312"]) == ()


def test_the_docx_asks_for_the_official_fonts() -> None:
    profile = ooxml.load_profile()
    assert set(requested_fonts(sample_docx())) == set(profile.font_profiles["gb2312"].values())


def test_without_libreoffice_the_error_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_SOFFICE", "/nonexistent/soffice")
    assert pdf.find_soffice() is None
    with pytest.raises(RenderError) as exc:
        docx_to_pdf(sample_docx())
    assert str(exc.value) == INSTALL_HINT
    assert "apt-get install libreoffice-writer-nogui" in INSTALL_HINT


def test_the_cli_exits_3_with_the_install_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_SOFFICE", "/nonexistent/soffice")
    for args in (
        ["render", str(CITY), "--format", "pdf", "-o", str(tmp_path / "x.pdf")],
        ["preview", str(CITY), "-o", str(tmp_path / "pv")],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == EXIT_RENDER
        assert "未找到 LibreOffice：请安装 libreoffice-writer-nogui" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


@posix_only
def test_a_hanging_libreoffice_is_killed_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "still-running"
    exe = fake_soffice(tmp_path, f"sleep 30; touch {marker}")
    monkeypatch.setenv("DOCGEN_SOFFICE", str(exe))
    src = tmp_path / "a.docx"
    src.write_bytes(sample_docx())
    started = time.monotonic()
    with pytest.raises(RenderError, match="LibreOffice 转换超时（1 秒）"):
        convert([src], tmp_path / "out", timeout=1)
    assert time.monotonic() - started < 10
    time.sleep(0.2)
    assert not marker.exists()


@posix_only
def test_a_conversion_that_writes_nothing_is_an_error_and_uses_a_private_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "args"
    exe = fake_soffice(
        tmp_path, f'printf "%s\\n" "$@" > {log}; echo "Error: source file could not be loaded" >&2'
    )
    monkeypatch.setenv("DOCGEN_SOFFICE", str(exe))
    src = tmp_path / "a.docx"
    src.write_bytes(sample_docx())
    with pytest.raises(RenderError, match=r"LibreOffice 未能转换 a.*source file could not be loaded"):
        convert([src], tmp_path / "out")
    args = log.read_text(encoding="utf-8").splitlines()
    assert "--headless" in args and "--convert-to" in args
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert not os.path.exists(profile.split("file://", 1)[1])  # removed afterwards


@posix_only
def test_the_child_gets_the_generated_fontconfig_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "_installed", lambda system: frozenset({"FandolFang"}))
    seen = tmp_path / "seen.conf"
    exe = fake_soffice(tmp_path, f'cp "$FONTCONFIG_FILE" {seen}')
    monkeypatch.setenv("DOCGEN_SOFFICE", str(exe))
    src = tmp_path / "a.docx"
    src.write_bytes(sample_docx())
    with pytest.raises(RenderError):
        convert([src], tmp_path / "out")
    assert "<family>FandolFang</family>" in seen.read_text(encoding="utf-8")
