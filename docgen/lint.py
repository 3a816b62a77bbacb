"""Writing-conventions lint over generated text (GB/T 15834, GB/T 15835, GB/T 9704 practice).

:func:`lint_lines` takes the paragraphs of a draft with their kind (title, heading, body …), so it can apply
the end-punctuation rules; :func:`lint_text` treats every non-empty line of plain text as a body paragraph.
Each finding carries a stable code documented in :data:`CODES`.  The lint reads text only: it knows nothing
of the facts, the domain or the renderers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from docgen.draft import (
    Byline,
    ClosingLine,
    Draft,
    Heading,
    Paragraph,
    Salutation,
    Signature,
    Subtitle,
    Table,
    Title,
)
from docgen.zh import CJK_PUNCT_CLASS, HAN_CLASS, TODO_MARK, find_placeholders

__all__ = ["CODES", "KINDS", "Finding", "LintMode", "lint_lines", "lint_text"]

LintMode = Literal["final", "draft"]

#: Paragraph kinds understood by :func:`lint_lines`.
KINDS: tuple[str, ...] = ("title", "heading", "body", "byline", "salutation", "closing", "signature", "table")

#: Every lint code with its Chinese description.  Codes are stable: tests and users filter on them.
CODES: dict[str, str] = {
    "placeholder": "占位符（×、xx、20xx、*、**、某某、第×等）不得出现在文稿中",
    "todo-left": "定稿中仍有〔待补：…〕标记",
    "todo-unclosed": "〔待补：缺少配对的“〕”",
    "ascii-punct": '中文语境中使用了半角标点（, . ; : ? ! ( ) "），应使用全角标点',
    "space": "汉字与数字、字母或标点之间不应有半角空格",
    "ideographic-space": "正文、标题中不应使用全角空格（仅姓名对齐等处可用）",
    "doubled-punct": "标点重复或连用（如“，，”“。。”“；。”）",
    "dangling-punct": "顿号或逗号悬空（后接句末标点或位于段末）",
    "empty-bracket": "空的括号、引号或书名号",
    "empty-enumeration": "列举词后没有内容（如“一是。”“第一，；”）",
    "zero-count": "数量为零的表述（如“0篇”），应删去该事实",
    "zero-padded-date": "日期或文号数字不应补零（3月5日，不是03月05日）",
    "numeric-date": "行文中的日期应写作“2024年3月5日”，不用“2024-03-05”“2024.3.5”",
    "numbering-punct": "序号后标点错误（“（一）”“（1）”后不加标点，“一、”不写作“一.”）",
    "arabic-dunhao": "阿拉伯数字序号应写作“1.”，不写作“1、”",
    "hyphen-range": "数值范围应使用一字线“—”（如2—3篇），不用半角连字符或波浪号",
    "fullwidth-alnum": "数字、拉丁字母和%应使用半角",
    "end-punct": "正文段落应以句末标点结束（。！？：”）……）",
    "heading-end-punct": "单独成行的标题末尾不加标点",
    "title-end-punct": "文稿标题末尾不加标点",
    "title-punct": "标题中只用书名号、引号、顿号、括号和破折号，不用逗号、句号等",
    "title-too-long": "标题过长（超过40字）",
    "salutation-colon": "称谓应以全角冒号结束（如“同志们：”）",
}

_CJ = f"{HAN_CLASS}{CJK_PUNCT_CLASS}"
_CJK_CHAR_RE = re.compile(f"[{_CJ}]")
_NUM = "一二三四五六七八九十"
_MEASURES = "篇条期件次个名位人家项场部本份册批所支套台处幅首集万亿元户村"
_TITLE_MAX = 40

_ASCII_PUNCT_RE = re.compile(r"[,;:?!()\".]")
_SPACE_RE = re.compile(f"(?<=[{_CJ}]) +| +(?=[{_CJ}])")
_IDEO_SPACE_RE = re.compile(r"(?<=\S)\u3000+")
_PAIR_RE = re.compile(r"[，。、；：][，。、；：！？]|[！？][，。、；：]")
_EMPTY_BRACKET_RE = re.compile(r"（）|“”|‘’|《》|〈〉|〔〕|\(\)")
_EMPTY_ENUM_RE = re.compile(
    f"(?:(?<![{HAN_CLASS}])[{_NUM}]+[是要]|第[{_NUM}]+，|(?:首先|其次|再次|最后)，)(?=[，。；！？、]|$)"
)
_ZERO_COUNT_RE = re.compile(f"(?<![\\d.])0(?:余|多)?[{_MEASURES}]")
_ZERO_PAD_RE = re.compile(r"(?<!\d)0\d(?=[月日号])")
_NUMERIC_DATE_RE = re.compile(r"(?<![\d.])(?:19|20)\d{2}([-./])\d{1,2}\1\d{1,2}(?![\d.])")
_NUMBERING_PUNCT_RE = re.compile(
    f"[（(](?:[{_NUM}]+|\\d{{1,2}})[）)][、，．.：]|^\\s*[{_NUM}]+[.．，]|^\\s*[{_NUM}]+、[、，．.]"
)
_ARABIC_DUNHAO_RE = re.compile(r"^\s*\d{1,2}、")
_HYPHEN_RANGE_RE = re.compile(
    f"(?<![\\d.])\\d+(?:\\.\\d+)?%?[-–~－]\\d+(?:\\.\\d+)?(?![\\d.])(?=%|[{_MEASURES}年月日周倍])"
)
_FULLWIDTH_RE = re.compile(r"[０-９Ａ-Ｚａ-ｚ％]+")
_TODO_RE = re.compile(re.escape(TODO_MARK[:-1]))

_BODY_END = ("。", "！", "？", "：", "”", "’", "）", "……")
_TITLE_FORBIDDEN = "，。；：！？,.;:?!"


@dataclass(frozen=True)
class Finding:
    """One convention problem: 1-based line and column, stable code, Chinese message, text around it."""

    line: int
    col: int
    code: str
    message: str
    excerpt: str

    def format(self) -> str:
        """``LINE:COL: 中文说明 [code]``."""
        return f"{self.line}:{self.col}: {self.message} [{self.code}]"


def _excerpt(text: str, start: int, end: int, width: int = 8) -> str:
    return text[max(0, start - width) : end + width]


def _finding(line: int, text: str, start: int, end: int, code: str, detail: str = "") -> Finding:
    message = CODES[code] + (f"：{detail}" if detail else "")
    return Finding(line, start + 1, code, message, _excerpt(text, start, end))


def _regex(line: int, text: str, pattern: re.Pattern[str], code: str) -> Iterator[Finding]:
    for m in pattern.finditer(text):
        yield _finding(line, text, m.start(), m.end(), code, f"“{m.group()}”")


def _latin_call(text: str, close: int) -> bool:
    """True if the ")" at ``close`` ends a pair like f(x): opened right after a Latin letter or digit, no Chinese inside."""
    open_ = text.rfind("(", 0, close)
    if open_ <= 0:
        return False
    before = text[open_ - 1]
    return before.isascii() and before.isalnum() and _CJK_CHAR_RE.search(text, open_, close) is None


def _ascii_punct(line: int, text: str) -> Iterator[Finding]:
    has_cjk = _CJK_CHAR_RE.search(text) is not None
    for m in _ASCII_PUNCT_RE.finditer(text):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        prev_cj = bool(prev) and _CJK_CHAR_RE.fullmatch(prev) is not None
        next_cj = bool(nxt) and _CJK_CHAR_RE.fullmatch(nxt) is not None
        if ch == '"':
            hit = has_cjk
        elif ch == ".":
            hit = prev_cj
        elif ch == ")" and not prev_cj and _latin_call(text, i):
            hit = False  # f(x) followed by Chinese is Latin notation
        else:
            hit = prev_cj or next_cj
        if hit:
            yield _finding(line, text, i, i + 1, "ascii-punct", f"“{ch}”")


def _common(line: int, text: str, kind: str, mode: LintMode) -> Iterator[Finding]:
    for offset, token in find_placeholders(text):
        yield _finding(line, text, offset, offset + len(token), "placeholder", f"“{token}”")
    for m in _TODO_RE.finditer(text):
        if mode == "final":
            yield _finding(line, text, m.start(), m.end(), "todo-left")
        if "〕" not in text[m.end() :]:
            yield _finding(line, text, m.start(), m.end(), "todo-unclosed")
    yield from _ascii_punct(line, text)
    if kind != "table":  # table cells may be joined by spaces
        for m in _SPACE_RE.finditer(text):
            yield _finding(line, text, m.start(), m.end(), "space")
    if kind not in ("byline", "signature", "table"):
        yield from _regex(line, text, _IDEO_SPACE_RE, "ideographic-space")
    for m in _PAIR_RE.finditer(text):
        code = "dangling-punct" if m.group()[0] in "，、" and m.group()[1] in "。；！？" else "doubled-punct"
        yield _finding(line, text, m.start(), m.end(), code, f"“{m.group()}”")
    stripped = text.rstrip()
    if kind in ("body", "closing") and stripped.endswith(("，", "、")):
        yield _finding(line, text, len(stripped) - 1, len(stripped), "dangling-punct", "段末")
    for pattern, code in (
        (_EMPTY_BRACKET_RE, "empty-bracket"),
        (_EMPTY_ENUM_RE, "empty-enumeration"),
        (_ZERO_COUNT_RE, "zero-count"),
        (_ZERO_PAD_RE, "zero-padded-date"),
        (_NUMERIC_DATE_RE, "numeric-date"),
        (_NUMBERING_PUNCT_RE, "numbering-punct"),
        (_ARABIC_DUNHAO_RE, "arabic-dunhao"),
        (_HYPHEN_RANGE_RE, "hyphen-range"),
        (_FULLWIDTH_RE, "fullwidth-alnum"),
    ):
        yield from _regex(line, text, pattern, code)


def _ends_with_punct(text: str, marks: str) -> bool:
    return bool(text) and text[-1] in marks


def _by_kind(line: int, text: str, kind: str, mode: LintMode) -> Iterator[Finding]:
    stripped = text.rstrip()
    end = len(stripped)
    if kind == "title":
        if _ends_with_punct(stripped, _TITLE_FORBIDDEN + "、"):
            yield _finding(line, text, end - 1, end, "title-end-punct", f"“{stripped[-1]}”")
        for i, ch in enumerate(stripped[:-1]):
            if ch in _TITLE_FORBIDDEN and not (ch == "." and i and stripped[i - 1].isdigit()):
                yield _finding(line, text, i, i + 1, "title-punct", f"“{ch}”")
        if len(stripped) > _TITLE_MAX:
            yield _finding(line, text, 0, end, "title-too-long", f"{len(stripped)}字")
    elif kind == "heading":
        if _ends_with_punct(stripped, _TITLE_FORBIDDEN + "、"):
            yield _finding(line, text, end - 1, end, "heading-end-punct", f"“{stripped[-1]}”")
    elif kind == "salutation":
        if not stripped.endswith("："):
            yield _finding(line, text, max(end - 1, 0), end, "salutation-colon")
    elif kind in ("body", "closing"):
        if stripped.endswith(("，", "、")):
            return  # reported as dangling-punct
        if mode == "draft" and stripped.endswith("〕") and TODO_MARK in stripped:
            return
        if not stripped.endswith(_BODY_END):
            detail = f"以“{stripped[-1]}”结束" if stripped else ""
            yield _finding(line, text, max(end - 1, 0), end, "end-punct", detail)


def lint_lines(lines: Iterable[tuple[str, str]], mode: LintMode = "final") -> list[Finding]:
    """Lint ``(kind, text)`` paragraphs; line numbers are 1-based positions in ``lines``.

    ``kind`` is one of :data:`KINDS`.  Blank paragraphs are skipped.  In ``mode="final"`` a remaining
    〔待补：…〕 is a finding; in ``mode="draft"`` it is allowed.  Findings are sorted by line, column, code.
    """
    if mode not in ("final", "draft"):
        raise ValueError(f"unknown lint mode {mode!r}")
    findings: list[Finding] = []
    for number, (kind, text) in enumerate(lines, start=1):
        if kind not in KINDS:
            raise ValueError(f"unknown paragraph kind {kind!r}; expected one of {KINDS}")
        if not text.strip():
            continue
        findings.extend(_common(number, text, kind, mode))
        findings.extend(_by_kind(number, text, kind, mode))
    return sorted(set(findings), key=lambda f: (f.line, f.col, f.code, f.message))


def lint_text(text: str, *, mode: LintMode = "final") -> list[Finding]:
    """Lint plain text: every non-empty line is a body paragraph; line numbers are physical lines."""
    return lint_lines([("body", line) for line in text.splitlines()], mode)


def draft_lines(draft: Draft) -> list[tuple[str, str]]:
    """A composed draft as ``(kind, text)`` lines in the kinds :func:`lint_lines` understands."""
    kinds: dict[type, str] = {
        Title: "title",
        Subtitle: "title",
        Byline: "byline",
        Salutation: "salutation",
        Heading: "heading",
        Paragraph: "body",
        ClosingLine: "closing",
        Signature: "signature",
        Table: "table",
    }
    return [(kinds[type(b)], line) for b in draft.blocks for line in Draft(draft.meta, [b]).lines()]


def lint_draft(draft: Draft, mode: Literal["final", "draft"] = "final") -> list[Finding]:
    """Lint every line of a composed draft (title, headings, body, signature…) by its kind."""
    return lint_lines(draft_lines(draft), mode=mode)
