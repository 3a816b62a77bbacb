"""Tests for docgen.zh: each test names the genre rule it protects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docgen import zh

# --------------------------------------------------------------------------------------------------------
# Numerals


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (2, "二"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2024, "二千零二十四"),
        (10000, "一万"),
        (10001, "一万零一"),
        (10010, "一万零一十"),
        (10100, "一万零一百"),
        (11000, "一万一千"),
        (12345, "一万二千三百四十五"),
        (99999, "九万九千九百九十九"),
    ],
)
def test_cn_numeral_writes_chinese_numbers(n: int, expected: str) -> None:
    assert zh.cn_numeral(n) == expected


@pytest.mark.parametrize("n", [-1, 100000])
def test_cn_numeral_rejects_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        zh.cn_numeral(n)


@pytest.mark.parametrize("n", [True, 1.0, "3"])
def test_cn_numeral_rejects_non_integers(n: object) -> None:
    with pytest.raises(TypeError):
        zh.cn_numeral(n)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (2, "两"), (3, "三"), (12, "十二"), (20, "二十"), (22, "二十二"), (200, "二百"), (2000, "两千"),
     (20000, "两万"), (23000, "两万三千")],
)  # fmt: skip
def test_count_word_uses_liang_for_two(n: int, expected: str) -> None:
    assert zh.cn_count_word(n) == expected


def test_count_word_rejects_zero() -> None:
    with pytest.raises(ValueError):
        zh.cn_count_word(0)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一点"), (2, "两点"), (3, "三点"), (4, "四点"), (5, "五点"), (6, "几点"), (9, "几点")],
)
def test_points_phrase_uses_jidian_above_five(n: int, expected: str) -> None:
    assert zh.points_phrase(n) == expected


def test_points_phrase_rejects_zero_points() -> None:
    with pytest.raises(ValueError):
        zh.points_phrase(0)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(2.45, 1, "2.5"), (2.25, 1, "2.3"), (3.0, 1, "3"), (0.05, 1, "0.1"), (12.345, 2, "12.35"), (7, 1, "7"),
     (-0.04, 1, "0"), (10.0, 0, "10")],
)  # fmt: skip
def test_format_decimal_rounds_half_up_and_drops_trailing_zero(
    value: float, places: int, expected: str
) -> None:
    assert zh.format_decimal(value, places) == expected


# --------------------------------------------------------------------------------------------------------
# Counts and percentages


@pytest.mark.parametrize(
    ("value", "unit", "approx", "expected"),
    [
        (110, "篇", None, "110篇"),
        (1187, "篇", "", "1187篇"),
        (160, "篇", "余", "160余篇"),
        (900, "条", "多", "900多条"),
        (200, "篇", "近", "近200篇"),
        (95, "篇", "以上", "95篇以上"),
        (200, "篇", "约", "约200篇"),
        (600, "篇次", "多", "600多篇次"),
        (12000, "人次", None, "12000人次"),
    ],
)
def test_count_renders_qualifiers_like_the_seeds(
    value: int, unit: str, approx: str | None, expected: str
) -> None:
    assert zh.count(value, unit, approx) == expected


@pytest.mark.parametrize(
    ("value", "unit", "approx", "expected"),
    [
        (7, "条", "多", "7条以上"),
        (65, "篇", "余", "65篇以上"),
        (1203, "人次", "多", "1203人次以上"),
        (3, "期", "余", "3期以上"),
        (60, "篇", "余", "60余篇"),
        (1200, "条", "多", "1200多条"),
        (8, "万元", "余", "8万余元"),
        (13, "万人次", "多", "13万多人次"),
    ],
)
def test_yu_and_duo_follow_only_a_round_number(value: int, unit: str, approx: str, expected: str) -> None:
    """余/多 say “a little over a round figure” (60余篇, 1200多条, 8万余元); after any other number (7多条,
    65余篇) they are wrong Chinese, and what the clerk meant, more than that number, is said with 以上."""
    assert zh.count(value, unit, approx) == expected


def test_count_has_no_thousands_separator() -> None:
    assert "," not in zh.count(1234567, "篇")
    assert zh.count(1234567, "篇") == "1234567篇"


@pytest.mark.parametrize("value", [0, -3])
def test_zero_count_is_never_rendered(value: int) -> None:
    with pytest.raises(ValueError):
        zh.count(value, "篇")


def test_count_rejects_unknown_qualifier() -> None:
    with pytest.raises(ValueError):
        zh.count(10, "篇", "左右")


@pytest.mark.parametrize(
    ("value", "approx", "expected"),
    [(95, None, "95%"), (95.0, None, "95%"), (12.5, None, "12.5%"), (12.25, None, "12.3%"), (95, "以上", "95%以上"),
     (90, "近", "近90%"), (30, "约", "约30%"), (0, None, "0%")],
)  # fmt: skip
def test_percent_is_half_width_with_one_decimal(value: float, approx: str | None, expected: str) -> None:
    assert zh.percent(value, approx) == expected


@pytest.mark.parametrize(("value", "approx"), [(-1, None), (50, "余"), (50, "多")])
def test_percent_rejects_negative_or_count_qualifiers(value: float, approx: str | None) -> None:
    with pytest.raises(ValueError):
        zh.percent(value, approx)


# --------------------------------------------------------------------------------------------------------
# Ranks and ranges


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "第一位"), (2, "第二位"), (3, "第三位"), (7, "第七位"), (10, "第十位")]
)
def test_rank_up_to_ten_is_written_in_chinese(n: int, expected: str) -> None:
    assert zh.rank(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(11, "第11位"), (32, "第32位"), (100, "第100位")])
def test_rank_above_ten_is_arabic(n: int, expected: str) -> None:
    assert zh.rank(n) == expected


def test_rank_with_ming_suffix() -> None:
    assert zh.rank(3, suffix="名") == "第三名"
    assert zh.rank(32, suffix="名") == "第32名"


def test_rank_bare_has_no_measure_word() -> None:
    assert zh.rank_bare(3) == "第三"
    assert zh.rank_bare(32) == "第32"


def test_rank_two_is_ordinal_er_not_liang() -> None:
    assert zh.rank(2, suffix="名") == "第二名"


def test_rank_style_can_be_arabic_throughout() -> None:
    assert zh.rank(7, cn_max=0) == "第7位"


@pytest.mark.parametrize("n", [0, -1])
def test_rank_rejects_non_positive(n: int) -> None:
    with pytest.raises(ValueError):
        zh.rank(n)


@pytest.mark.parametrize(
    ("lo", "hi", "kwargs", "expected"),
    [
        (2, 3, {}, "2—3篇"),
        (3, 3, {}, "3篇"),
        (3, None, {}, "不少于3篇"),
        (None, 3, {}, "不超过3篇"),
        (2, 3, {"sep": "至"}, "2至3篇"),
        (2, 3, {"sep": "～"}, "2～3篇"),
        (None, 2, {"hanzi": True}, "不超过两篇"),
        (2, None, {"hanzi": True}, "不少于两篇"),
        (2, 3, {"hanzi": True}, "两至三篇"),
        (10, 20, {"hanzi": True}, "10—20篇"),
    ],
)
def test_range_uses_yizixian_between_numbers(
    lo: int | None, hi: int | None, kwargs: dict[str, object], expected: str
) -> None:
    assert zh.num_range(lo, hi, "篇", **kwargs) == expected  # type: ignore[arg-type]


def test_range_never_uses_ascii_hyphen() -> None:
    assert "-" not in zh.num_range(2, 3, "篇")


@pytest.mark.parametrize(
    ("lo", "hi", "sep"), [(None, None, "—"), (3, 2, "—"), (0, 3, "—"), (2, 3, "-"), (2, 3, "~")]
)
def test_range_rejects_bad_bounds_and_separators(lo: int | None, hi: int | None, sep: str) -> None:
    with pytest.raises(ValueError):
        zh.num_range(lo, hi, "篇", sep=sep)


# --------------------------------------------------------------------------------------------------------
# Dates and periods


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 3, 5), "2024年3月5日"),
        (date(2024, 12, 31), "2024年12月31日"),
        (date(2025, 1, 10), "2025年1月10日"),
    ],
)
def test_arabic_date_has_no_zero_padding(d: date, expected: str) -> None:
    assert zh.cn_date(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 3, 5), "二〇二四年三月五日"),
        (date(2000, 10, 10), "二〇〇〇年十月十日"),
        (date(2024, 11, 25), "二〇二四年十一月二十五日"),
        (date(2024, 12, 30), "二〇二四年十二月三十日"),
        (date(2019, 1, 31), "二〇一九年一月三十一日"),
    ],
)
def test_hanzi_date_uses_ling_circle(d: date, expected: str) -> None:
    text = zh.cn_date(d, "hanzi")
    assert text == expected
    assert "零" not in text


def test_date_rejects_unknown_style() -> None:
    with pytest.raises(ValueError):
        zh.cn_date(date(2024, 3, 5), "roman")  # type: ignore[arg-type]


def test_year_is_written_in_full() -> None:
    assert zh.cn_year(2024) == "2024年"
    assert zh.cn_year(2024, "hanzi") == "二〇二四年"


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "expected"),
    [
        (date(2024, 1, 1), date(2024, 10, 31), {}, "1—10月"),
        (date(2024, 3, 1), date(2024, 3, 31), {}, "3月"),
        (date(2024, 1, 1), date(2024, 8, 31), {"with_year": True}, "2024年1—8月"),
        (date(2023, 11, 1), date(2024, 2, 29), {}, "2023年11月—2024年2月"),
    ],
)
def test_month_span_uses_yizixian(start: date, end: date, kwargs: dict[str, bool], expected: str) -> None:
    assert zh.month_span(start, end, **kwargs) == expected


def test_month_span_rejects_reversed_dates() -> None:
    with pytest.raises(ValueError):
        zh.month_span(date(2024, 5, 1), date(2024, 4, 1))


REF = date(2024, 11, 5)


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, "今年"), (2023, "去年"), (2022, "前年"), (2025, "明年"), (2021, "2021年"), (2026, "2026年")],
)
def test_relative_year_comes_from_document_date(year: int, expected: str) -> None:
    assert zh.relative_year(year, REF) == expected


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "expected"),
    [
        (date(2024, 1, 1), date(2024, 10, 31), {}, "今年以来"),
        (date(2024, 1, 1), date(2024, 10, 31), {"ytd": "months"}, "今年1—10月"),
        (date(2024, 1, 1), date(2024, 10, 20), {"ytd": "months"}, "今年以来"),
        (date(2024, 1, 1), date(2024, 12, 31), {}, "今年"),
        (date(2023, 1, 1), date(2023, 12, 31), {}, "去年"),
        (date(2022, 1, 1), date(2022, 12, 31), {}, "前年"),
        (date(2020, 1, 1), date(2020, 12, 31), {}, "2020年"),
        (date(2021, 1, 1), date(2024, 10, 31), {}, "2021年以来"),
        (date(2023, 1, 1), date(2024, 10, 31), {}, "去年以来"),
        (date(2020, 1, 1), date(2024, 10, 31), {"multi_year": "recent"}, "近五年"),
        (date(2023, 1, 1), date(2024, 10, 31), {"multi_year": "recent"}, "近两年"),
        (date(2019, 1, 1), date(2023, 12, 31), {}, "2019年以来"),
        (date(2019, 1, 1), date(2021, 12, 31), {}, "2019—2021年"),
        (date(2025, 1, 1), date(2027, 12, 31), {"multi_year": "recent"}, "2025—2027年"),
        (date(2024, 3, 1), date(2024, 6, 30), {}, "今年3—6月"),
        (date(2023, 3, 1), date(2023, 3, 31), {}, "去年3月"),
        (date(2021, 3, 1), date(2021, 6, 30), {}, "2021年3—6月"),
        (date(2024, 3, 5), date(2024, 6, 10), {}, "2024年3月5日至6月10日"),
        (date(2023, 11, 5), date(2024, 2, 10), {}, "2023年11月5日至2024年2月10日"),
    ],
)
def test_period_label_follows_documented_rules(
    start: date, end: date, kwargs: dict[str, str], expected: str
) -> None:
    assert zh.period_label(start, end, REF, **kwargs) == expected  # type: ignore[arg-type]


def test_period_label_rejects_reversed_period() -> None:
    with pytest.raises(ValueError):
        zh.period_label(date(2024, 5, 1), date(2024, 4, 1), REF)


def test_period_label_never_prints_20xx() -> None:
    label = zh.period_label(date(2019, 1, 1), date(2019, 12, 31), REF)
    assert zh.find_placeholders(label) == []


# --------------------------------------------------------------------------------------------------------
# Comparisons


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (110, 80, "较去年增长37.5%"),
        (70, 80, "较去年下降12.5%"),
        (240, 100, "是去年的2.4倍"),
        (200, 100, "是去年的2倍"),
        (250, 100, "是去年的2.5倍"),
        (30, 0, "比去年增加30篇"),
        (80, 80, "与去年持平"),
        (199, 100, "较去年增长99%"),
    ],
)
def test_auto_comparison_picks_the_usual_wording(current: int, previous: int, expected: str) -> None:
    assert zh.change_phrase(current, previous, unit="篇", prev_label="去年") == expected


def test_percent_increase_rounds_half_up() -> None:
    # 401/400 → 0.25 %: banker's rounding would give 0.2
    assert zh.change_phrase(401, 400, wording="increase_pct", unit="篇") == "较去年增长0.3%"


def test_multiple_rounds_half_up() -> None:
    # 9/4 = 2.25: banker's rounding would give 2.2
    assert zh.change_phrase(9, 4, wording="multiple") == "是去年的2.3倍"


def test_percent_increase_drops_trailing_zero() -> None:
    assert zh.change_phrase(150, 100, wording="increase_pct") == "较去年增长50%"


def test_tiny_change_is_basically_flat() -> None:
    assert zh.change_phrase(20001, 20000) == "与去年基本持平"


@pytest.mark.parametrize(
    ("current", "previous", "expected"), [(130, 100, "比去年增加30篇"), (70, 100, "比去年减少30篇")]
)
def test_absolute_change_says_zengjia_or_jianshao(current: int, previous: int, expected: str) -> None:
    assert zh.change_phrase(current, previous, wording="increase_abs", unit="篇") == expected


def test_percent_decrease_says_xiajiang() -> None:
    assert zh.change_phrase(60, 80, wording="increase_pct") == "较去年下降25%"


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [(95.5, 93.4, "比去年提高2.1个百分点"), (90, 93.4, "比去年下降3.4个百分点")],
)
def test_rates_change_in_percentage_points(current: float, previous: float, expected: str) -> None:
    assert zh.change_phrase(current, previous, unit="%") == expected


def test_comparison_uses_the_given_previous_label() -> None:
    assert zh.change_phrase(110, 80, prev_label="去年同期") == "较去年同期增长37.5%"
    assert zh.change_phrase(80, 80, prev_label="上届") == "与上届持平"


def test_comparison_without_previous_value_is_none() -> None:
    assert zh.change_phrase(110, None) is None


@pytest.mark.parametrize(
    ("current", "previous", "wording"),
    [(10, 0, "increase_pct"), (10, 0, "multiple"), (5, 10, "multiple"), (-1, 10, "auto"), (10, 5, "bogus")],
)
def test_comparison_rejects_impossible_wordings(current: int, previous: int, wording: str) -> None:
    with pytest.raises(ValueError):
        zh.change_phrase(current, previous, wording=wording)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------------
# Heading numbers and enumeration


@pytest.mark.parametrize(("i", "expected"), [(1, "一、"), (2, "二、"), (10, "十、"), (11, "十一、")])
def test_level_one_number_is_chinese_with_dunhao(i: int, expected: str) -> None:
    assert zh.l1_number(i) == expected


@pytest.mark.parametrize(("i", "expected"), [(1, "（一）"), (4, "（四）"), (12, "（十二）")])
def test_level_two_number_has_fullwidth_parentheses_and_no_punctuation(i: int, expected: str) -> None:
    assert zh.l2_number(i) == expected


@pytest.mark.parametrize(("i", "expected"), [(1, "1."), (12, "12.")])
def test_county_level_two_number_uses_ascii_period_not_dunhao(i: int, expected: str) -> None:
    text = zh.l2_number(i, "county")
    assert text == expected
    assert "、" not in text


def test_level_four_number() -> None:
    assert zh.l4_number(1) == "（1）"


@pytest.mark.parametrize(
    ("i", "lead", "demand"), [(1, "一是", "一要"), (2, "二是", "二要"), (3, "三是", "三要")]
)
def test_point_leads_use_ordinal_numerals(i: int, lead: str, demand: str) -> None:
    assert zh.l3_lead(i) == lead
    assert zh.l3_demand(i) == demand


def test_ordinal_first_takes_a_comma() -> None:
    assert zh.ordinal_first(1) == "第一，"
    assert zh.ordinal_first(2) == "第二，"


@pytest.mark.parametrize(
    "fn", [zh.l1_number, zh.l2_number, zh.l3_lead, zh.l3_demand, zh.ordinal_first, zh.l4_number]
)
def test_numbering_starts_at_one(fn: object) -> None:
    with pytest.raises(ValueError):
        fn(0)  # type: ignore[operator]


def test_l2_number_rejects_unknown_style() -> None:
    with pytest.raises(ValueError):
        zh.l2_number(1, "city")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------------
# Lists, titles, quotes


@pytest.mark.parametrize(
    ("items", "conj", "expected"),
    [
        ([], "和", ""),
        (["甲"], "和", "甲"),
        (["甲", "乙"], "和", "甲和乙"),
        (["甲", "乙", "丙"], "和", "甲、乙和丙"),
        (["甲", "乙", "丙", "丁"], "及", "甲、乙、丙及丁"),
        (["甲", "乙", "丙"], "以及", "甲、乙以及丙"),
        (["甲", "乙"], "与", "甲与乙"),
        (["甲", "乙", "丙"], "、", "甲、乙、丙"),
        (["甲", "", "  ", "乙"], "和", "甲和乙"),
    ],
)
def test_list_of_three_uses_dunhao_and_he(items: list[str], conj: str, expected: str) -> None:
    assert zh.join_list(items, conj) == expected


def test_list_rejects_unknown_conjunction() -> None:
    with pytest.raises(ValueError):
        zh.join_list(["甲", "乙"], ", ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("人民政协报", "《人民政协报》"),
        ("《人民政协报》", "《人民政协报》"),
        (" 《人民政协报 ", "《人民政协报》"),
        ("关于贯彻《条例》的意见", "《关于贯彻〈条例〉的意见》"),
    ],
)
def test_book_title_wraps_once(name: str, expected: str) -> None:
    assert zh.book_title(name) == expected


@pytest.mark.parametrize("name", ["", "《》", "  "])
def test_book_title_rejects_empty(name: str) -> None:
    with pytest.raises(ValueError):
        zh.book_title(name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("两会", "“两会”"),
        ("“两会”", "“两会”"),
        ('"两会"', "“两会”"),
        ("‘两会’", "“两会”"),
        ("「两会」", "“两会”"),
        ("学习“两会”精神", "“学习‘两会’精神”"),
        ('学习"两会"精神', "“学习‘两会’精神”"),
        ("A“B”", "“A‘B’”"),
    ],
)
def test_quotes_are_chinese_and_nest_single_inside_double(name: str, expected: str) -> None:
    assert zh.quoted(name) == expected


def test_quoted_rejects_empty() -> None:
    with pytest.raises(ValueError):
        zh.quoted("“”")


# --------------------------------------------------------------------------------------------------------
# Punctuation normalisation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("发稿110篇,其中", "发稿110篇，其中"),
        ("下一步,我们要:加强宣传;提高质量!", "下一步，我们要：加强宣传；提高质量！"),
        ("同志们:", "同志们："),
        ("怎么办?", "怎么办？"),
        ("发稿20篇.下一步", "发稿20篇。下一步"),
        ("工作取得成效.", "工作取得成效。"),
        ("共计110.下一步", "共计110。下一步"),
        ("达到110,其中", "达到110，其中"),
        ("他说“好”.", "他说“好”。"),
    ],
)
def test_ascii_punctuation_in_chinese_becomes_fullwidth(raw: str, expected: str) -> None:
    assert zh.fullwidth_punct(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "增长5.2%。",
        "会议于10:30开始。",
        "访问www.gov.cn查询。",
        "详见https://www.gov.cn/a?b=1。",
        "1.高度重视，周密部署。",
        "要求如下：1.加强学习；2.完善机制。",
        "共1,000人。",
        "版本2.0发布。",
        "Hello, world.",
        "GDP增长5%。",
    ],
)
def test_decimals_times_urls_and_numbering_are_untouched(text: str) -> None:
    assert zh.fullwidth_punct(text) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("国内生产总值(GDP)", "国内生产总值（GDP）"),
        ("(1)加强学习", "（1）加强学习"),
        ("(一)加强学习", "（一）加强学习"),
        ("见附件(含说明)", "见附件（含说明）"),
        ("函数f(x)的值", "函数f(x)的值"),
        ("(见附件(2))", "（见附件（2））"),
    ],
)
def test_parentheses_in_chinese_become_fullwidth(raw: str, expected: str) -> None:
    assert zh.fullwidth_punct(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('他说"有事好商量"很好', "他说“有事好商量”很好"),
        ('"两会"期间,"有事好商量"', "“两会”期间，“有事好商量”"),
        ('“两会"期间', "“两会”期间"),
    ],
)
def test_straight_quotes_alternate_open_and_close(raw: str, expected: str) -> None:
    assert zh.fullwidth_punct(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("我们 要 在2024年 完成 GDP 增长5% 的目标", "我们要在2024年完成GDP增长5%的目标"),
        ("2024 年", "2024年"),
        ("工作 , 我们", "工作，我们"),
        ("，  我们", "，我们"),
        ("使用 Microsoft Word 排版", "使用Microsoft Word排版"),
        ("张　三", "张　三"),
    ],
)
def test_no_spaces_between_hanzi_and_digits_or_latin(raw: str, expected: str) -> None:
    assert zh.fullwidth_punct(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ＧＤＰ增长５．２％", "GDP增长5.2%"), ("第１２３号", "第123号"), ("ａｂｃ", "abc")],
)
def test_fullwidth_digits_and_latin_become_halfwidth(raw: str, expected: str) -> None:
    assert zh.fullwidth_punct(raw) == expected


def test_fullwidth_normalisation_keeps_chinese_punctuation() -> None:
    assert zh.fullwidth_punct("（一）加强学习，提高认识。") == "（一）加强学习，提高认识。"


@pytest.mark.parametrize(
    ("raw", "expected"), [("工作...下一步", "工作……下一步"), ("等等…", "等等……"), ("等等……", "等等……")]
)
def test_ellipsis_becomes_two_chinese_ellipses(raw: str, expected: str) -> None:
    assert zh.fullwidth_punct(raw) == expected


@pytest.mark.parametrize(
    ("raw", "ranges", "expected"),
    [
        ("上稿2-3篇", True, "上稿2—3篇"),
        ("上稿2--3篇", True, "上稿2—3篇"),
        ("2021-2025年", True, "2021—2025年"),
        ("1-10月", True, "1—10月"),
        ("增长20-30%", True, "增长20—30%"),
        ("日期2024-03-05", True, "日期2024-03-05"),
        ("上稿2-3篇", False, "上稿2-3篇"),
    ],
)
def test_number_range_hyphen_only_when_asked(raw: str, ranges: bool, expected: str) -> None:
    assert zh.fullwidth_punct(raw, number_ranges=ranges) == expected


def test_fullwidth_punct_works_line_by_line() -> None:
    assert zh.fullwidth_punct("第一行,内容\nHello, world.\n1.开始") == "第一行，内容\nHello, world.\n1.开始"


def test_fullwidth_punct_is_idempotent() -> None:
    raw = '发稿110篇,其中"两会"期间(3月)上稿2-3篇.增长5.2% ...'
    once = zh.fullwidth_punct(raw, number_ranges=True)
    assert zh.fullwidth_punct(once, number_ranges=True) == once


# --------------------------------------------------------------------------------------------------------
# GB2312 coverage


@pytest.mark.parametrize(
    "ch", ["政", "协", "，", "。", "“", "”", "《", "》", "—", "·", "…", "A", "1", "%", " "]
)
def test_common_characters_are_in_gb2312(ch: str) -> None:
    assert zh.is_gb2312(ch)


@pytest.mark.parametrize("ch", ["鎔", "堃", "喆", "〇"])
def test_rare_name_characters_are_outside_gb2312(ch: str) -> None:
    assert not zh.is_gb2312(ch)


def test_is_gb2312_takes_one_character() -> None:
    with pytest.raises(ValueError):
        zh.is_gb2312("政协")


def test_non_gb2312_chars_lists_distinct_characters_in_order() -> None:
    assert zh.non_gb2312_chars("朱鎔基、王堃、张喆、朱鎔基，abc") == ["鎔", "堃", "喆"]
    assert zh.non_gb2312_chars("政协宣传信息工作2024年") == []


# --------------------------------------------------------------------------------------------------------
# Placeholders


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("《×日报》", ["×"]),
        ("《××日报》", ["××"]),
        ("位居全省第×位", ["第×"]),
        ("20xx年", ["20xx"]),
        ("20XX年度", ["20XX"]),
        ("20**年度", ["20**"]),
        ("xx县", ["xx"]),
        ("XXX区", ["XXX"]),
        ("“xxxx”", ["xxxx"]),
        ("尊敬的x主席", ["x"]),
        ("x月x日", ["x", "x"]),
        ("紧密联系*实际", ["*"]),
        ("**政协", ["**"]),
        ("某某同志", ["某某"]),
        ("ｘｘ县", ["ｘｘ"]),
    ],
)
def test_placeholder_tokens_are_found(text: str, tokens: list[str]) -> None:
    assert [t for _, t in zh.find_placeholders(text)] == tokens


@pytest.mark.parametrize(
    "text", ["某些单位", "某种程度", "XXL号", "box", "3x3矩阵", "Linux系统", "2024年", "第三位", "x86架构"]
)
def test_ordinary_text_has_no_placeholders(text: str) -> None:
    assert zh.find_placeholders(text) == []


def test_find_placeholders_reports_offsets() -> None:
    assert zh.find_placeholders("发稿×篇，20xx年") == [(2, "×"), (5, "20xx")]


def test_todo_mark_is_the_draft_bracket() -> None:
    assert zh.TODO_MARK == "〔待补："
    assert zh.find_placeholders(f"{zh.TODO_MARK}发稿数〕") == []


# --------------------------------------------------------------------------------------------------------
# Character classes


@pytest.mark.parametrize(("ch", "han", "cjk"), [("政", True, True), ("〇", True, True), ("，", False, True),
                                               ("“", False, True), ("a", False, False), ("1", False, False)])  # fmt: skip
def test_character_classes(ch: str, han: bool, cjk: bool) -> None:
    assert zh.is_han(ch) is han
    assert zh.is_cjk(ch) is cjk


@pytest.mark.parametrize("module", ["zh", "zhtext", "lint"])
def test_machinery_is_domain_neutral(module: str) -> None:
    source = (Path(zh.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
    for word in ("政协", "宣传", "社情民意"):
        assert word not in source, word
