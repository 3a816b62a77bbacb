"""A house template edited in LibreOffice: open templates/<kind>.docx, change the body font, save as .docx
(scripted with a Basic macro), then `docgen template check` it and render with it."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from docgen.api import compose_file, render_draft
from docgen.cli import main
from docgen.render import ooxml
from docgen.render.docx import default_template
from docgen.render.pdf import convert, font_report
from docgen.template_check import check_template

from .conftest import REPO
from .measure import face_key, read_pdf

pytestmark = pytest.mark.office

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub SetBodyFont(src As String, dst As String, styleName As String, font As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
  st = doc.StyleFamilies.getByName(&quot;ParagraphStyles&quot;).getByName(styleName)
  st.CharFontNameAsian = font
  st.CharFontName = font
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;MS Word 2007 XML&quot;
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>
"""


def edit_in_libreoffice(soffice: str, src: Path, dst: Path, style: str, font: str, work: Path) -> None:
    """What an office does by hand: open the template, restyle 公文正文, save as Word .docx."""
    profile = work / "profile"
    # a first start creates the profile and its Standard Basic library; the macro then replaces Module1
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--terminate_after_init"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.is_file(), "LibreOffice did not create its Basic library"
    module.write_text(MACRO, encoding="utf-8")
    call = f'macro:///Standard.Module1.SetBodyFont("{src}","{dst}","{style}","{font}")'
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            call,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert dst.is_file(), "the macro did not save the edited template"


@pytest.fixture(scope="module")
def edited(office: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("house")
    src = work / "本单位讲话模板.docx"
    shutil.copyfile(default_template("leadership_speech"), src)
    dst = work / "本单位讲话模板-已改.docx"
    kaiti = ooxml.load_profile().face("kaiti")
    edit_in_libreoffice(office, src, dst, "公文正文", kaiti, work)
    return dst


def body_font(docx_path: Path) -> str:
    with zipfile.ZipFile(docx_path) as zf:
        styles = etree.fromstring(zf.read("word/styles.xml"))
    for st in styles.iter(f"{{{W}}}style"):
        name = st.find(f"{{{W}}}name")
        if name is not None and name.get(f"{{{W}}}val") == "公文正文":
            rf = st.find(f"{{{W}}}rPr/{{{W}}}rFonts")
            assert rf is not None
            return str(rf.get(f"{{{W}}}eastAsia", ""))
    raise AssertionError("no 公文正文 style")


def test_libreoffice_saved_the_new_body_font_and_renamed_the_style_ids(edited: Path) -> None:
    assert body_font(edited) == ooxml.load_profile().face("kaiti")
    with zipfile.ZipFile(edited) as zf:
        assert b'w:styleId="BodyText"' not in zf.read("word/styles.xml")  # LibreOffice writes Style<n>


def test_the_edited_template_passes_the_check_with_a_note_on_renamed_styles(edited: Path) -> None:
    findings = check_template(edited)
    assert [f for f in findings if f.severity == "error"] == []
    assert "style-renamed" in {f.code for f in findings}
    result = CliRunner().invoke(main, ["template", "check", str(edited)])
    assert result.exit_code == 0, result.output


def test_a_draft_rendered_with_the_edited_template_uses_its_body_font(edited: Path, tmp_path: Path) -> None:
    draft = compose_file(REPO / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml")
    out = tmp_path / "讲话.docx"
    out.write_bytes(render_draft(draft, "docx", template=edited))
    kaiti = ooxml.load_profile().face("kaiti")
    assert body_font(out) == kaiti
    (pdf,) = convert([out], tmp_path / "pdf", "pdf")
    pages = read_pdf(pdf)
    stand_in = {f.requested: f for f in font_report([kaiti])}[kaiti]
    body = [ln for p in pages for ln in p.lines if len(ln.text) >= 20 and abs(ln.size - 16) < 0.5]
    assert body
    share = sum(face_key(stand_in.postscript) in ln.font_keys for ln in body) / len(body)
    assert share > 0.9


def test_the_cli_renders_with_the_edited_template(edited: Path, tmp_path: Path) -> None:
    out = tmp_path / "讲话.docx"
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(REPO / "docgen/domains/cppcc_publicity/examples/city_leadership_speech.yaml"),
            "--template",
            str(edited),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert body_font(out) == ooxml.load_profile().face("kaiti")
