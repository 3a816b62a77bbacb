"""Redlines: accepting every change gives the new draft, rejecting every change gives the old one."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from review_docs import PARAS, docx_of, draft_of, edit_part, rendered_examples, with_table

from docgen.draft import Paragraph, Segment
from docgen.render.finalize import read_parts, write_docx
from docgen.review import extract
from docgen.review.annotate import annotate_docx
from docgen.review.diff import compare_docx
from docgen.review.extract import ReviewError, load_docx
from docgen.review.redline import (
    FIXED_DATE,
    accepted_texts,
    redline,
    redline_docx,
    rejected_texts,
    structure_problems,
)


def _stories(docx: bytes) -> dict[str, list[str]]:
    return {s: [p.text for p in ps] for s, ps in load_docx(docx).stories.items()}


def assert_round_trip(old: bytes, new: bytes) -> bytes:
    red = redline_docx(old, new)
    assert structure_problems(red) == []
    assert accepted_texts(red) == _stories(new)
    assert rejected_texts(red) == _stories(old)
    return red


def _document_xml(docx: bytes) -> str:
    return read_parts(docx)["word/document.xml"].decode("utf-8")


EDITED = [
    PARAS[0].replace("186", "190").replace("5.2%", "5.5%"),
    "新增的一段：今年还组织了两次专题培训，参训120人次。",
    PARAS[1].replace("，成为委员联系群众、收集社情民意的重要平台", ""),
    PARAS[2].replace("为各项工作开展", "为宣传信息工作的持续开展"),
    "这一段已经完全改写，讲的是另外一件事情，与原文没有什么关系。",
]


def test_round_trip_of_mixed_edits() -> None:
    red = assert_round_trip(docx_of(PARAS), docx_of(EDITED))
    xml = _document_xml(red)
    assert "<w:delText>186</w:delText>" in xml and "<w:t>190</w:t>" in xml
    assert "<w:delText>5.2%</w:delText>" in xml and "<w:t>5.5%</w:t>" in xml


def test_round_trip_when_first_and_last_paragraphs_are_removed_or_added() -> None:
    assert_round_trip(docx_of(PARAS), docx_of(PARAS[1:4]))
    assert_round_trip(docx_of(PARAS[1:4]), docx_of(PARAS))
    assert_round_trip(docx_of(PARAS[:1]), docx_of(["全新的第一段。", "全新的第二段。"]))


def test_round_trip_of_a_table_cell_and_a_footer() -> None:
    old = with_table(PARAS[:2], [["时间", "内容"], ["9:00", "开幕"], ["9:30", "讲话"]])
    new = with_table(PARAS[:2], [["时间", "内容"], ["9:00", "开幕式"], ["9:40", "讲话"], ["10:00", "散会"]])
    new = edit_part(new, lambda x: x.replace("— </w:t>", "－ </w:t>"), "word/footer1.xml")
    red = assert_round_trip(old, new)
    assert "w:del" in read_parts(red)["word/footer1.xml"].decode()
    assert re.search(r"<w:trPr><w:cantSplit/><w:ins [^>]*/></w:trPr>", _document_xml(red))  # a whole new row
    back = assert_round_trip(new, old)
    assert re.search(r"<w:trPr><w:cantSplit/><w:del [^>]*/></w:trPr>", _document_xml(back))  # a whole old row


def test_a_removed_second_paragraph_of_a_cell_stays_in_its_cell() -> None:
    new = with_table(PARAS[:1], [["时间", "内容"], ["9:00", "开幕"], ["9:30", "讲话"]])
    extra = '<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t>主持人致辞</w:t></w:r></w:p>'
    old = edit_part(new, lambda x: x.replace("开幕</w:t></w:r></w:p>", "开幕</w:t></w:r></w:p>" + extra, 1))
    xml = _document_xml(assert_round_trip(old, new))
    cell = re.search(r"<w:tc>(?:(?!</w:tc>).)*主持人致辞(?:(?!</w:tc>).)*</w:tc>", xml)
    assert cell is not None and "开幕" in cell.group()


@pytest.mark.parametrize("stem", sorted(rendered_examples()))
def test_round_trip_of_every_example_against_an_edited_copy(stem: str) -> None:
    old, _ = rendered_examples()[stem]

    def change(xml: str) -> str:
        xml = re.sub(r"(\d+)(篇|条|期|名|个)", lambda m: f"{int(m.group(1)) + 1}{m.group(2)}", xml, count=3)
        return xml.replace("。", "，并持续推进。", 2)

    assert_round_trip(old, edit_part(old, change))
    assert_round_trip(edit_part(old, change), old)


def test_deleted_and_inserted_text_keep_their_run_properties() -> None:
    lead = Segment("一是围绕中心大局精准发声。", "l3_lead")
    old = docx_of([Paragraph((lead, Segment("刊发稿件186篇。")))])
    new = docx_of([Paragraph((Segment("一是围绕中心工作精准发声。", "l3_lead"), Segment("刊发稿件190篇。")))])
    xml = _document_xml(assert_round_trip(old, new))
    assert re.search(
        r'<w:del [^>]*><w:r><w:rPr><w:rStyle w:val="L3Lead"/></w:rPr><w:delText>大局</w:delText>', xml
    )
    assert re.search(r'<w:ins [^>]*><w:r><w:rPr><w:rStyle w:val="L3Lead"/></w:rPr><w:t>工作</w:t>', xml)


def test_deleted_paragraphs_and_paragraph_marks_are_marked() -> None:
    xml = _document_xml(redline_docx(docx_of(PARAS), docx_of(PARAS[:2] + PARAS[3:])))
    assert re.search(r"<w:pPr><w:pStyle [^>]*/><w:rPr><w:del [^>]*/></w:rPr></w:pPr><w:del ", xml)
    xml = _document_xml(redline_docx(docx_of(PARAS[:2] + PARAS[3:]), docx_of(PARAS)))
    assert re.search(r"<w:rPr><w:ins [^>]*/></w:rPr></w:pPr><w:ins ", xml)


def test_revision_ids_are_sequential_in_document_order_with_author_and_date() -> None:
    xml = _document_xml(redline_docx(docx_of(PARAS), docx_of(EDITED)))
    revs = re.findall(r'<w:(?:ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)"', xml)
    assert [int(i) for i, _, _ in revs] == list(range(1, len(revs) + 1))
    assert {(a, d) for _, a, d in revs} == {("docgen", FIXED_DATE)}


def test_the_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733443200")
    xml = _document_xml(redline_docx(docx_of(PARAS), docx_of(EDITED)))
    assert 'w:date="2024-12-06T00:00:00Z"' in xml
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert f'w:date="{FIXED_DATE}"' in _document_xml(redline_docx(docx_of(PARAS), docx_of(EDITED)))


def test_redline_bytes_are_deterministic() -> None:
    old, new = docx_of(PARAS), docx_of(EDITED)
    assert redline_docx(old, new) == redline_docx(old, new)


def test_identical_drafts_give_a_redline_without_revisions() -> None:
    doc = docx_of(PARAS)
    red = redline_docx(doc, doc)
    assert "w:ins" not in _document_xml(red) and "w:del" not in _document_xml(red)
    assert _stories(red) == _stories(doc)


def test_revision_ids_follow_the_comment_ids_of_an_annotated_draft() -> None:
    draft = draft_of([Paragraph((Segment("刊发稿件186篇。", paths=("achievements.media.total",)),))])
    new = annotate_docx(docx_of(draft.blocks), draft)
    red = redline_docx(docx_of(["刊发稿件180篇。"]), new)
    xml = _document_xml(red)
    assert '<w:commentRangeStart w:id="0"/>' in xml
    assert re.findall(r'<w:(?:ins|del) w:id="(\d+)"', xml) == ["1", "2"]
    assert accepted_texts(red) == _stories(new)


# -- inputs that are refused or handled ------------------------------------------------------------------


def _tracked(docx: bytes) -> bytes:
    return redline_docx(docx, docx_of(EDITED))


def test_inputs_with_tracked_changes_are_refused_with_a_chinese_message() -> None:
    with pytest.raises(ReviewError, match=r"修订标记.*--accept-changes"):
        compare_docx(_tracked(docx_of(PARAS)), docx_of(PARAS))


def test_tracked_changes_can_be_accepted_first() -> None:
    red = _tracked(docx_of(PARAS))
    cmp = compare_docx(docx_of(PARAS), red, accept_changes=True)
    assert cmp.new.texts() == _stories(docx_of(EDITED))["body"]
    again = redline(cmp)
    assert structure_problems(again) == []
    assert accepted_texts(again)["body"] == _stories(docx_of(EDITED))["body"]


def test_moves_are_accepted_as_deletion_and_insertion() -> None:
    def move(xml: str) -> str:
        body = xml.index("<w:body>") + len("<w:body>")
        mv = (
            '<w:p><w:moveFrom w:id="90" w:author="x" w:date="2024-01-01T00:00:00Z"><w:r><w:t>旧位置</w:t></w:r>'
            '</w:moveFrom><w:moveTo w:id="91" w:author="x" w:date="2024-01-01T00:00:00Z"><w:r><w:t>新位置</w:t>'
            "</w:r></w:moveTo></w:p>"
        )
        return xml[:body] + mv + xml[body:]

    moved = edit_part(docx_of(PARAS), move)
    with pytest.raises(ReviewError, match="移动"):
        load_docx(moved)
    assert load_docx(moved, accept_changes=True).texts()[0] == "新位置"


def test_text_boxes_are_refused() -> None:
    def box(xml: str) -> str:
        return xml.replace(
            "</w:body>",
            "<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent>"
            "</w:pict></w:r></w:p></w:body>",
        )

    with pytest.raises(ReviewError, match="文本框"):
        compare_docx(docx_of(PARAS), edit_part(docx_of(PARAS), box))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, r"\.doc"),
        (b"%PDF-1.7\n", "PDF"),
        ("这只是一段文字".encode(), "不是 Word 文档"),
        (b"", "不是 Word 文档"),
    ],
)
def test_files_that_are_not_docx_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        load_docx(data, "新稿")


def test_a_corrupt_zip_is_refused() -> None:
    doc = docx_of(PARAS)
    with pytest.raises(ReviewError, match=r"损坏|不是 Word"):
        load_docx(doc[: len(doc) // 2])
    broken = bytearray(doc)
    broken[200:260] = b"\0" * 60
    with pytest.raises(ReviewError):
        load_docx(bytes(broken))


def test_a_zip_without_a_word_document_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReviewError, match=r"word/document\.xml"):
        load_docx(buf.getvalue())


def test_a_zip_bomb_is_refused_while_decompressing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_UNCOMPRESSED", 1024 * 1024)
    parts = read_parts(docx_of(PARAS))
    parts["word/media/zeros.bin"] = b"\0" * (3 * 1024 * 1024)
    with pytest.raises(ReviewError, match="压缩炸弹"):
        load_docx(write_docx(parts))


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "MAX_ENTRIES", 5)
    with pytest.raises(ReviewError, match="文件过多"):
        load_docx(docx_of(PARAS))


def test_xml_with_a_doctype_is_refused() -> None:
    evil = edit_part(
        docx_of(PARAS),
        lambda x: x.replace("<w:document", '<!DOCTYPE w:document [<!ENTITY a "aaaa">]><w:document', 1),
    )
    with pytest.raises(ReviewError, match="DOCTYPE"):
        load_docx(evil)
