"""`docgen render --format pdf` and `docgen preview` with a real LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from docgen.cli import main
from docgen.render import ooxml

from .conftest import REPO, Converted
from .measure import read_pdf

pytestmark = pytest.mark.office

CITY = REPO / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_render_pdf_writes_a_pdf_and_names_every_substituted_font(office: str, tmp_path: Path) -> None:
    out = tmp_path / "讲话.pdf"
    code, stdout, stderr = run("render", str(CITY), "--format", "pdf", "-o", str(out))
    assert code == 0, stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert f"已生成 {out}" in stdout
    fangsong = ooxml.load_profile().face("fangsong")
    assert f"字体替代：{fangsong} → " in stderr  # no 仿宋_GB2312 on a build machine
    assert ".docx 中的字体名不变" in stderr
    assert "PDF 中的字体：" in stderr


def test_preview_writes_the_pdf_and_one_png_per_page(office: str, tmp_path: Path, city: Converted) -> None:
    code, stdout, stderr = run("preview", str(CITY), "-o", str(tmp_path / "预览"))
    assert code == 0, stderr
    pdf = tmp_path / "预览" / "city_leadership_speech.pdf"
    pages = read_pdf(pdf)
    assert len(pages) == len(city.pages)
    pngs = sorted((tmp_path / "预览").glob("city_leadership_speech-*.png"))
    assert len(pngs) == len(pages)
    with Image.open(pngs[0]) as im:  # A4 at 100 dpi
        assert abs(im.width - 827) <= 2 and abs(im.height - 1169) <= 2
    assert "字体替代：" in stderr
    assert f"（{len(pages)} 页）" in stdout


def test_preview_of_a_docx_and_a_second_run_leaves_no_stale_pages(
    office: str, tmp_path: Path, city: Converted
) -> None:
    target = tmp_path / "out"
    (target).mkdir()
    (target / "city_leadership_speech-2024.png").write_bytes(b"the user's own picture")
    code, _, stderr = run("preview", str(city.docx), "-o", str(target), "--dpi", "50")
    assert code == 0, stderr
    code, _, stderr = run("preview", str(city.docx), "-o", str(target), "--dpi", "40")
    assert code == 0, stderr
    pngs = sorted(target.glob("city_leadership_speech-*.png"))
    assert len(pngs) == len(city.pages) + 1
    assert (target / "city_leadership_speech-2024.png").read_bytes() == b"the user's own picture"
