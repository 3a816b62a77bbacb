"""render_docx: GB/T 9704 layout of the output, data safety, determinism, errors."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from docgen.draft import (
    Byline,
    ClosingLine,
    Draft,
    DraftMeta,
    Heading,
    Paragraph,
    Salutation,
    Segment,
    Signature,
    Subtitle,
    Table,
    Title,
)
from docgen.errors import RenderError
from docgen.fsutil import atomic_write
from docgen.render import clear_cache, finalize, parts_digest, render_docx
from docgen.render.context import signature_indents, text_width
from docgen.render.finalize import FIXED_DATE_TIME, read_parts, write_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TRICKY = 'A&B <c> "d" {{ x }} {% y %}'
REPO = Path(__file__).resolve().parents[1]


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def sample_draft(extra: str = "") -> Draft:
    """A speech with every block kind (also used by the cross-process determinism test)."""
    return Draft(
        meta=DraftMeta(
            doc_id="test-001",
            kind="leadership_speech",
            title="在全市政协宣传信息工作会议上的讲话",
            date=date(2024, 12, 6),
            author="市政协办公室",
            subject="宣传信息工作",
            keywords="政协;宣传",
        ),
        blocks=[
            Title("在全市政协宣传信息工作会议上的讲话"),
            Subtitle("——在全市政协宣传信息工作会议上的讲话"),
            Byline(("市政协主席　林远航", "（2024年12月6日）")),
            Salutation("同志们："),
            Paragraph((Segment("今天召开会议，主要任务是总结工作、部署任务。"),)),
            Heading(1, "一、", "过去一年的主要工作"),
            Paragraph(
                (
                    Segment("（一）凝聚工作合力，树好政协形象。", "l2_lead"),
                    Segment("全年在市级以上媒体刊发稿件160余篇，同比增长12.5%。"),
                )
            ),
            Heading(2, "（二）", "信息工作提质增效"),
            Paragraph(
                (
                    Segment("一是聚焦主题主线集中发声。", "l3_lead"),
                    Segment("全年编发社情民意信息"),
                    Segment("〔待补：篇数〕", "todo"),
                    Segment("篇。"),
                    Segment("二是强化上下联动。", "l3_lead"),
                    Segment("与县区政协协同报送。"),
                )
            ),
            Paragraph((Segment("1.高度重视，周密部署。", "item_lead"), Segment("成立工作专班。"))),
            Paragraph((Segment(TRICKY + extra),)),
            ClosingLine("谢谢大家！"),
            Signature("政协某某市委员会办公室", "2024年12月6日"),
            Table((("时间", "议程", "负责人"), ("9:00", "开幕式", "张三"), ("9:30", TRICKY))),
        ],
    )


@pytest.fixture(scope="module")
def out() -> bytes:
    return render_docx(sample_draft())


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def style(styles: etree._Element, sid: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{sid}']", NS)
    assert found is not None, sid
    return found


def attr(el: etree._Element | None, path: str, name: str) -> str | None:
    assert el is not None
    node = el.find(path, NS)
    return None if node is None else node.get(q(name))


def paragraph_texts(document: etree._Element) -> list[str]:
    return ["".join(p.itertext()) for p in document.iter(q("p"))]


# -- page geometry ----------------------------------------------------------------------------------------


def test_page_is_a4_with_gbt9704_margins_in_twips(out: bytes) -> None:
    sect = part(out, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert attr(sect, "w:pgSz", "w") == "11906" and attr(sect, "w:pgSz", "h") == "16838"
    margins = {k: attr(sect, "w:pgMar", k) for k in ("top", "bottom", "left", "right", "footer")}
    assert margins == {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474", "footer": "1361"}


def test_line_grid_and_character_spacing_give_28_chars_a_line_and_22_lines_a_page(out: bytes) -> None:
    grid = part(out, "word/document.xml").find(".//w:sectPr/w:docGrid", NS)
    assert grid is not None
    assert grid.get(q("type")) == "lines"
    pitch = int(grid.get(q("linePitch"), "0"))
    assert pitch == 579
    assert (16838 - 2098 - 1984) // pitch == 22
    body = style(part(out, "word/styles.xml"), "BodyText")
    spacing = int(attr(body, "w:rPr/w:spacing", "val") or 0)
    text_w_pt = (11906 - 1587 - 1474) / 20
    assert int(text_w_pt / (16 + spacing / 20)) == 28
    assert int(text_w_pt / 16) == 27  # without the adjustment a line holds only 27


def test_every_grid_bound_style_has_the_character_spacing_and_off_grid_ones_do_not(out: bytes) -> None:
    styles = part(out, "word/styles.xml")
    for sid in (
        "Normal",
        "BodyText",
        "Heading1",
        "Heading2",
        "Byline",
        "DocSubtitle",
        "Salutation",
        "Signature",
    ):
        assert attr(style(styles, sid), "w:rPr/w:spacing", "val") == "-5", sid
    for sid in ("DocTitle", "TableText", "Footer"):
        assert style(styles, sid).find("w:rPr/w:spacing", NS) is None, sid
        assert attr(style(styles, sid), "w:pPr/w:snapToGrid", "val") == "0", sid


# -- styles ---------------------------------------------------------------------------------------------


def test_every_style_has_an_east_asian_font_and_no_theme_font_is_left(out: bytes) -> None:
    styles = part(out, "word/styles.xml")
    all_styles = styles.findall("w:style", NS)
    assert len(all_styles) >= 18
    for st in all_styles:
        rfonts = st.find("w:rPr/w:rFonts", NS)
        assert rfonts is not None and rfonts.get(q("eastAsia")), st.get(q("styleId"))
    for rfonts in styles.iter(q("rFonts")):
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in rfonts.attrib)
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert attr(default, "w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert attr(default, "w:lang", "eastAsia") == "zh-CN"
    assert styles.find("w:latentStyles", NS) is None


def test_body_style_is_3hao_fangsong_justified_indented_two_chars_at_exact_579(out: bytes) -> None:
    body = style(part(out, "word/styles.xml"), "BodyText")
    assert attr(body, "w:rPr/w:sz", "val") == "32"
    assert attr(body, "w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    assert attr(body, "w:pPr/w:jc", "val") == "both"
    assert attr(body, "w:pPr/w:ind", "firstLineChars") == "200"
    assert attr(body, "w:pPr/w:ind", "firstLine") == "640"
    spacing = {k: attr(body, "w:pPr/w:spacing", k) for k in ("line", "lineRule", "before", "after")}
    assert spacing == {"line": "579", "lineRule": "exact", "before": "0", "after": "0"}


def test_title_is_2hao_xiaobiaosong_centred_not_bold(out: bytes) -> None:
    title = style(part(out, "word/styles.xml"), "DocTitle")
    assert attr(title, "w:rPr/w:sz", "val") == "44"
    assert attr(title, "w:rPr/w:rFonts", "eastAsia") == "方正小标宋简体"
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    assert attr(title, "w:rPr/w:b", "val") == "0"
    assert attr(title, "w:pPr/w:ind", "firstLineChars") == "0"


def test_byline_and_subtitle_are_kaiti_centred(out: bytes) -> None:
    styles = part(out, "word/styles.xml")
    for sid in ("Byline", "DocSubtitle"):
        st = style(styles, sid)
        assert attr(st, "w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"
        assert attr(st, "w:pPr/w:jc", "val") == "center"
        assert attr(st, "w:rPr/w:sz", "val") == "32"


def test_headings_are_heiti_and_kaiti_with_outline_levels_and_keep_next(out: bytes) -> None:
    styles = part(out, "word/styles.xml")
    h1, h2 = style(styles, "Heading1"), style(styles, "Heading2")
    assert attr(h1, "w:name", "val") == "heading 1"
    assert attr(h1, "w:rPr/w:rFonts", "eastAsia") == "黑体"
    assert attr(h2, "w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"
    assert attr(h1, "w:pPr/w:outlineLvl", "val") == "0"
    assert attr(h2, "w:pPr/w:outlineLvl", "val") == "1"
    for h in (h1, h2):
        assert h.find("w:pPr/w:keepNext", NS) is not None
        assert attr(h, "w:rPr/w:b", "val") == "0"


def test_signature_style_is_right_aligned_two_chars_in(out: bytes) -> None:
    sig = style(part(out, "word/styles.xml"), "Signature")
    assert attr(sig, "w:pPr/w:jc", "val") == "right"
    assert attr(sig, "w:pPr/w:ind", "rightChars") == "200"


# -- body -----------------------------------------------------------------------------------------------


def test_every_line_of_the_draft_appears_in_order(out: bytes) -> None:
    texts = [t for t in paragraph_texts(part(out, "word/document.xml")) if t]
    expected = [line for line in sample_draft().lines() for line in line.split("\t")]
    assert texts == expected


def test_paragraphs_carry_the_style_of_their_block(out: bytes) -> None:
    d = docx.Document(io.BytesIO(out))
    styles = [(p.style.style_id, p.text) for p in d.paragraphs if p.text]
    assert styles[:4] == [
        ("DocTitle", "在全市政协宣传信息工作会议上的讲话"),
        ("DocSubtitle", "——在全市政协宣传信息工作会议上的讲话"),
        ("Byline", "市政协主席　林远航"),
        ("Byline", "（2024年12月6日）"),
    ]
    by_text = dict((t, s) for s, t in styles)
    assert by_text["同志们："] == "Salutation"
    assert by_text["一、过去一年的主要工作"] == "Heading1"
    assert by_text["（二）信息工作提质增效"] == "Heading2"
    assert by_text["谢谢大家！"] == "ClosingLine"
    assert by_text["政协某某市委员会办公室"] == "Signature"


def test_a_blank_line_follows_the_head_and_precedes_the_signature(out: bytes) -> None:
    texts = paragraph_texts(part(out, "word/document.xml"))
    i = texts.index("（2024年12月6日）")
    assert texts[i + 1] == "" and texts[i + 2] == "同志们："
    j = texts.index("政协某某市委员会办公室")
    assert texts[j - 1] == "" and texts[j - 2] == "谢谢大家！"


def test_only_the_run_in_l2_lead_sentence_has_the_l2lead_style(out: bytes) -> None:
    doc = part(out, "word/document.xml")
    p = next(p for p in doc.iter(q("p")) if "".join(p.itertext()).startswith("（一）凝聚"))
    runs = [(attr(r, "w:rPr/w:rStyle", "val"), "".join(r.itertext())) for r in p.findall("w:r", NS)]
    assert runs == [
        ("L2Lead", "（一）凝聚工作合力，树好政协形象。"),
        (None, "全年在市级以上媒体刊发稿件160余篇，同比增长12.5%。"),
    ]


def test_l3_item_and_todo_segments_get_their_character_styles(out: bytes) -> None:
    doc = part(out, "word/document.xml")
    styled = {"".join(r.itertext()): attr(r, "w:rPr/w:rStyle", "val") for r in doc.iter(q("r"))}
    assert styled["一是聚焦主题主线集中发声。"] == "L3Lead"
    assert styled["二是强化上下联动。"] == "L3Lead"
    assert styled["1.高度重视，周密部署。"] == "ItemLead"
    assert styled["〔待补：篇数〕"] == "TodoMark"
    assert styled["篇。"] is None
    styles = part(out, "word/styles.xml")
    assert attr(style(styles, "TodoMark"), "w:rPr/w:highlight", "val") == "yellow"
    assert attr(style(styles, "L2Lead"), "w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"
    assert attr(style(styles, "L3Lead"), "w:rPr/w:b", "val") == "0"


def test_xml_special_characters_and_jinja_syntax_in_data_are_text(out: bytes) -> None:
    texts = paragraph_texts(part(out, "word/document.xml"))
    assert TRICKY in texts
    assert texts.count(TRICKY) == 2  # the body paragraph and the table cell


def test_data_is_never_evaluated_as_template_code() -> None:
    draft = sample_draft()
    draft.blocks.insert(0, Title("{{ meta.doc_id }}{% for b in blocks %}X{% endfor %}"))
    draft.blocks.append(ClosingLine("{{ ''.__class__.__mro__ }}"))
    texts = paragraph_texts(part(render_docx(draft), "word/document.xml"))
    assert texts[0] == "{{ meta.doc_id }}{% for b in blocks %}X{% endfor %}"
    assert "{{ ''.__class__.__mro__ }}" in texts


def test_control_characters_are_dropped_and_newlines_become_breaks() -> None:
    draft = sample_draft(extra="\x00\x07尾")
    draft.blocks.append(ClosingLine("第一行\n第二行"))
    doc = part(render_docx(draft), "word/document.xml")
    assert TRICKY + "尾" in paragraph_texts(doc)
    closing = next(p for p in doc.iter(q("p")) if "第一行" in "".join(p.itertext()))
    assert closing.find(".//w:br", NS) is not None


def test_table_is_a_real_word_table_with_borders_and_a_repeated_header(out: bytes) -> None:
    d = docx.Document(io.BytesIO(out))
    assert len(d.tables) == 1
    t = d.tables[0]
    assert [c.text for c in t.rows[0].cells] == ["时间", "议程", "负责人"]
    assert [c.text for c in t.rows[2].cells] == ["9:30", TRICKY, ""]  # short rows are padded
    tbl = t._tbl
    borders = tbl.find("w:tblPr/w:tblBorders", NS)
    assert borders is not None
    assert {etree.QName(b).localname for b in borders} == {
        "top",
        "left",
        "bottom",
        "right",
        "insideH",
        "insideV",
    }
    assert all(b.get(q("val")) == "single" for b in borders)
    assert tbl.find("w:tr/w:trPr/w:tblHeader", NS) is not None
    assert attr(tbl, "w:tblPr/w:tblStyle", "val") == "DocTable"
    assert sum(int(g.get(q("w"), "0")) for g in tbl.findall("w:tblGrid/w:gridCol", NS)) == 8844


def test_table_column_widths_come_from_the_draft() -> None:
    draft = sample_draft()
    draft.blocks[-1] = Table((("时间", "议程"), ("9:00", "开幕")), col_widths_mm=(40.0, 116.0))
    tbl = part(render_docx(draft), "word/document.xml").find(".//w:tbl", NS)
    assert tbl is not None
    assert [g.get(q("w")) for g in tbl.findall("w:tblGrid/w:gridCol", NS)] == ["2268", "6576"]


def test_a_table_at_the_end_is_followed_by_a_paragraph(out: bytes) -> None:
    body = part(out, "word/document.xml").find("w:body", NS)
    assert body is not None
    tags = [etree.QName(c).localname for c in body]
    assert tags[-3:] == ["tbl", "p", "sectPr"]


def test_signature_lines_follow_gbt9704_7_3_5_2() -> None:
    # 署名 2字 from the right; the date starts 2字 right of the 署名's first character.
    unit, day = "政协某某市委员会办公室", "2024年12月6日"
    unit_right, date_right = signature_indents(unit, day)
    assert unit_right == 2
    assert (unit_right + text_width(unit)) - (date_right + text_width(day)) == 2
    # A date longer than the unit allows: the date keeps 2字 and the 署名 moves left.
    unit_right, date_right = signature_indents("市政协", day)
    assert date_right == 2
    assert (unit_right + text_width("市政协")) - (date_right + text_width(day)) == 2


def test_signature_paragraphs_carry_their_computed_right_indents(out: bytes) -> None:
    doc = part(out, "word/document.xml")
    sig = [p for p in doc.iter(q("p")) if attr(p, "w:pPr/w:pStyle", "val") == "Signature"]
    assert [attr(p, "w:pPr/w:ind", "rightChars") for p in sig] == ["200", "450"]


# -- footer ---------------------------------------------------------------------------------------------


def _footer_runs(data: bytes, name: str) -> tuple[etree._Element, str]:
    ftr = part(data, name)
    p = ftr.find("w:p", NS)
    assert p is not None
    pieces = []
    for r in p.findall("w:r", NS):
        assert attr(r, "w:rPr/w:rFonts", "eastAsia") == "宋体"
        assert attr(r, "w:rPr/w:sz", "val") == "28"
        fld = r.find("w:fldChar", NS)
        instr = r.find("w:instrText", NS)
        if fld is not None:
            pieces.append(f"<{fld.get(q('fldCharType'))}>")
        elif instr is not None:
            pieces.append(f"[{(instr.text or '').strip()}]")
        else:
            pieces.append("".join(r.itertext()))
    return p, "".join(pieces)


def test_footer_is_dash_page_field_dash_in_songti_4hao_centred(out: bytes) -> None:
    p, text = _footer_runs(out, "word/footer1.xml")
    assert text == "— <begin>[PAGE]<separate>1<end> —"
    assert attr(p, "w:pPr/w:jc", "val") == "center"
    settings = part(out, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is None


def test_odd_even_page_numbers_put_odd_right_and_even_left_one_char_in() -> None:
    data = render_docx(sample_draft(), page_numbers="odd_even")
    settings = part(data, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    sect = part(data, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert sect is not None
    refs = {
        r.get(q("type")): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for r in sect.findall("w:footerReference", NS)
    }
    assert set(refs) == {"default", "even"}
    rels = part(data, "word/_rels/document.xml.rels")
    target = {r.get("Id"): r.get("Target") for r in rels}
    odd_p, odd_text = _footer_runs(data, "word/" + target[refs["default"]])
    even_p, even_text = _footer_runs(data, "word/" + target[refs["even"]])
    assert odd_text == even_text == "— <begin>[PAGE]<separate>1<end> —"
    assert attr(odd_p, "w:pPr/w:jc", "val") == "right" and attr(odd_p, "w:pPr/w:ind", "rightChars") == "100"
    assert attr(even_p, "w:pPr/w:jc", "val") == "left" and attr(even_p, "w:pPr/w:ind", "leftChars") == "100"
    d = docx.Document(io.BytesIO(data))
    assert d.settings.odd_and_even_pages_header_footer
    assert d.sections[0].even_page_footer.paragraphs[0].text == "— 1 —"


# -- options --------------------------------------------------------------------------------------------


def test_windows_font_profile_swaps_the_gb2312_faces(out: bytes) -> None:
    styles = part(render_docx(sample_draft(), font_profile="windows"), "word/styles.xml")
    faces = {rf.get(q("eastAsia")) for rf in styles.iter(q("rFonts"))}
    assert "仿宋" in faces and "楷体" in faces
    assert not faces & {"仿宋_GB2312", "楷体_GB2312"}
    assert attr(style(styles, "Heading1"), "w:rPr/w:rFonts", "eastAsia") == "黑体"
    default_faces = {rf.get(q("eastAsia")) for rf in part(out, "word/styles.xml").iter(q("rFonts"))}
    assert "仿宋_GB2312" in default_faces


def test_bold_leads_makes_the_lead_styles_bold_and_nothing_else(out: bytes) -> None:
    styles = part(render_docx(sample_draft(), bold_leads=True), "word/styles.xml")
    for sid in ("L3Lead", "ItemLead"):
        b = style(styles, sid).find("w:rPr/w:b", NS)
        assert b is not None and b.get(q("val")) in (None, "1", "true")
    assert attr(style(styles, "L2Lead"), "w:rPr/w:b", "val") == "0"
    assert (
        part(out, "word/styles.xml").find("w:style[@w:styleId='L3Lead']/w:rPr/w:b", NS).get(q("val")) == "0"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"page_numbers": "left"}, "未知的页码方式"), ({"font_profile": "mac"}, "未知的字体方案")],
)
def test_unknown_options_raise_a_chinese_render_error(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(RenderError, match=message):
        render_docx(sample_draft(), **kwargs)  # type: ignore[arg-type]


# -- core properties and determinism ---------------------------------------------------------------------


def test_core_properties_come_from_the_draft_meta(out: bytes) -> None:
    props = docx.Document(io.BytesIO(out)).core_properties
    assert props.title == "在全市政协宣传信息工作会议上的讲话"
    assert props.author == "市政协办公室"
    assert props.last_modified_by == "市政协办公室"
    assert props.subject == "宣传信息工作"
    assert props.identifier == "test-001"
    assert props.revision == 1
    assert props.created is not None and props.created.isoformat().startswith("2024-12-06T00:00:00")
    assert props.modified == props.created


def test_two_renders_give_identical_bytes_and_finalize_changes_nothing(out: bytes) -> None:
    clear_cache()
    again = render_docx(sample_draft())
    assert again == out
    assert finalize(out) == out
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        names = zf.namelist()
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert names[2:] == sorted(names[2:])
        assert {i.date_time for i in zf.infolist()} == {FIXED_DATE_TIME}


def test_fresh_python_processes_give_identical_bytes(out: bytes) -> None:
    code = (
        "import hashlib, sys; sys.path.insert(0, 'tests'); import test_render_docx as t; "
        "from docgen.render import render_docx; "
        "print(hashlib.sha256(render_docx(t.sample_draft())).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
        )
        digests.add(res.stdout.strip())
    assert digests == {hashlib.sha256(out).hexdigest()}


def test_finalize_repacks_any_docx_deterministically(out: bytes) -> None:
    parts = read_parts(out)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:  # another order, today's timestamps
        for name in reversed(list(parts)):
            zf.writestr(name, parts[name])
    assert finalize(buf.getvalue()) == out
    assert parts_digest(buf.getvalue()) == parts_digest(out)


def test_finalize_can_stamp_core_dates_and_drops_last_printed() -> None:
    core = (
        b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dcterms="t">'
        b"<cp:lastPrinted>2020-01-01T00:00:00Z</cp:lastPrinted>"
        b"<dcterms:created>2020-05-05T10:11:12Z</dcterms:created></cp:coreProperties>"
    )
    data = write_docx({"[Content_Types].xml": b"<Types/>", "docProps/core.xml": core})
    new = read_parts(finalize(data, core_date=date(2024, 3, 5)))["docProps/core.xml"]
    assert b"lastPrinted" not in new and b"2024-03-05T00:00:00Z" in new


def test_finalize_rejects_what_is_not_a_docx() -> None:
    with pytest.raises(RenderError, match="不是有效的"):
        finalize(b"not a zip")


def _normalized_document(data: bytes) -> str:
    root = part(data, "word/document.xml")
    for el in root.iter():
        for k in [k for k in el.attrib if etree.QName(k).localname.startswith("rsid")]:
            del el.attrib[k]
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode")


def test_document_xml_snapshot(out: bytes, snapshot) -> None:  # type: ignore[no-untyped-def]
    assert _normalized_document(out) == snapshot


# -- templates and errors -------------------------------------------------------------------------------


def _template_with(tmp_path: Path, document_xml: bytes) -> Path:
    parts = read_parts((REPO / "templates" / "leadership_speech.docx").read_bytes())
    parts["word/document.xml"] = document_xml
    path = tmp_path / "custom.docx"
    path.write_bytes(write_docx(parts))
    return path


def _doc(body: str) -> bytes:
    return (f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>').encode()


def test_missing_template_raises_a_chinese_render_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="找不到模板文件"):
        render_docx(sample_draft(), tmp_path / "nope.docx")
    draft = sample_draft()
    draft.meta = DraftMeta(doc_id="x", kind="no_such_kind", title="t", date=date(2024, 1, 1))
    with pytest.raises(RenderError, match="没有文种“no_such_kind”的默认模板"):
        render_docx(draft)


def test_a_file_that_is_not_a_docx_raises_a_render_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK but not really")
    with pytest.raises(RenderError, match="不是有效的"):
        render_docx(sample_draft(), bad)


def test_a_template_syntax_error_names_the_place(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>{%p for b in blocks %}</w:t></w:r></w:p><w:p><w:r><w:t>{{ b.text </w:t></w:r></w:p>"
    )
    with pytest.raises(RenderError, match="语法错误"):
        render_docx(sample_draft(), _template_with(tmp_path, _doc(body)))


def test_a_template_with_unknown_variables_is_refused(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>{{ blocks|length }}{{ secret }}</w:t></w:r></w:p>"
    with pytest.raises(RenderError, match="未知的变量：secret"):
        render_docx(sample_draft(), _template_with(tmp_path, _doc(body)))


def test_a_template_without_the_blocks_loop_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="没有 blocks 循环"):
        render_docx(
            sample_draft(),
            _template_with(tmp_path, _doc("<w:p><w:r><w:t>{{ meta.title }}</w:t></w:r></w:p>")),
        )


def test_a_template_that_renders_broken_xml_is_refused(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>{%p for b in blocks %}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{{ '&lt;broken'|safe }}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{%p endfor %}</w:t></w:r></w:p>"
    )
    with pytest.raises(RenderError, match="不是合法的 XML"):
        render_docx(sample_draft(), _template_with(tmp_path, _doc(body)))


def test_a_template_error_at_render_time_is_a_render_error(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>{{ blocks[99].text }}</w:t></w:r></w:p>"
    with pytest.raises(RenderError, match="模板渲染失败"):
        render_docx(sample_draft(), _template_with(tmp_path, _doc(body)))


def test_a_template_lacking_the_styles_the_draft_needs_is_refused(tmp_path: Path) -> None:
    parts = read_parts((REPO / "templates" / "leadership_speech.docx").read_bytes())
    styles = etree.fromstring(parts["word/styles.xml"])
    for el in styles.findall(q("style")):
        if el.get(q("styleId")) == "TodoMark":
            styles.remove(el)  # removed outright: a style only renamed (id and name) is repaired by name
    parts["word/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    path = tmp_path / "nostyle.docx"
    path.write_bytes(write_docx(parts))
    with pytest.raises(RenderError, match="模板缺少样式：TodoMark"):
        render_docx(sample_draft(), path)


def test_a_changed_template_file_is_compiled_again(tmp_path: Path) -> None:
    first = _doc(
        "<w:p><w:r><w:t>{%p for b in blocks %}</w:t></w:r></w:p><w:p><w:r><w:t>A</w:t></w:r></w:p><w:p><w:r><w:t>{%p endfor %}</w:t></w:r></w:p>"
    )
    path = _template_with(tmp_path, first)
    assert "A" in paragraph_texts(part(render_docx(sample_draft(), path), "word/document.xml"))
    parts = read_parts(path.read_bytes())
    parts["word/document.xml"] = first.replace(b">A<", b">BB<")
    atomic_write(path, write_docx(parts))
    os.utime(path, ns=(10**18, 10**18))  # a different mtime even on coarse file systems
    assert "BB" in paragraph_texts(part(render_docx(sample_draft(), path), "word/document.xml"))


def test_split_tags_in_an_office_template_still_work(tmp_path: Path) -> None:
    # Word often splits "{{ b.text }}" over several runs; docxtpl's preprocessing joins them.
    body = (
        "<w:p><w:r><w:t>{%p for b in blocks %}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{{ b.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>kind }}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>{%p endfor %}</w:t></w:r></w:p>"
    )
    texts = paragraph_texts(
        part(render_docx(sample_draft(), _template_with(tmp_path, _doc(body))), "word/document.xml")
    )
    assert texts[:3] == ["title", "subtitle", "byline"]


# -- atomic writes --------------------------------------------------------------------------------------


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_atomic_write_failure_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640
