"""Paragraph alignment and token-level diffs of Chinese prose."""

from __future__ import annotations

from review_docs import PARAS, docx_of, edit_part, with_table

from docgen.review.diff import diff_docx, diff_pair, diff_texts


def _changes(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [op for op in ops if op[0] != "="]


def test_a_number_swap_is_one_token_replacement_not_a_digit() -> None:
    ops, _ = diff_pair("地区生产总值增长5.2%。", "地区生产总值增长5.5%。")
    assert _changes(ops) == [("-", "5.2%"), ("+", "5.5%")]


def test_integer_swaps_are_whole_numbers() -> None:
    ops, _ = diff_pair("完成120亿元，刊发稿件186篇", "完成126亿元，刊发稿件1186篇")
    assert _changes(ops) == [("-", "120"), ("+", "126"), ("-", "186"), ("+", "1186")]


def test_an_inserted_clause_is_one_insertion() -> None:
    old = "市政协在主要媒体刊发稿件186篇，其中头版头条5篇。"
    new = "市政协在主要媒体刊发稿件186篇，较去年同期增长22.4%，其中头版头条5篇。"
    ops, sim = diff_pair(old, new)
    assert len(_changes(ops)) == 1
    op, text = _changes(ops)[0]
    assert op == "+" and "较去年同期增长22.4%" in text and len(text) == len("较去年同期增长22.4%，")
    assert "".join(t for o, t in ops if o != "-") == new
    assert sim >= 0.8


def test_a_deleted_clause_is_one_deletion() -> None:
    old = "视察前制定宣传方案，视察中安排专人随组采访、拍摄，视察结束当天完成稿件采写。"
    new = "视察前制定宣传方案，视察结束当天完成稿件采写。"
    ops, _ = diff_pair(old, new)
    assert [op for op, _ in _changes(ops)] == ["-"]
    assert "".join(t for o, t in ops if o != "+") == old


def test_a_mostly_rewritten_pair_becomes_a_whole_paragraph_replacement() -> None:
    old = ["标题", "今年以来，市政协在中央、省、市主要媒体刊发稿件186篇。", "结尾"]
    new = ["标题", "今年以来，我们组织委员开展专题调研十余次，形成报告若干篇。", "结尾"]
    result = diff_texts(old, new)
    (c,) = result.differences
    assert c.kind == "replaced"
    assert c.ops == (("-", old[1]), ("+", new[1]))
    assert result.summary()["changed"] == 1 and result.summary()["replaced"] == 1


def test_identical_texts_are_identical() -> None:
    result = diff_texts(PARAS, list(PARAS))
    assert result.identical
    assert result.as_dict()["paragraphs"] == []
    assert result.summary() == {"added": 0, "removed": 0, "changed": 0, "replaced": 0, "numbers_changed": []}


def test_inserted_and_removed_paragraphs_are_paired_around_edits() -> None:
    new = [
        PARAS[0].replace("186", "190"),
        "新增的一段，说明今年的新情况。",
        *PARAS[1:3],
        PARAS[3].replace("312", "320"),
    ]
    result = diff_texts(PARAS, new)
    kinds = [(c.kind, c.old_index, c.new_index) for c in result.differences]
    assert kinds == [("changed", 0, 0), ("added", None, 1), ("changed", 3, 4), ("removed", 4, None)]
    assert [(n.old, n.new) for n in result.numbers] == [("186", "190"), ("312", "320")]


def test_pairing_inside_a_replaced_block_follows_similarity() -> None:
    old = ["甲", PARAS[1], PARAS[2], "乙"]
    new = [
        "甲",
        "完全不同的一段新文字，讲的是别的事情。",
        PARAS[1] + "新增一句。",
        PARAS[2].replace("42", "45"),
        "乙",
    ]
    kinds = [(c.kind, c.old_index, c.new_index) for c in diff_texts(old, new).differences]
    assert kinds == [("added", None, 1), ("changed", 1, 2), ("changed", 2, 3)]


def test_number_changes_list_old_and_new() -> None:
    result = diff_texts([PARAS[0]], [PARAS[0].replace("5.2%", "5.5%").replace("64篇", "66篇")])
    assert [(n.old, n.new) for n in result.numbers] == [("5.2%", "5.5%"), ("64", "66")]
    assert result.summary()["numbers_changed"][0] == {
        "old": "5.2%",
        "new": "5.5%",
        "story": "body",
        "old_paragraph": 1,
        "new_paragraph": 1,
    }


def test_diff_is_deterministic() -> None:
    new = [p.replace("6", "7") for p in PARAS]
    assert diff_texts(PARAS, new).as_dict() == diff_texts(PARAS, new).as_dict()


def test_docx_diff_reads_body_tables_and_footers() -> None:
    old = with_table(PARAS[:2], [["时间", "内容"], ["9:00", "开幕"], ["9:30", "讲话"]])
    new = with_table(PARAS[:2], [["时间", "内容"], ["9:00", "开幕"], ["9:40", "讲话"]])
    result = diff_docx(old, new)
    (c,) = result.differences
    assert (c.story, c.old_text, c.new_text) == ("body", "9:30", "9:40")
    assert _changes(list(c.ops)) == [("-", "30"), ("+", "40")]
    footer = edit_part(old, lambda x: x.replace("— </w:t>", "－ </w:t>"), "word/footer1.xml")
    stories = {c.story for c in diff_docx(old, footer).differences}
    assert stories == {"word/footer1.xml"}


def test_identical_docx_files_have_no_differences() -> None:
    doc = docx_of(PARAS)
    assert diff_docx(doc, doc).identical
