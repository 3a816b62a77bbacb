"""LibreOffice opens our redlines and annotated drafts, and its own "accept all" / "reject all" give the new
and the old draft.

LibreOffice runs headless with a private profile holding a small Basic macro (``Review``) that loads a file,
dispatches ``.uno:AcceptAllTrackedChanges`` or ``.uno:RejectAllTrackedChanges`` and stores the text.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from docgen.api import compose_file, render_draft
from docgen.render.finalize import read_parts, write_docx
from docgen.render.pdf import convert
from docgen.review.annotate import annotate_docx
from docgen.review.extract import load_docx
from docgen.review.redline import redline_docx

pytestmark = pytest.mark.office

REPO = Path(__file__).resolve().parents[2]
CITY = REPO / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
PLAN = REPO / "docgen" / "domains" / "cppcc_publicity" / "examples" / "meeting_plan.yaml"

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Review(inPath As String, outPath As String, mode As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, args())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  If mode = &quot;accept&quot; Then
    helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Else
    helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:RejectAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  End If
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;Text (encoded)&quot;
  out(1).Name = &quot;FilterOptions&quot;
  out(1).Value = &quot;UTF8,LF&quot;
  doc.storeToURL(ConvertToURL(outPath), out())
  doc.close(True)
End Sub
</script:module>
"""


def _edit(docx: bytes, change: dict[str, str]) -> bytes:
    parts = read_parts(docx)
    xml = parts["word/document.xml"].decode("utf-8")
    for old, new in change.items():
        assert old in xml, old
        xml = xml.replace(old, new, 1)
    parts["word/document.xml"] = xml.encode("utf-8")
    return write_docx(parts)


@pytest.fixture(scope="module")
def pair() -> tuple[bytes, bytes]:
    """The city example and an edited copy: number swaps, a clause inserted and one deleted, a paragraph
    removed and one added."""
    old = render_draft(compose_file(CITY), "docx")
    xml = read_parts(old)["word/document.xml"].decode("utf-8")
    thanks = re.search(
        r"<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t[^>]*>这些成绩的取得.*?</w:p>", xml
    )
    assert thanks is not None
    new = _edit(
        old,
        {
            "刊发稿件186篇": "刊发稿件190篇",
            "22.4%": "23.1%",
            "，视察中安排专人随组采访、拍摄": "",
            "整个会议节奏紧凑、重点突出": "整个会议节奏紧凑、重点突出、效果良好",
            thanks.group(): '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>新增的一段话，含数字12篇。</w:t></w:r></w:p>',
        },
    )
    return old, new


@pytest.fixture(scope="module")
def profile(office: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice user profile with the ``Review`` macro in its Standard library."""
    root = tmp_path_factory.mktemp("lo-review") / "profile"
    subprocess.run(
        [office, f"-env:UserInstallation={root.as_uri()}", "--headless", "--terminate_after_init"],
        check=True,
        capture_output=True,
        timeout=120,
        env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"),
    )
    module = root / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.is_file(), "LibreOffice did not create its Basic library"
    module.write_text(MACRO, encoding="utf-8")
    return root


def _lo_text(office: str, profile: Path, docx: Path, mode: str) -> list[str]:
    out = docx.with_name(f"{docx.stem}.{mode}.txt")
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            f'macro:///Standard.Module1.Review("{docx}","{out}","{mode}")',
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"),
    )
    assert out.is_file(), f"LibreOffice wrote no text for {mode}"
    return out.read_text(encoding="utf-8-sig").rstrip("\n").split("\n")


def test_libreoffice_accept_all_gives_the_new_draft_and_reject_all_the_old_one(
    office: str, profile: Path, pair: tuple[bytes, bytes], tmp_path: Path
) -> None:
    old, new = pair
    red = tmp_path / "redline.docx"
    red.write_bytes(redline_docx(old, new))
    assert _lo_text(office, profile, red, "accept") == load_docx(new).texts()
    assert _lo_text(office, profile, red, "reject") == load_docx(old).texts()


def test_libreoffice_accepts_and_rejects_table_rows(office: str, profile: Path, tmp_path: Path) -> None:
    old = render_draft(compose_file(PLAN), "docx")
    xml = read_parts(old)["word/document.xml"].decode("utf-8")
    rows = re.findall(r"<w:tr>.*?</w:tr>", xml)
    assert len(rows) >= 3
    new = _edit(old, {rows[1] + rows[2]: rows[2] + rows[1]})  # a row moves down: a deleted and an added row
    red = tmp_path / "plan.redline.docx"
    red.write_bytes(redline_docx(old, new))
    accepted = [line for line in _lo_text(office, profile, red, "accept") if line]
    rejected = [line for line in _lo_text(office, profile, red, "reject") if line]
    assert accepted == [t for t in load_docx(new).texts() if t]
    assert rejected == [t for t in load_docx(old).texts() if t]


def test_libreoffice_opens_the_redline_and_the_annotated_draft(
    office: str, pair: tuple[bytes, bytes], tmp_path: Path
) -> None:
    old, new = pair
    draft = compose_file(CITY)
    files = {
        "redline": redline_docx(old, new),
        "annotated": annotate_docx(render_draft(draft, "docx"), draft),
    }
    sources = []
    for name, data in files.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        sources.append(path)
    for pdf in convert(sources, tmp_path / "pdf", "pdf"):
        assert pdf.stat().st_size > 10_000 and pdf.read_bytes().startswith(b"%PDF")
    (_, annotated) = convert(sources, tmp_path / "rt", "docx:MS Word 2007 XML")
    comments = read_parts(annotated.read_bytes()).get("word/comments.xml", b"").decode("utf-8")
    assert "achievements.media.total" in comments  # LibreOffice read the comments and wrote them back
    text = convert(sources[:1], tmp_path / "txt", "txt:Text (encoded):UTF8")[0].read_text(
        encoding="utf-8-sig"
    )
    assert "186" in text and "190" in text  # tracked deletion and insertion both shown
