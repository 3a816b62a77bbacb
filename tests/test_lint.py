"""Tests for docgen.lint: each rule has failing and passing cases, named after the convention it protects."""

from __future__ import annotations

import pytest

from docgen import lint
from docgen.lint import CODES, Finding, lint_lines, lint_text


def codes(text: str, mode: lint.LintMode = "final") -> list[str]:
    return [f.code for f in lint_text(text, mode=mode)]


def kind_codes(kind: str, text: str, mode: lint.LintMode = "final") -> list[str]:
    return [f.code for f in lint_lines([(kind, text)], mode)]


CLEAN_SPEECH = """同志们：
今年以来，在《人民日报》等媒体发稿160余篇，其中在《光明日报》发稿量达56篇，位居全省第七位，较去年增长37.5%。
一是聚焦主题主线集中发声。围绕“有事好商量”开展宣传，刊发稿件2—3篇。二是整合力量寻求突破。收集信息900多条，采用95条以上。
要求如下：1.加强学习；2.完善机制。会议于2024年3月5日10:30召开，增长5.2%，比去年提高2.1个百分点。
第一，要提高认识。第二，要改进方法（见附件）。首先，统一思想。
谢谢大家！
"""


def test_clean_speech_has_no_findings() -> None:
    assert lint_text(CLEAN_SPEECH) == []


def test_every_code_is_documented_in_chinese() -> None:
    assert all(desc and any("\u4e00" <= ch <= "\u9fff" for ch in desc) for desc in CODES.values())


def test_finding_positions_are_one_based_with_excerpt() -> None:
    [finding] = lint_text("第一行。\n发稿×篇。")
    assert (finding.line, finding.col, finding.code) == (2, 3, "placeholder")
    assert "×" in finding.excerpt
    assert "×" in finding.message
    assert finding.format() == f"2:3: {finding.message} [placeholder]"


def test_findings_are_frozen() -> None:
    finding = Finding(1, 1, "placeholder", "说明", "摘录")
    with pytest.raises(AttributeError):
        finding.line = 2  # type: ignore[misc]


def test_every_emitted_code_is_in_codes() -> None:
    text = "发稿×篇,0篇。2024年03月05日，2-3篇，（一）、１２。一是。〔待补：数据"
    emitted = {f.code for f in lint_text(text)}
    assert emitted <= set(CODES)


# --------------------------------------------------------------------------------------------------------
# Placeholders and draft marks


@pytest.mark.parametrize(
    "text",
    [
        "发稿×篇。",
        "位居全省第×位。",
        "20xx年以来，工作有序。",
        "xx县政协。",
        "紧密联系*实际。",
        "某某同志讲话。",
        "20**年度。",
    ],
)
def test_placeholder_tokens_are_flagged(text: str) -> None:
    assert "placeholder" in codes(text)


@pytest.mark.parametrize("text", ["某些单位。", "使用Linux系统。", "XXL号。", "3x3矩阵。"])
def test_ordinary_words_are_not_placeholders(text: str) -> None:
    assert "placeholder" not in codes(text)


def test_placeholders_are_flagged_in_draft_mode_too() -> None:
    assert "placeholder" in codes("发稿×篇。", mode="draft")


def test_todo_mark_left_in_final_mode_is_flagged() -> None:
    assert "todo-left" in codes("发稿〔待补：发稿数〕篇。")


def test_todo_mark_is_allowed_in_draft_mode() -> None:
    assert codes("发稿〔待补：发稿数〕篇。", mode="draft") == []


def test_todo_paragraph_alone_is_allowed_in_draft_mode() -> None:
    assert codes("〔待补：工作成效〕", mode="draft") == []


def test_unclosed_todo_mark_is_flagged() -> None:
    assert "todo-unclosed" in codes("发稿〔待补：发稿数篇。", mode="draft")


def test_unknown_mode_is_rejected() -> None:
    with pytest.raises(ValueError):
        lint_text("你好。", mode="strict")  # type: ignore[arg-type]


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError):
        lint_lines([("footnote", "你好。")])


# --------------------------------------------------------------------------------------------------------
# Punctuation


@pytest.mark.parametrize(
    "text",
    ["发稿110篇,其中20篇。", "我们要:加强学习。", "加强学习;提高认识。", "怎么办?", "好!", "工作取得成效.", "他说\"好\"。",
     "国内生产总值(GDP)增长。", "(1)加强学习。"],
)  # fmt: skip
def test_ascii_punctuation_in_chinese_is_flagged(text: str) -> None:
    assert "ascii-punct" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "增长5.2%。",
        "会议于10:30召开。",
        "1.高度重视，周密部署。",
        "访问www.gov.cn查询。",
        "版本2.0发布。",
        "函数f(x)的值。",
    ],
)
def test_decimals_times_and_numbering_are_not_ascii_punctuation(text: str) -> None:
    assert "ascii-punct" not in codes(text)


@pytest.mark.parametrize("text", ["我们 要加强学习。", "在 2024年。", "GDP 增长5%。", "增长5% ，其中。"])
def test_ascii_space_next_to_hanzi_is_flagged(text: str) -> None:
    assert "space" in codes(text)


def test_space_between_latin_words_is_allowed() -> None:
    assert "space" not in codes("使用Microsoft Word排版。")


def test_ideographic_space_inside_body_is_flagged() -> None:
    assert "ideographic-space" in codes("我们　要加强学习。")


def test_ideographic_indent_and_name_padding_are_allowed() -> None:
    assert "ideographic-space" not in codes("　　我们要加强学习。")
    assert kind_codes("byline", "市政协主席　林远航") == []
    assert kind_codes("signature", "张　三") == []


@pytest.mark.parametrize(
    "text", ["加强学习，，提高认识。", "加强学习。。", "甲、、乙。", "加强学习；。", "同志们：，"]
)
def test_doubled_punctuation_is_flagged(text: str) -> None:
    assert "doubled-punct" in codes(text)


@pytest.mark.parametrize("text", ["甲、乙和丙。", "他说：“好。”", "真的吗？！", "等等……。"])
def test_normal_punctuation_sequences_are_not_doubled(text: str) -> None:
    assert "doubled-punct" not in codes(text)


@pytest.mark.parametrize(
    "text", ["在《人民日报》、。", "加强学习，。", "甲、乙、；丙。", "加强学习，！", "加强学习，", "甲、乙、"]
)
def test_dangling_dunhao_or_comma_is_flagged(text: str) -> None:
    found = codes(text)
    assert "dangling-punct" in found
    assert "end-punct" not in found


@pytest.mark.parametrize("text", ["（）内容。", "他说“”。", "在《》发稿。"])
def test_empty_brackets_are_flagged(text: str) -> None:
    assert "empty-bracket" in codes(text)


@pytest.mark.parametrize(
    "text", ["一是。二是加强学习。", "一是；", "二是，加强。", "三要。", "第一，。", "首先，；"]
)
def test_empty_enumeration_is_flagged(text: str) -> None:
    assert "empty-enumeration" in codes(text)


@pytest.mark.parametrize(
    "text",
    ["一是聚焦主题。二是整合力量。", "统一是关键。", "排名第一。", "第一，要提高认识。", "首先，统一思想。"],
)
def test_enumeration_with_content_is_fine(text: str) -> None:
    assert "empty-enumeration" not in codes(text)


# --------------------------------------------------------------------------------------------------------
# Numbers and dates


@pytest.mark.parametrize("text", ["发稿0篇。", "收集0条。", "编发0期。", "采用0余条。", "共0人。"])
def test_zero_count_is_flagged(text: str) -> None:
    assert "zero-count" in codes(text)


@pytest.mark.parametrize("text", ["发稿10篇。", "2020年以来。", "采用100条。", "增长0.5万人次。", "增长0%。"])
def test_numbers_containing_zero_are_not_zero_counts(text: str) -> None:
    assert "zero-count" not in codes(text)


@pytest.mark.parametrize("text", ["2024年03月05日。", "3月05日。", "〔2024〕05号。"])
def test_zero_padded_dates_are_flagged(text: str) -> None:
    assert "zero-padded-date" in codes(text)


@pytest.mark.parametrize("text", ["2024年3月5日。", "2024年10月20日。", "〔2024〕5号。", "10日召开。"])
def test_unpadded_dates_pass(text: str) -> None:
    assert "zero-padded-date" not in codes(text)


@pytest.mark.parametrize("text", ["定于2024-03-05召开。", "定于2024.3.5召开。", "定于2024/3/5召开。"])
def test_numeric_dates_in_running_text_are_flagged(text: str) -> None:
    assert "numeric-date" in codes(text)


def test_decimal_is_not_a_numeric_date() -> None:
    assert "numeric-date" not in codes("增长2024.5万元。")


@pytest.mark.parametrize(
    "text",
    ["（一）、加强学习。", "（1）、加强学习。", "（一）．加强学习。", "一.提高认识。", "一、、提高认识。"],
)
def test_punctuation_after_heading_numbers_is_flagged(text: str) -> None:
    assert "numbering-punct" in codes(text)


@pytest.mark.parametrize("text", ["（一）加强学习。", "一、提高认识。", "（1）加强学习。", "1.高度重视。"])
def test_correct_heading_numbers_pass(text: str) -> None:
    assert "numbering-punct" not in codes(text)
    assert "arabic-dunhao" not in codes(text)


@pytest.mark.parametrize("text", ["1、高度重视，周密部署。", "  12、完善机制。"])
def test_arabic_number_with_dunhao_at_paragraph_start_is_flagged(text: str) -> None:
    assert "arabic-dunhao" in codes(text)


def test_arabic_dunhao_inside_sentence_is_not_a_heading() -> None:
    assert "arabic-dunhao" not in codes("全年1、2月份发稿较少。")


@pytest.mark.parametrize(
    "text", ["上稿2-3篇。", "今年1-10月。", "2021-2025年。", "上稿2~3篇。", "增长20%-30%。", "上稿2－3篇。"]
)
def test_hyphen_range_is_flagged(text: str) -> None:
    assert "hyphen-range" in codes(text)


@pytest.mark.parametrize(
    "text", ["上稿2—3篇。", "今年1—10月。", "上稿2至3篇。", "增长20%～30%。", "电话0531-8888888。"]
)
def test_yizixian_range_passes(text: str) -> None:
    assert "hyphen-range" not in codes(text)


@pytest.mark.parametrize("text", ["发稿１１０篇。", "ＧＤＰ增长。", "增长５％。"])
def test_fullwidth_digits_are_flagged(text: str) -> None:
    assert "fullwidth-alnum" in codes(text)


# --------------------------------------------------------------------------------------------------------
# End punctuation by paragraph kind


@pytest.mark.parametrize("text", ["加强学习", "发稿110篇", "详见《人民日报》", "加强学习；"])
def test_body_paragraph_without_terminal_punctuation_is_flagged(text: str) -> None:
    assert "end-punct" in codes(text)


@pytest.mark.parametrize(
    "text", ["加强学习。", "谢谢大家！", "怎么办？", "要求如下：", "他说：“好。”", "（见附件。）", "等等……"]
)
def test_body_paragraph_with_terminal_punctuation_passes(text: str) -> None:
    assert "end-punct" not in codes(text)


def test_closing_line_needs_terminal_punctuation() -> None:
    assert kind_codes("closing", "谢谢大家") == ["end-punct"]
    assert kind_codes("closing", "谢谢大家！") == []


@pytest.mark.parametrize(
    "text", ["在全市政协宣传信息工作会议上的讲话。", "工作总结；", "关于加强工作的意见，"]
)
def test_title_has_no_final_punctuation(text: str) -> None:
    assert "title-end-punct" in kind_codes("title", text)


@pytest.mark.parametrize(
    "text", ["在全市政协宣传信息工作会议上的讲话", "学习《条例》的体会", "“两会”宣传工作总结（2024年）"]
)
def test_title_without_final_punctuation_passes(text: str) -> None:
    assert kind_codes("title", text) == []


def test_title_with_comma_inside_is_flagged() -> None:
    assert "title-punct" in kind_codes("title", "突出重点，彰显特色")


def test_subtitle_dash_is_allowed_in_title() -> None:
    assert kind_codes("title", "——在全市政协宣传信息工作会议上的讲话") == []


def test_title_longer_than_forty_characters_is_flagged() -> None:
    assert "title-too-long" in kind_codes("title", "宣" * 41)
    assert "title-too-long" not in kind_codes("title", "宣" * 40)


@pytest.mark.parametrize("text", ["一、提高认识。", "（一）加强学习；", "二、突出重点，"])
def test_own_line_heading_has_no_final_punctuation(text: str) -> None:
    assert "heading-end-punct" in kind_codes("heading", text)


@pytest.mark.parametrize("text", ["一、提高认识，增强责任感", "（一）凝聚工作合力"])
def test_own_line_heading_without_punctuation_passes(text: str) -> None:
    assert kind_codes("heading", text) == []


@pytest.mark.parametrize(
    ("text", "ok"), [("同志们：", True), ("各位委员、同志们：", True), ("同志们", False), ("同志们，", False)]
)
def test_salutation_ends_with_fullwidth_colon(text: str, ok: bool) -> None:
    assert ("salutation-colon" not in kind_codes("salutation", text)) is ok


@pytest.mark.parametrize("kind", ["byline", "signature", "table"])
def test_bylines_signatures_and_tables_need_no_end_punctuation(kind: str) -> None:
    assert kind_codes(kind, "2024年12月6日") == []


def test_table_cells_may_be_joined_by_spaces() -> None:
    assert kind_codes("table", "时间 内容 负责人") == []


def test_lint_lines_numbers_lines_by_position_and_skips_blank_ones() -> None:
    findings = lint_lines([("title", "工作总结"), ("body", ""), ("body", "发稿0篇。")])
    assert [(f.line, f.code) for f in findings] == [(3, "zero-count")]


def test_lint_text_treats_every_line_as_body() -> None:
    findings = lint_text("工作总结\n\n发稿10篇。\r\n加强学习")
    assert [(f.line, f.code) for f in findings] == [(1, "end-punct"), (4, "end-punct")]


def test_findings_are_sorted_by_position() -> None:
    findings = lint_text("发稿0篇,×。\n20xx年。")
    assert findings == sorted(findings, key=lambda f: (f.line, f.col, f.code, f.message))
    assert [f.code for f in findings] == ["zero-count", "ascii-punct", "placeholder", "placeholder"]
