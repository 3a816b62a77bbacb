"""templates/<kind>.docx: reproducible build from styles/gbt9704.yaml, tags in single runs, clean styles."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from kindlists import ALL_KINDS
from lxml import etree

from docgen.render.context import ROLE_STYLES, TABLE_WIDTH_TWIPS
from docgen.render.docx import DEFAULT_FONT_PROFILE, TEMPLATES_DIR, default_template
from docgen.render.ooxml import load_profile, mm_to_twips

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_templates.py"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TAG = re.compile(r"\{%|%\}|\{\{|\}\}")


def build(out: Path) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True, cwd=REPO
    )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return build(tmp_path_factory.mktemp("t1"))


def xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def test_the_build_writes_one_template_per_kind(built: dict[str, bytes]) -> None:
    assert sorted(built) == sorted({default_template(k).name for k in ALL_KINDS if default_template(k).parent == TEMPLATES_DIR})


def test_two_builds_give_identical_bytes(built: dict[str, bytes], tmp_path: Path) -> None:
    assert build(tmp_path) == built


def test_committed_templates_are_up_to_date(built: dict[str, bytes]) -> None:
    committed = {name: (REPO / "templates" / name).read_bytes() for name in built}
    stale = [n for n in built if committed[n] != built[n]]
    assert not stale, f"run scripts/build_templates.py: {stale} differ from the profile"


def test_kinds_share_one_body_and_one_style_sheet(built: dict[str, bytes]) -> None:
    for part in ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/footer1.xml"):
        contents = {etree.tostring(xml(data, part)) for data in built.values()}
        assert len(contents) == 1, part


def test_every_jinja_tag_sits_in_one_run(built: dict[str, bytes]) -> None:
    doc = xml(built["leadership_speech.docx"], "word/document.xml")
    tagged = [p for p in doc.iter(f"{{{W}}}p") if TAG.search("".join(p.itertext()))]
    assert len(tagged) >= 20
    for p in tagged:
        runs = p.findall("w:r", NS)
        assert len(runs) == 1, "".join(p.itertext())
        text = "".join(runs[0].itertext())
        assert text.count("{%") == text.count("%}") and text.count("{{") == text.count("}}"), text


def test_the_body_is_a_blocks_loop_with_one_styled_paragraph_per_kind(built: dict[str, bytes]) -> None:
    doc = xml(built["work_summary.docx"], "word/document.xml")
    texts = ["".join(p.itertext()) for p in doc.iter(f"{{{W}}}p")]
    assert texts[0] == "{%p for b in blocks %}" and texts[-1] == "{%p endfor %}"
    styles = {}
    for p, nxt in zip(doc.iter(f"{{{W}}}p"), list(doc.iter(f"{{{W}}}p"))[1:], strict=False):
        m = re.fullmatch(r"\{%p (?:el)?if b\.kind == '(\w+)' %\}", "".join(p.itertext()))
        if m:
            styles[m.group(1)] = nxt.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val")
    assert styles == {
        "paragraph": "BodyText",
        "heading2": "Heading2",
        "heading1": "Heading1",
        "byline": "Byline",
        "title": "DocTitle",
        "subtitle": "DocSubtitle",
        "salutation": "Salutation",
        "closing": "ClosingLine",
        "blank": "BodyText",
        "signature": "Signature",
        "table": "TableText",
    }


def test_the_package_has_no_theme_latent_styles_or_clock(built: dict[str, bytes]) -> None:
    data = built["leadership_speech.docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        core = zf.read("docProps/core.xml").decode()
    assert not any("theme" in n for n in names)
    assert xml(data, "word/styles.xml").find("w:latentStyles", NS) is None
    assert "2024-01-01T00:00:00Z" in core and "领导讲话模板" in core
    settings = xml(data, "word/settings.xml")
    assert settings.find("w:themeFontLang", NS).get(f"{{{W}}}eastAsia") == "zh-CN"
    assert settings.find("w:characterSpacingControl", NS).get(f"{{{W}}}val") == "doNotCompress"


def test_style_ids_and_names_are_stable(built: dict[str, bytes]) -> None:
    styles = xml(built["leadership_speech.docx"], "word/styles.xml")
    ids = {
        s.get(f"{{{W}}}styleId"): (s.get(f"{{{W}}}type"), s.find("w:name", NS).get(f"{{{W}}}val"))
        for s in styles.findall("w:style", NS)
    }
    assert ids == {
        "Normal": ("paragraph", "Normal"),
        "BodyText": ("paragraph", "公文正文"),
        "DocTitle": ("paragraph", "公文标题"),
        "DocSubtitle": ("paragraph", "公文副标题"),
        "Byline": ("paragraph", "署名行"),
        "Salutation": ("paragraph", "称谓"),
        "Heading1": ("paragraph", "heading 1"),
        "Heading2": ("paragraph", "heading 2"),
        "ClosingLine": ("paragraph", "结束语"),
        "Signature": ("paragraph", "落款"),
        "TableText": ("paragraph", "表格文字"),
        "TableHeader": ("paragraph", "表头文字"),
        "Footer": ("paragraph", "footer"),
        "L2Lead": ("character", "二级标题引句"),
        "L3Lead": ("character", "一是引句"),
        "ItemLead": ("character", "条目引句"),
        "TodoMark": ("character", "待补标记"),
        "TableNormal": ("table", "Normal Table"),
        "DocTable": ("table", "公文表格"),
    }


def test_profile_numbers_convert_to_the_gbt9704_twips() -> None:
    margins = load_profile().data["page"]["margins_mm"]
    assert {k: mm_to_twips(v) for k, v in margins.items()} == {
        "top": 2098,
        "bottom": 1984,
        "left": 1587,
        "right": 1474,
    }
    assert mm_to_twips(156) == TABLE_WIDTH_TWIPS


def test_renderer_constants_agree_with_the_profile() -> None:
    profile = load_profile()
    assert profile.default_font_profile == DEFAULT_FONT_PROFILE
    char_ids = {s["id"] for s in profile.data["character_styles"]}
    assert {s for s in ROLE_STYLES.values() if s} == char_ids
    assert profile.data["table"]["style_id"] == "DocTable"
    assert profile.font_map("windows") == {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}


def test_a_profile_with_a_wrong_char_space_does_not_build(tmp_path: Path) -> None:
    text = (
        (REPO / "styles" / "gbt9704.yaml")
        .read_text(encoding="utf-8")
        .replace("char_space: -842", "char_space: -841")
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    res = subprocess.run(
        [sys.executable, str(SCRIPT), "--profile", str(bad), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert res.returncode != 0 and "char_space should be -842" in res.stderr


def test_plain_docxtpl_renders_our_templates_to_the_same_paragraphs() -> None:
    # An office may drive the templates with docxtpl directly: same context, same paragraphs and styles.
    from docxtpl import DocxTemplate

    from docgen.render import render_docx, template_context

    sys.path.insert(0, str(REPO / "tests"))
    from test_render_docx import sample_draft

    draft = sample_draft()
    tpl = DocxTemplate(str(REPO / "templates" / "leadership_speech.docx"))
    tpl.render(template_context(draft), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)

    def paragraphs(data: bytes) -> list[tuple[str | None, str]]:
        doc = xml(data, "word/document.xml")
        out = []
        for p in doc.iter(f"{{{W}}}p"):
            st = p.find("w:pPr/w:pStyle", NS)
            out.append((None if st is None else st.get(f"{{{W}}}val"), "".join(p.itertext())))
        return out

    ours = paragraphs(render_docx(draft))
    assert paragraphs(buf.getvalue()) == ours
    assert len(ours) > 20
