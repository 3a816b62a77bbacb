"""Chinese text helpers: character classes, punctuation normalisation, GB2312 coverage, placeholder tokens.

Pure functions, no I/O, no domain vocabulary.  Split from :mod:`docgen.zh`, which re-exports every public name.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------------------
# Character classes (shared with docgen.lint)

#: 汉字 ranges (CJK unified ideographs, extension A, compatibility ideographs) plus 〇.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
#: Full-width Chinese punctuation and brackets: 、。〈〉《》「」『』【】〔〕 ，！（）：；？ “”‘’ —… ·
CJK_PUNCT_CLASS = "\u3001\u3002\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
_HAN_RE = re.compile(f"[{HAN_CLASS}]")
_CJK_RE = re.compile(f"[{HAN_CLASS}{CJK_PUNCT_CLASS}]")


def is_han(ch: str) -> bool:
    """True if ``ch`` (one character) is a 汉字 or 〇."""
    return bool(ch) and _HAN_RE.fullmatch(ch) is not None


def is_cjk(ch: str) -> bool:
    """True if ``ch`` is a 汉字 or a full-width Chinese punctuation mark."""
    return bool(ch) and _CJK_RE.fullmatch(ch) is not None


# ---------------------------------------------------------------------------------------------------------
# Punctuation normalisation

_CJ = f"[{HAN_CLASS}{CJK_PUNCT_CLASS}]"
_FW_ALNUM = str.maketrans(
    {
        chr(c): chr(c - 0xFEE0)
        for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
    }
    | {"％": "%"}
)
_FW_DECIMAL_RE = re.compile(r"(?<=\d)．(?=\d)")
FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def halfwidth_alnum(text: str) -> str:
    """Full-width digits, Latin letters and ％ in half width (２０２５年６月 → 2025年6月, ５．２％ → 5.2%): GB/T 15835
    writes Arabic digits in half width."""
    if not FULLWIDTH_ALNUM_RE.search(text) and "％" not in text:
        return text
    return _FW_DECIMAL_RE.sub(".", text.translate(_FW_ALNUM))

_SPACE_RE = re.compile(f"(?<={_CJ}) +(?=\\S)|(?<=\\S) +(?={_CJ})")
_RANGE_RE = re.compile(
    r"(?<![\d.\-–])(\d+(?:\.\d+)?)(?:--|-|–)(\d+(?:\.\d+)?)(?![\-\d])(?=[%" + HAN_CLASS + "])"
)
_ELLIPSIS_RE = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)")
_PAREN_PAIR_RE = re.compile(r"\(([^()]*)\)")
_SIMPLE_MAP = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SIMPLE_RE = re.compile(r"[,;:?!]")
_PERIOD_RE = re.compile(r"\.")
_NUMBERING_RE = re.compile(
    r"(?:^|(?<=[\s\uff1a\uff1b\u3002\uff0c\uff01\uff1f\u201c\u201d\uff08\uff09]))\d{1,2}$"
)
_NUMBER_INNER_RE = re.compile(r"\d{1,2}|[一二三四五六七八九十]{1,3}")


def _cj(ch: str) -> bool:
    return bool(ch) and _CJK_RE.fullmatch(ch) is not None


def _convert_parens(line: str, has_cjk: bool) -> str:
    """Full-width parentheses for pairs that hold or touch Chinese, or number a Chinese line: (1) → （1）.

    A pair right after a Latin letter or digit with no Chinese inside stays ASCII: f(x).
    """

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1)
        before = line_now[m.start() - 1] if m.start() else ""
        after = line_now[m.end()] if m.end() < len(line_now) else ""
        chinese = (
            _CJK_RE.search(inner) is not None
            or _cj(before)
            or (_cj(after) and not (before.isascii() and before.isalnum()))
            or (has_cjk and _NUMBER_INNER_RE.fullmatch(inner) is not None)
        )
        if chinese:
            return f"（{inner}）"
        return f"\x00{inner}\x01"

    line_now = line
    while True:
        new = _PAREN_PAIR_RE.sub(repl, line_now)
        if new == line_now:
            break
        line_now = new
    out = []
    for i, ch in enumerate(line_now):
        if ch in "()":
            prev = line_now[i - 1] if i else ""
            nxt = line_now[i + 1] if i + 1 < len(line_now) else ""
            out.append(("（" if ch == "(" else "）") if _cj(prev) or _cj(nxt) else ch)
        else:
            out.append(ch)
    return "".join(out).replace("\x00", "(").replace("\x01", ")")


def _convert_quotes(line: str) -> str:
    """Straight double quotes → “ and ” alternately, continuing from any curly quote already open."""
    out: list[str] = []
    opened = False
    for ch in line:
        if ch == "“":
            opened = True
        elif ch == "”":
            opened = False
        elif ch == '"':
            ch = "”" if opened else "“"
            opened = not opened
        out.append(ch)
    return "".join(out)


def _convert_line(line: str, number_ranges: bool) -> str:
    line = _SPACE_RE.sub("", line)
    has_cjk = _CJK_RE.search(line) is not None
    if not has_cjk:
        return line
    if number_ranges:
        line = _RANGE_RE.sub(r"\1—\2", line)
    line = _ELLIPSIS_RE.sub("……", line)
    line = _convert_parens(line, has_cjk)
    line = _convert_quotes(line)

    def simple(m: re.Match[str]) -> str:
        i = m.start()
        prev = line[i - 1] if i else ""
        nxt = line[i + 1] if i + 1 < len(line) else ""
        at_end = not nxt and prev not in ("", " ")
        return _SIMPLE_MAP[m.group()] if _cj(prev) or _cj(nxt) or at_end else m.group()

    line = _SIMPLE_RE.sub(simple, line)

    def period(m: re.Match[str]) -> str:
        i = m.start()
        prev = line[i - 1] if i else ""
        nxt = line[i + 1] if i + 1 < len(line) else ""
        if not prev or prev.isspace() or (nxt and not _cj(nxt)):
            return "."
        if _NUMBERING_RE.search(line[:i]) and nxt:  # "1.高度重视", "；2.完善" are numbers, not full stops
            return "."
        return "。"

    line = _PERIOD_RE.sub(period, line)
    return _SPACE_RE.sub("", line)


def fullwidth_punct(text: str, *, number_ranges: bool = False) -> str:
    """Normalise punctuation and spacing of Chinese text, line by line (GB/T 15834).

    - full-width digits, Latin letters and ％ become half-width (５．２％ → 5.2%);
    - ASCII spaces between a 汉字 (or Chinese punctuation) and anything else are removed (no pangu
      spacing); spaces between Latin words, and U+3000, are kept;
    - in a line that contains Chinese: , ; : ? ! touching Chinese (or ending the line) become ，；：？！;
      ( ) around or next to Chinese, and around a bare number, become （）; straight " become “ and ”
      alternately; "..." and a single … become ……; "." after a character and before Chinese or the line end
      becomes 。;
    - left alone: decimals (5.2), times (10:30), 1,000, URLs and Latin text, "1." numbering at the start of
      a line or after Chinese punctuation;
    - ``number_ranges=True`` also turns "2-3篇", "2--3篇", "2021-2025年" into "2—3篇", "2021—2025年"
      (a hyphen between numbers followed by a 汉字 or %; ISO dates such as 2024-03-05 are untouched).
    """
    text = _FW_DECIMAL_RE.sub(".", text.translate(_FW_ALNUM))
    return "\n".join(_convert_line(line, number_ranges) for line in text.split("\n"))


# ---------------------------------------------------------------------------------------------------------
# GB2312 coverage

#: Characters GB2312 fonts carry under the Windows (cp936) mapping, which Python's gb2312 codec maps elsewhere.
_GB2312_EXTRA = frozenset("—·")


def is_gb2312(ch: str) -> bool:
    """True if a *_GB2312 font (仿宋_GB2312, 楷体_GB2312) has the character: ASCII, or encodable in GB 2312.

    The 一字线 — and 间隔号 · count as covered (Windows maps the GB2312 codes to them).  〇 (U+3007) is not
    in GB 2312, only in GBK: hanzi-style dates in a _GB2312 face use a fallback glyph.
    """
    if len(ch) != 1:
        raise ValueError("is_gb2312 takes one character")
    if ch.isascii() or ch in _GB2312_EXTRA:
        return True
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def non_gb2312_chars(text: str) -> list[str]:
    """Distinct characters of ``text`` outside GB 2312, in order of first appearance (ASCII ignored)."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in seen and not is_gb2312(ch):
            seen[ch] = None
    return list(seen)


# ---------------------------------------------------------------------------------------------------------
# Placeholders

#: Marker of a draft-mode placeholder "〔待补：说明〕"; a final render must contain none.
#: a duration in Arabic digits (30分钟, 12小时, 3个工作日) and one in Han numerals (一小时, 两个工作日; 半 and the
#: approximate 两个多小时 included): GB/T 15835 writes the numbers of one kind in one context the same way
_DURATION_UNITS = "(?:个多|多个|个)?(?:分钟|小时|钟头|天|工作日|星期)|个(?:多)?月"
ARABIC_DURATION_RE = re.compile(f"\\d+(?:{_DURATION_UNITS})")
HAN_DURATION_RE = re.compile(f"(?<![第一二两三四五六七八九十几])([一二两三四五六七八九十半]+)({_DURATION_UNITS})")
_HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _han_small(text: str) -> int | None:
    """一 … 九十九 as a number (None for 半 and anything else)."""
    if text in _HAN_DIGITS:
        return _HAN_DIGITS[text]
    tens, sep, ones = text.partition("十")
    if not sep or (tens and tens not in _HAN_DIGITS) or (ones and ones not in _HAN_DIGITS):
        return None
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[ones] if ones else 0)


def _arabic(m: re.Match[str]) -> str:
    n = _han_small(m.group(1))
    return m.group() if n is None or "多" in m.group(2) else f"{n}{m.group(2)}"


def one_duration_style(texts: list[str]) -> list[str]:
    """The parts of one paragraph, its durations in Arabic digits throughout when any of them writes one so
    (30分钟内电话报告、一小时内书面报告 → 1小时内; GB/T 15835: measures in Arabic digits, the numbers of one kind in
    one context in one form); 半小时 and an approximate 两个多小时 stay as they are (they have no digit form)."""
    if not any(ARABIC_DURATION_RE.search(t) for t in texts) or not any(HAN_DURATION_RE.search(t) for t in texts):
        return texts
    return [HAN_DURATION_RE.sub(_arabic, t) for t in texts]


#: Praise formulas of the genre (the writer's verdict on a result): a document says one of them at most once, or
#: the praise becomes a refrain after every figure (……位居第二位，各单位功不可没。……位居第三位，各单位功不可没。)
PRAISE_FORMULAS = ("功不可没", "来之不易", "可圈可点", "有目共睹", "难能可贵", "值得肯定", "可喜可贺", "令人鼓舞")

TODO_MARK = "〔待补："

#: Placeholder tokens the seeds use for missing facts; never allowed in data or output (whatever the mode):
#: 20xx / 20** (a year), 第× …, any × (U+00D7), a run of two or more x/X not touching other Latin letters
#: (xx县, XXX; not "xxl"), a single x between 汉字 (x月x日, 尊敬的x主席), any run of * (** or a lone *),
#: 某某, the other X marks (✕ ✖ ╳ ☓), and runs of ○ ◯ □ or 〇 (〇〇 only outside a numeral such as 二〇〇〇).
PLACEHOLDER_RE = re.compile(
    "|".join(
        [
            r"20(?:[xXｘＸ]{2}|\*{1,2})(?![A-Za-z])",
            r"第[×xXｘＸ]+",
            r"×+",
            r"(?<![A-Za-z])[xXｘＸ]{2,}(?![A-Za-z])",
            f"(?<=[{HAN_CLASS}])[xXｘＸ](?![A-Za-z0-9])",
            f"(?<![A-Za-z0-9])[xXｘＸ](?=[{HAN_CLASS}])",
            r"\*+",
            r"某某+",
            r"[✕✖╳☓]+",  # other X marks, like ×
            r"[○◯□]{2,}",  # ○○县, □□同志
            r"(?<![一二三四五六七八九十零〇])〇{2,}(?![一二三四五六七八九十零〇])",  # 〇〇县, not 二〇〇〇年
        ]
    )
)


#: Every placeholder holds one of these characters: a text without any is searched no further (the alternation
#: above tries each branch at each position, which dominates on long clean text).
_PLACEHOLDER_CHARS_RE = re.compile("[xXｘＸ×*某✕✖╳☓○◯□〇]")


def may_hold_placeholder(text: str) -> bool:
    """False when ``text`` has none of the characters every placeholder holds (a cheap filter)."""
    return _PLACEHOLDER_CHARS_RE.search(text) is not None


def find_placeholders(text: str) -> list[tuple[int, str]]:
    """Offsets and tokens of every placeholder in ``text`` (see :data:`PLACEHOLDER_RE`)."""
    if not _PLACEHOLDER_CHARS_RE.search(text):
        return []
    return [(m.start(), m.group()) for m in PLACEHOLDER_RE.finditer(text)]


# ---------------------------------------------------------------------------------------------------------
# A clerk's own numbering in front of a phrase

#: The numbering a writer puts in front of a list item or a heading (一要……, 二是……, （三）……, (2)……, 1.……,
#: 一、……, 第一，……, ②……): the document numbers its items itself, so a phrase loses it.  Not 一、二季度 (a
#: range of numerals), 1.5万 (a decimal), 三要素/要点 (words with 要), 一是非 (a word with 是).
LEADING_ENUMERATOR_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}(?:是(?!非)|要(?![素点求闻件务害领旨案职]))"
    r"|[（(](?:[一二三四五六七八九十]{1,2}|\d{1,2})[）)]"
    r"|\d{1,2}[.．、](?!\d)"
    r"|[一二三四五六七八九十]{1,2}、(?![一二三四五六七八九十\d])"
    r"|第[一二三四五六七八九十]{1,2}[，,、]"
    r"|[①-⑳])\s*"
)


def strip_enumerator(text: str) -> str:
    """``text`` without a leading numbering of the writer's (see :data:`LEADING_ENUMERATOR_RE`); a text that is
    nothing but a numbering is returned as it is."""
    m = LEADING_ENUMERATOR_RE.match(text)
    return text[m.end() :] if m and m.end() < len(text) else text


# ---------------------------------------------------------------------------------------------------------
# Names that carry their own marks (a normaliser for the names users write: quoting must be idempotent)

#: opening mark → its closing mark (quotes and 书名号)
MARK_PAIRS: dict[str, str] = {"“": "”", '"': '"', "'": "'", "‘": "’", "「": "」", "『": "』", "《": "》"}
QUOTE_OPENS = "“\"'‘「『"


def unwrap(name: str, opens: str = QUOTE_OPENS + "《") -> str:
    """``name`` without the pairs of marks (of ``opens``) that enclose all of it, repeatedly: “两会” → 两会,
    《人民日报》 → 人民日报, ““X”” → X.  Marks that enclose only a part stay: “两会”和“双周协商” is two names,
    “东岚发布”微信公众号 one name marked at its head."""
    core = name.strip()
    while len(core) >= 2 and core[0] in opens and _closing(core) == len(core) - 1:
        core = core[1:-1].strip()
    return core


def strip_title_marks(name: str) -> str:
    """``name`` without the 书名号 around all of it (《东岚日报》 → 东岚日报), nor a lone one a writer left at
    either end (《东岚日报, 东岚日报》); a title at its head stays marked (《今日焦点》栏目)."""
    core = unwrap(name, "《")
    if core.startswith("《") and _closing(core) == -1:
        core = core[1:].strip()
    if core.endswith("》") and "《" not in core:
        core = core[:-1].strip()
    return core


def _closing(text: str) -> int:
    """Where the mark that opens ``text`` closes (nesting of the same pair counted), or -1."""
    open_, close = text[0], MARK_PAIRS[text[0]]
    if open_ == close:
        return text.find(close, 1)
    depth = 0
    for i, ch in enumerate(text):
        if ch == open_:
            depth += 1
        elif ch == close:
            depth -= 1
            if depth == 0:
                return i
    return -1


def marked_at_head(name: str, opens: str = QUOTE_OPENS + "《") -> bool:
    """A name that opens with its own marked part (marks of ``opens``) and goes on (“东岚发布”微信公众号,
    《今日焦点》栏目, ‘学习强国’号): the writer marked it; a frame that quotes it again would mark it twice."""
    core = name.strip()
    if core[:1] not in opens or core[:1] not in MARK_PAIRS:
        return False
    return 1 < _closing(core) < len(core) - 1
