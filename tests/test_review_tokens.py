"""CJK-aware tokens: one 汉字, one number with its decimal point and %, one Latin word, one mark."""

from __future__ import annotations

import pytest

from docgen.review.numbers import hanzi_int, mentions
from docgen.review.tokens import encode, is_number, numbers_in, tokenize


def test_a_number_with_its_decimal_point_and_percent_is_one_token() -> None:
    assert tokenize("增长5.2%，完成1086篇") == ["增", "长", "5.2%", "，", "完", "成", "1086", "篇"]


def test_latin_words_and_fullwidth_digits_are_single_tokens() -> None:
    assert tokenize("GDP增长５．２％") == ["GDP", "增", "长", "５．２％"]


def test_tokens_join_back_to_the_text() -> None:
    text = "在2024年度全省16家单位中位居第三位（其中头版头条5篇）；GDP 增长 5.2%。\n第二行\t结束"
    assert "".join(tokenize(text)) == text


def test_encoding_gives_one_code_point_per_token_and_shares_the_table() -> None:
    a, b = tokenize("稿件186篇"), tokenize("稿件190篇，186")
    sa, sb = encode(a, b)
    assert len(sa) == len(a) and len(sb) == len(b)
    assert sa[2] == sb[-1]  # "186" has one code in both texts
    assert sa[:2] == "稿件"  # a 汉字 stands for itself


def test_private_use_characters_in_the_text_do_not_collide_with_token_codes() -> None:
    a, b = tokenize("\ue000甲"), tokenize("12甲")
    sa, sb = encode(a, b)
    assert sa[0] != sb[0]


def test_number_helpers() -> None:
    assert is_number("5.2%") and not is_number("5.2%篇")
    assert numbers_in("增长5.2%，186篇，第三位") == ["5.2%", "186"]


@pytest.mark.parametrize(
    ("text", "value"), [("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("二〇二四", 2024)]
)
def test_hanzi_numerals(text: str, value: int) -> None:
    assert hanzi_int(text) == value


def test_mentions_normalise_qualifiers_percentages_and_ranks() -> None:
    found = mentions("征集160余篇、近200篇，占78%以上，位居第三位，排名第四。")
    assert [(m.kind, m.value) for m in found] == [
        ("number", 160),
        ("number", 200),
        ("percent", 78),
        ("rank", 3),
        ("rank", 4),
    ]


def test_mentions_read_dates_in_both_styles_and_skip_list_numbers_and_titles() -> None:
    found = mentions("1.高度重视。于2024年6月18日刊登；二〇二四年十二月六日；《2023年工作要点》；（2）完善")
    assert [m.date for m in found] == [(2024, 6, 18), (2024, 12, 6)]


def test_mentions_skip_the_ignored_years_only_before_nian() -> None:
    found = mentions("2024年度发稿2024篇，2023—2024年度", ignore_years=frozenset({2024}))
    assert [m.text for m in found] == ["2024", "2023"]
