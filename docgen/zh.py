"""Chinese rendering helpers: numerals, counts, ranks, ranges, dates, lists, quotes and punctuation.

Pure functions, no I/O, no domain vocabulary.  The rules follow GB/T 15835-2011 (numbers), GB/T 15834-2011
(punctuation) and GB/T 9704-2012 (dates, heading numbers) as summarised in the project references:

* counts are Arabic numerals without thousands separators (``1187篇``, ``160余篇``, ``近200篇``);
* ranks up to ten are written in 汉字 (``第七位``), larger ranks in Arabic numerals (``第32名``);
* ranges use the 一字线 U+2014 (``2—3篇``, ``1—10月``), a project decision;
* dates are ``2024年3月5日`` (no zero padding) or, old style, ``二〇二四年三月五日`` (〇, never 零);
* percentages and multiples round half up with :mod:`decimal`, never banker's rounding.

Invalid input raises :class:`ValueError`: a caller that lacks a fact drops the clause instead of printing
a zero or a placeholder.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from docgen.zhtext import (
    CJK_PUNCT_CLASS,
    HAN_CLASS,
    PLACEHOLDER_RE,
    TODO_MARK,
    find_placeholders,
    fullwidth_punct,
    is_cjk,
    is_gb2312,
    is_han,
    marked_at_head,
    non_gb2312_chars,
    strip_title_marks,
    unwrap,
)

__all__ = [
    "APPROX_WORDS",
    "CJK_PUNCT_CLASS",
    "HAN_CLASS",
    "PLACEHOLDER_RE",
    "TODO_MARK",
    "book_title",
    "change_phrase",
    "cn_count_word",
    "cn_date",
    "cn_numeral",
    "cn_year",
    "count",
    "find_placeholders",
    "format_decimal",
    "fullwidth_punct",
    "is_cjk",
    "is_gb2312",
    "is_han",
    "join_list",
    "l1_number",
    "l2_number",
    "l3_demand",
    "l3_lead",
    "l4_number",
    "marked_at_head",
    "month_span",
    "non_gb2312_chars",
    "num_range",
    "ordinal_first",
    "percent",
    "period_label",
    "points_phrase",
    "quoted",
    "rank",
    "rank_bare",
    "relative_year",
    "strip_title_marks",
    "unwrap",
]

# ---------------------------------------------------------------------------------------------------------
# Numerals

_DIGITS = "零一二三四五六七八九"
_UNITS = ("", "十", "百", "千")


def _check_int(n: int, lo: int, hi: int, what: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{what} must be an int, got {type(n).__name__}")
    if not lo <= n <= hi:
        raise ValueError(f"{what} must be in {lo}..{hi}, got {n}")


def _below_10000(n: int) -> str:
    """1..9999 in 汉字, with 零 for inner gaps and 一十 inside larger numbers (一百一十)."""
    out: list[str] = []
    pending_zero = False
    for pos in range(3, -1, -1):
        digit = (n // 10**pos) % 10
        if digit == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[digit] + _UNITS[pos])
    return "".join(out)


def cn_numeral(n: int) -> str:
    """0..99999 in 汉字: 0→零, 10→十, 11→十一, 20→二十, 105→一百零五, 110→一百一十, 10001→一万零一."""
    _check_int(n, 0, 99999, "n")
    if n == 0:
        return "零"
    if 10 <= n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    wan, rest = divmod(n, 10000)
    if not wan:
        return _below_10000(rest)
    text = _DIGITS[wan] + "万"
    if rest:
        text += ("零" if rest < 1000 else "") + _below_10000(rest)
    return text


def cn_count_word(n: int) -> str:
    """A numeral for counting things, where two is 两: 2→两 (两点、两篇), 2000→两千, 20000→两万.

    Only a leading 2 before 千/万 and the bare 2 become 两; 12→十二, 20→二十, 200→二百 (the written form).
    Ordinals keep 二 (第二, 二是): use :func:`cn_numeral` for them.
    """
    _check_int(n, 1, 99999, "n")
    text = cn_numeral(n)
    if n == 2 or (text[0] == "二" and text[1:2] in ("千", "万")):
        text = "两" + text[1:]
    return text


def points_phrase(n: int) -> str:
    """How many points: "一点", "两点" … "五点" for n ≤ 5 (我讲三点意见); "几点" above five, as the seeds do."""
    _check_int(n, 1, 10**6, "n")
    return f"{cn_count_word(n)}点" if n <= 5 else "几点"


def format_decimal(value: float | int | Decimal, places: int = 1) -> str:
    """Round half up to ``places`` decimals and drop trailing zeros: 2.45→"2.5", 3.0→"3", 12.25→"12.3"."""
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# ---------------------------------------------------------------------------------------------------------
# Counts, percentages, ranks, ranges

#: Approximation qualifiers accepted by :func:`count` ("" and None mean exact).
APPROX_WORDS: tuple[str, ...] = ("", "余", "多", "近", "以上", "约")
_PERCENT_APPROX: tuple[str, ...] = ("", "近", "以上", "约")


def count(value: int | Decimal, unit: str, approx: str | None = None) -> str:
    """A count with its measure word and optional qualifier, Arabic digits, no separators.

    ``count(160, "篇", "余")`` → "160余篇"; 多 → "900多条"; 近 → "近200篇"; 以上 → "95篇以上"; 约 → "约200篇".
    Decimals are written as given, without trailing zeros: ``count(Decimal("8.6"), "万元")`` → "8.6万元",
    ``count(38, "万人次", "近")`` → "近38万人次".  As GB/T 15835 writes them, 余/多 follow 万/亿 when the unit starts
    with one: ``count(8, "万元", "余")`` → "8万余元"; they never follow a decimal (ValueError: "8.6余万元" is wrong).
    Otherwise they follow only a round number (60余篇, 1200多条): after any other (7多条, 65余篇, wrong Chinese) the
    count says what the clerk meant, more than that number, with 以上 (7条以上).
    Zero or negative values raise :class:`ValueError`: the genre never says "0篇", callers drop the fact.
    """
    approx = approx or ""
    if approx not in APPROX_WORDS:
        raise ValueError(f"unknown approx {approx!r}; expected one of {APPROX_WORDS}")
    if isinstance(value, Decimal):
        if value <= 0 or value > 10**12:
            raise ValueError(f"value must be in (0, 10**12], got {value}")
        if value != value.to_integral_value() and approx in ("余", "多"):
            raise ValueError(f"a decimal takes no {approx}: write {value}{unit} or an integer with {approx}")
        number = format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    else:
        _check_int(value, 1, 10**12, "value")
        number = str(value)
    if approx in ("余", "多"):
        if unit[:1] in ("万", "亿") and len(unit) > 1:
            return f"{number}{unit[0]}{approx}{unit[1:]}"
        if int(value) % 10:  # 余/多 follow a round number only (60余篇); 7多条 is said 7条以上
            return f"{number}{unit}以上"
        return f"{number}{approx}{unit}"
    if approx in ("近", "约"):
        return f"{approx}{number}{unit}"
    return f"{number}{unit}{approx}"


def percent(value: float | int, approx: str | None = None) -> str:
    """A percentage: 95→"95%", 12.5→"12.5%", 95.0→"95%"; approx 以上/近/约 → "95%以上", "近95%", "约95%".

    One decimal at most, rounded half up.  Negative values raise :class:`ValueError`.
    """
    if isinstance(value, bool) or value < 0:
        raise ValueError(f"percent must be ≥ 0, got {value!r}")
    approx = approx or ""
    if approx not in _PERCENT_APPROX:
        raise ValueError(f"unknown approx {approx!r} for a percentage; expected one of {_PERCENT_APPROX}")
    text = f"{format_decimal(value)}%"
    return f"{text}以上" if approx == "以上" else f"{approx}{text}"


def rank(n: int, *, suffix: str = "位", cn_max: int = 10) -> str:
    """An ordinal rank: ≤ ``cn_max`` in 汉字 ("第三位", "第十名"), larger in Arabic ("第32位").

    ``suffix`` is 位, 名 or "" (see :func:`rank_bare`).  Pass ``cn_max=0`` to write every rank in Arabic
    numerals when a document has chosen that style throughout.
    """
    _check_int(n, 1, 10**9, "rank")
    number = cn_numeral(n) if n <= cn_max else str(n)
    return f"第{number}{suffix}"


def rank_bare(n: int, *, cn_max: int = 10) -> str:
    """A rank without measure word: 3→"第三", 32→"第32" (排名第三)."""
    return rank(n, suffix="", cn_max=cn_max)


_RANGE_SEPS = ("—", "至", "～")


def _small(n: int, hanzi: bool) -> str:
    return cn_count_word(n) if hanzi and n <= 10 else str(n)


def num_range(lo: int | None, hi: int | None, unit: str, *, sep: str = "—", hanzi: bool = False) -> str:
    """A range of counts: (2, 3) → "2—3篇"; (3, 3) → "3篇"; (3, None) → "不少于3篇"; (None, 3) → "不超过3篇".

    ``sep`` is the 一字线 "—" (project default), "至" or "～".  ``hanzi=True`` writes numbers ≤ 10 in 汉字
    the way requirement counts often are (不少于两篇, 两至三篇); a "—" between 汉字 numerals becomes 至; a range
    whose upper bound exceeds 10 stays Arabic (10—20篇).
    Both bounds missing, a bound ≤ 0 or lo > hi raise :class:`ValueError`.
    """
    if sep not in _RANGE_SEPS:
        raise ValueError(f"unknown range separator {sep!r}; expected one of {_RANGE_SEPS}")
    if lo is None and hi is None:
        raise ValueError("a range needs at least one bound")
    for bound in (lo, hi):
        if bound is not None:
            _check_int(bound, 1, 10**12, "range bound")
    if lo is None:
        assert hi is not None
        return f"不超过{_small(hi, hanzi)}{unit}"
    if hi is None:
        return f"不少于{_small(lo, hanzi)}{unit}"
    if lo > hi:
        raise ValueError(f"range lower bound {lo} exceeds upper bound {hi}")
    if lo == hi:
        return f"{_small(lo, hanzi)}{unit}"
    hanzi = hanzi and hi <= 10  # never mix 汉字 and Arabic numerals in one range
    if hanzi and sep == "—":
        sep = "至"
    return f"{_small(lo, hanzi)}{sep}{_small(hi, hanzi)}{unit}"


# ---------------------------------------------------------------------------------------------------------
# Dates and periods

_YEAR_DIGITS = "〇一二三四五六七八九"


def cn_year(y: int, style: Literal["arabic", "hanzi"] = "arabic") -> str:
    """A year in full: 2024 → "2024年", hanzi style → "二〇二四年" (〇, not 零)."""
    _check_int(y, 1, 9999, "year")
    if style == "hanzi":
        return "".join(_YEAR_DIGITS[int(c)] for c in str(y)) + "年"
    if style != "arabic":
        raise ValueError(f"unknown date style {style!r}")
    return f"{y}年"


def cn_date(d: date, style: Literal["arabic", "hanzi"] = "arabic", *, this_year: int | None = None) -> str:
    """A date per GB/T 9704: "2024年3月5日" (no zero padding) or "二〇二四年三月五日" (day 10 → 十日, 30 → 三十日).

    With ``this_year`` (the year of the text that says it) a date of that year is said without its year, as a
    speaker says it (请在4月15日前报送); a date of another year keeps it."""
    if style == "hanzi":
        year = "" if d.year == this_year else cn_year(d.year, "hanzi")
        return f"{year}{cn_numeral(d.month)}月{cn_numeral(d.day)}日"
    year = "" if d.year == this_year else cn_year(d.year, style)
    return f"{year}{d.month}月{d.day}日"


def month_span(start: date, end: date, *, with_year: bool = False) -> str:
    """Months covered: same month "3月", same year "1—10月" (with_year: "2024年1—10月"),
    across years always with years: "2023年11月—2024年2月"."""
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    if start.year != end.year:
        return f"{start.year}年{start.month}月—{end.year}年{end.month}月"
    prefix = f"{start.year}年" if with_year else ""
    if start.month == end.month:
        return f"{prefix}{start.month}月"
    return f"{prefix}{start.month}—{end.month}月"


_RELATIVE_YEARS = {0: "今年", -1: "去年", -2: "前年", 1: "明年"}


def relative_year(year: int, ref: date) -> str:
    """今年/去年/前年/明年 relative to ``ref`` (the document date); any other year → "2022年"."""
    return _RELATIVE_YEARS.get(year - ref.year) or cn_year(year)


def _is_month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def period_label(
    start: date,
    end: date,
    ref: date,
    *,
    ytd: Literal["since", "months"] = "since",
    multi_year: Literal["since", "recent"] = "since",
) -> str:
    """A label for a reporting period, relative to ``ref`` (the document date).  Rules, in order:

    1. a whole calendar year → :func:`relative_year`: "今年", "去年", "前年", "明年" or "2022年";
    2. from 1 January of ``ref``'s year to a date in it → "今年以来" (``ytd="since"``), or with
       ``ytd="months"`` and a month-end ``end`` → "今年1—10月";
    3. from 1 January of year Y to a later year, "up to now" (``end`` in ``ref``'s year, or 31 December of
       the year before):
       - ``multi_year="since"`` → "去年以来" / "2021年以来";
       - ``multi_year="recent"`` → "近N年" with N = end.year − Y + 1 (近两年, 近五年);
       otherwise whole years → "2019—2021年" (also for future spans), else rule 5;
    4. whole months inside one year → "今年3—6月", "去年3月", "2022年3—6月";
    5. anything else → "2024年3月5日至6月10日" (the year repeated only when it changes).
    """
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    jan1 = start.month == 1 and start.day == 1
    dec31 = end.month == 12 and end.day == 31
    if jan1 and dec31 and start.year == end.year:
        return relative_year(start.year, ref)
    if jan1 and start.year == end.year == ref.year:
        if ytd == "months" and _is_month_end(end):
            return f"今年{month_span(start, end)}"
        return "今年以来"
    up_to_now = end.year == ref.year or (dec31 and end.year == ref.year - 1)
    if jan1 and end.year > start.year:
        if up_to_now and multi_year == "recent":
            return f"近{cn_count_word(end.year - start.year + 1)}年"
        if up_to_now:
            since = "去年" if start.year == ref.year - 1 else f"{start.year}年"
            return f"{since}以来"
        if dec31:
            return f"{start.year}—{end.year}年"
    if start.day == 1 and _is_month_end(end) and start.year == end.year:
        return f"{relative_year(start.year, ref)}{month_span(start, end)}"
    tail = f"{end.month}月{end.day}日" if end.year == start.year else cn_date(end)
    return f"{cn_date(start)}至{tail}"


# ---------------------------------------------------------------------------------------------------------
# Comparisons

ChangeWording = Literal["auto", "increase_pct", "increase_abs", "multiple"]


def change_phrase(
    current: float | int | Decimal,
    previous: float | int | Decimal | None,
    *,
    wording: ChangeWording = "auto",
    unit: str = "",
    prev_label: str = "去年",
    approx: str = "",
) -> str | None:
    """A comparison clause with a previous value, as reports write it.

    - equal → "与去年持平"; a percentage that rounds to 0.0 → "与去年基本持平";
    - ``increase_pct`` → "较去年增长37.5%" / "较去年下降12.5%" (one decimal, half up, ".0" dropped);
    - ``increase_abs`` → "比去年增加30篇" / "比去年减少30篇"; for ``unit="%"`` (a rate) the difference is in
      百分点: "比去年提高2.1个百分点" / "比去年下降2.1个百分点";
    - ``multiple`` → "是去年的2.5倍" (needs current > previous);
    - ``auto``: rates (unit "%") → absolute; previous == 0 → absolute; current ≥ 2 × previous → multiple;
      otherwise percent.

    ``approx`` is the qualifier of the current value (:data:`APPROX_WORDS`): nothing is then computed from
    it; the previous value is named and only a direction the numbers guarantee is said ("比去年同期的400条有所
    增加"; 120篇以上 against 120 → "不少于去年同期的120篇"; 近/约 against an equal value → "接近……"/"与……大体
    相当"; at least a number below the previous one → "去年同期为500条").

    Returns None when ``previous`` is None (nothing to compare).  Negative values, and a wording the numbers
    cannot support (a percentage or multiple of zero, a multiple below one), raise :class:`ValueError`.
    """
    if previous is None:
        return None
    cur, prev = Decimal(str(current)), Decimal(str(previous))
    if cur < 0 or prev < 0:
        raise ValueError("change_phrase needs non-negative values")
    if approx not in APPROX_WORDS:
        raise ValueError(f"unknown approx {approx!r}; expected one of {APPROX_WORDS}")
    if approx:
        return _approx_change(cur, prev, unit, prev_label, approx)
    if cur == prev:
        return f"与{prev_label}持平"
    if wording == "auto":
        if unit == "%" or prev == 0:
            wording = "increase_abs"
        elif cur >= 2 * prev:
            wording = "multiple"
        else:
            wording = "increase_pct"
    if wording == "increase_abs":
        diff = format_decimal(abs(cur - prev))
        if unit == "%":
            verb = "提高" if cur > prev else "下降"
            return f"比{prev_label}{verb}{diff}个百分点"
        verb = "增加" if cur > prev else "减少"
        return f"比{prev_label}{verb}{diff}{unit}"
    if prev == 0:
        raise ValueError(f"cannot express {wording} against a previous value of 0")
    if wording == "multiple":
        if cur < prev:
            raise ValueError("a multiple needs current > previous")
        return f"是{prev_label}的{format_decimal(cur / prev)}倍"
    if wording == "increase_pct":
        pct = format_decimal(abs(cur - prev) / prev * 100)
        if pct == "0":
            return f"与{prev_label}基本持平"
        verb = "增长" if cur > prev else "下降"
        return f"较{prev_label}{verb}{pct}%"
    raise ValueError(f"unknown wording {wording!r}")


def _approx_change(cur: Decimal, prev: Decimal, unit: str, prev_label: str, approx: str) -> str:
    """:func:`change_phrase` for an approximate current value: the previous value is named and the direction
    said, nothing is computed (a percentage of 480余 is not a fact)."""
    was = f"{prev_label}的{format_decimal(prev)}{unit}"
    rate = unit == "%"
    up, down = ("提高", "降低") if rate else ("增加", "减少")
    at_least = approx in ("余", "多", "以上")  # the true value is at least cur (余/多: more than cur)
    if cur == prev:
        if approx == "以上":
            return f"不低于{was}" if rate else f"不少于{was}"
        if at_least:
            return f"比{was}有所{up}"
        if approx == "近":
            return f"接近{was}"
        return f"与{was}大体相当"
    if cur > prev and (at_least or approx in ("约", "近")):
        return f"比{was}有所{up}"
    if cur < prev and approx in ("近", "约"):
        return f"比{was}有所{down}"
    # at least cur, cur below prev: the direction is not known
    return f"{prev_label}为{format_decimal(prev)}{unit}"


# ---------------------------------------------------------------------------------------------------------
# Heading numbers and enumeration leads


def l1_number(i: int) -> str:
    """Level-1 heading number: 1 → "一、"."""
    _check_int(i, 1, 99, "heading number")
    return f"{cn_numeral(i)}、"


def l2_number(i: int, style: Literal["standard", "county"] = "standard") -> str:
    """Level-2 number: "（一）" (standard) or "1." (county style; ASCII period per GB/T 9704, never "1、")."""
    _check_int(i, 1, 99, "heading number")
    if style == "county":
        return f"{i}."
    if style != "standard":
        raise ValueError(f"unknown heading style {style!r}")
    return f"（{cn_numeral(i)}）"


def l4_number(i: int) -> str:
    """Level-4 number: 1 → "（1）" (full-width parentheses)."""
    _check_int(i, 1, 99, "heading number")
    return f"（{i}）"


def l3_lead(i: int) -> str:
    """In-paragraph point lead for facts and measures: 1 → "一是", 2 → "二是"."""
    _check_int(i, 1, 99, "point number")
    return f"{cn_numeral(i)}是"


def l3_demand(i: int) -> str:
    """In-paragraph lead for demands: 1 → "一要"."""
    _check_int(i, 1, 99, "point number")
    return f"{cn_numeral(i)}要"


def ordinal_first(i: int) -> str:
    """Sentence-initial ordinal with its comma: 1 → "第一，"."""
    _check_int(i, 1, 99, "ordinal")
    return f"第{cn_numeral(i)}，"


# ---------------------------------------------------------------------------------------------------------
# Lists, titles, quotes

_CONJUNCTIONS = ("和", "及", "以及", "与", "、", "或")


def join_list(items: Iterable[str], conj: str = "和") -> str:
    """Join with 顿号 and a final conjunction: [a, b, c] → "a、b和c"; [a, b] → "a和b"; [a] → "a"; [] → "".

    ``conj`` is 和, 及, 以及, 与, 或, or "、" (顿号 throughout).  Empty or blank items are dropped, so a list
    thinned by missing facts never leaves a dangling 顿号.
    """
    if conj not in _CONJUNCTIONS:
        raise ValueError(f"unknown conjunction {conj!r}; expected one of {_CONJUNCTIONS}")
    parts = [s.strip() for s in items if s and s.strip()]
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + conj + parts[-1]


def book_title(name: str) -> str:
    """Wrap in 书名号: "人民日报", "《人民日报》" or "“人民日报”" → "《人民日报》"; inner 《》 become 〈〉.

    Idempotent for the names users write: a name whose head is a title already (《今日焦点》栏目) is returned
    as written (:func:`~docgen.zhtext.marked_at_head`); quotes inside a title are the title's own
    (《“一带一路”倡议研究》)."""
    core = strip_title_marks(unwrap(name))
    if not core:
        raise ValueError("empty title")
    if marked_at_head(core, "《"):
        return core
    return f"《{core.replace('《', '〈').replace('》', '〉')}》"


_OPEN_QUOTES = "\"'“‘「『"
_CLOSE_QUOTES = "\"'”’」』"


def quoted(name: str) -> str:
    """Wrap in Chinese double quotes, stripping any quotes around it first: "两会" → “两会”.

    Inner double quotes (“” or straight ") become single quotes ‘’, so the nesting is “……‘……’……”.
    A name that is a whole title in 书名号 (《关于……的建议》) is returned as it is: it needs no quotes; so is a
    name the writer marked at its head (“东岚发布”微信公众号, 《今日焦点》栏目): quoting is idempotent.
    """
    core = unwrap(name, _OPEN_QUOTES)
    if not core:
        raise ValueError("empty quotation")
    if core[0] == "《" and strip_title_marks(core) != core:
        return book_title(core)  # a title in 书名号 is marked already: “《……》” would mark it twice
    if marked_at_head(core):
        return core  # “‘东岚发布’微信公众号” would mark it twice
    out: list[str] = []
    opened = False
    for ch in core:
        if ch == "“" or (ch == '"' and not opened):
            out.append("‘")
            opened = True
        elif ch == "”" or ch == '"':
            out.append("’")
            opened = False
        else:
            out.append(ch)
    return f"“{''.join(out)}”"
