"""Fact coverage: every fact the user gave is in the text, or a warning says why it is not.

A draft that silently drops a fact (a lecture on the agenda, a count of written exchanges, a section heading the
user chose) is worse than one that says so.  :func:`uncovered` walks the facts as a plain mapping
(``Facts.model_dump(mode="json")``) and returns each leaf value that the composed text does not show and no
warning names.  Pure text comparison, no domain vocabulary:

* a number is shown if its digits stand in the text as a number of their own (12 in 12篇, not in 2012), or
  its Chinese numeral does (第三, 三点) for small numbers;
* a date (YYYY-MM-DD) is shown as 月日 (2024年12月6日, 12月6日);
* a name in 书名号 inside a text (《X办法》) must stand in the text as it is, whatever else is shown;
* a text is shown if, without its final punctuation (or without a bracketed aside), it is in the text; or
  if every number in it is shown (a year may be said as 明年) and either each item of its list is (A、B等4个X)
  or most of its two-character pieces are (``SHOWN_SHARE``), or all but its last two characters are (考核总分排名
  said as 考核总分……位居第五位), or most of its characters stand in order in one clause not much longer than it
  (“十五五”规划开局之年 said as 今年是“十五五”开局之年): the composer may reword the frame around it;
* values that are not words of the text are skipped: booleans, identifiers (ASCII names such as the ids of listed items
  or fragment ids) and the option fields the caller names (``skip``: the kind, the mode, enumerations…).

A leaf is warned about when a warning's path is the leaf's path or one of its parents.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from docgen.zhtext import halfwidth_alnum, strip_enumerator

__all__ = ["SHOWN_SHARE", "Uncovered", "option_losses", "uncovered"]

#: Share of a text value's two-character pieces that must be in the draft when it is not there verbatim.
SHOWN_SHARE = 0.75

_IDENT_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DIGITS_RE = re.compile(r"\d+(?:\.\d+)?")
_PUNCT_RE = re.compile(r"[\s，。、；：！？“”‘’《》（）()「」『』【】〔〕—…·,.;:!?\"'\[\]]")
_CN_DIGITS = "零一二三四五六七八九"
_END_PUNCT = "。；;，,、！!？?：: \t\u3000"
_ASIDE_RE = re.compile(r"（[^）]*）|\([^)]*\)")
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_YEAR_WORD_RE = re.compile(r"(?:19|20)\d\d年度?")
_TITLE_RE = re.compile(r"《([^《》]+)》")
_ITEM_SPLIT_RE = re.compile(r"[、，；]|和|等\d*[个家名位项所条]?")


@dataclass(frozen=True)
class Uncovered:
    """A fact neither in the text nor in a warning: its dotted path (``tasks.sections.0.heading``) and value."""

    path: str
    value: object


def uncovered(
    data: Any, text: str, warned: Iterable[str] = (), *, skip: Iterable[str] = (), exact: Iterable[str] = ()
) -> list[Uncovered]:
    """The leaves of ``data`` that ``text`` does not show and no path in ``warned`` covers.

    ``warned`` are data paths of warnings (``closing.addressees``, ``tasks.sections[0].rewards``); ``skip``
    are dotted path patterns of leaves that are options rather than words (``*`` matches one step:
    ``document.kind``, ``tasks.sections.*.theme``; ``**.`` in front matches at any depth: ``**.refs``);
    ``exact`` are patterns of leaves that are printed as written (headings): they must be in the text verbatim
    (punctuation and a numbering of the writer's own, which the document replaces with its own, aside)."""
    flat = _flat(text)
    warned_paths = [_dotted(p) for w in warned for p in w.split("、") if p]
    skips = [_pattern(s) for s in skip]
    exacts = [_pattern(s) for s in exact]
    out: list[Uncovered] = []
    for path, value in _leaves(data, ""):
        if any(rx.match(path) for rx in skips) or _covered(path, warned_paths):
            continue
        if isinstance(value, str) and any(rx.match(path) for rx in exacts):
            if _flat(strip_enumerator(value.strip().rstrip(_END_PUNCT))) not in flat:
                out.append(Uncovered(path, value))
            continue
        if value in ("余", "多") and path.endswith("approx") and "以上" in text:
            continue  # after a number that is not round, 余/多 are said 以上 (zh.count: 7条以上, never 7多条)
        if not _shown(value, text, flat):
            out.append(Uncovered(path, value))
    return out


def _leaves(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, f"{path}.{i}")
    elif node is not None and node != "" and not isinstance(node, bool):
        yield path, node


def _dotted(path: str) -> str:
    return re.sub(r"\[(\d+)\]", r".\1", path.strip())


def _pattern(glob: str) -> re.Pattern[str]:
    deep = glob.startswith("**.")
    parts = [r"[^.]+" if p == "*" else re.escape(p) for p in _dotted(glob.removeprefix("**.")).split(".")]
    return re.compile(("^(?:.*\\.)?" if deep else "^") + r"\.".join(parts) + r"(?:\.|$)")


def _covered(path: str, warned: list[str]) -> bool:
    return any(path == w or path.startswith(w + ".") for w in warned)


def _flat(text: str) -> str:
    return _PUNCT_RE.sub("", text)


def _cn_number(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _hanzi_year(year: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(year)) + "年"


def _number_shown(num: str, text: str) -> bool:
    if re.search(rf"(?<![\d.]){re.escape(num)}(?![\d])", text):
        return True
    if num.endswith(".0") and _number_shown(num[:-2], text):
        return True
    if _YEAR_RE.match(num) and _hanzi_year(int(num)) in text:
        return True  # a year in a date written in 汉字 (二〇二六年)
    if num.isdigit() and 0 < int(num) < 100:
        cn = _cn_number(int(num))
        return re.search(rf"(?<![一二三四五六七八九十]){cn}(?![一二三四五六七八九十])", text) is not None
    return False


def _shown(value: object, text: str, flat: str) -> bool:
    if isinstance(value, int | float):
        return _number_shown(str(value), text)
    s = halfwidth_alnum(str(value).strip().rstrip(_END_PUNCT).strip())  # the composer writes ２０２５ as 2025
    if not s or _IDENT_RE.match(s):
        return True  # an identifier (a listed item's id, fragment id) names a thing, it is not a word of the text
    m = _DATE_RE.match(s)
    if m:
        month, day = int(m.group(2)), int(m.group(3))
        hanzi = f"{_cn_number(month)}月{_cn_number(day)}日"  # a date written in 汉字 (一月十五日)
        return f"{month}月{day}日" in text or f"{m.group(1)}年{month}月" in text or hanzi in text
    if s in text or _flat(s) in flat:
        return True
    agent = _AGENT_RE.match(s)
    if agent and _flat(agent.group(2)) in flat and _shown("负责" + agent.group(1), text, flat):
        return True  # 会务由办公室负责 said 办公室：负责会务 (the agent named once, as the line's label)
    if s[0] in "万亿" and any(f"{s[0]}{q}{s[1:]}" in text for q in "余多"):
        return True  # a unit of 万 with its qualifier inside (300万余条)
    aside = _ASIDE_RE.sub("", s)
    if aside != s and aside and _flat(aside) in flat:
        return True  # 邹小满（虚构）: the aside is a note to the reader of the facts
    if not all(_flat(t) in flat for t in _TITLE_RE.findall(s)):
        return False  # a name in 书名号 is said as it is, or it is not said (a law, a book, a paper)
    numbers = [n for n in _DIGITS_RE.findall(s) if not _YEAR_RE.match(n)]  # a year may be said as 明年
    if not all(_number_shown(n, text) for n in numbers):
        return False
    items = [_flat(x) for x in _ITEM_SPLIT_RE.split(_ASIDE_RE.sub("", s))]
    items = [x for x in items if len(x) >= 2 and not x.isdigit()]
    if len(items) > 1 and all(x in flat for x in items):
        return True  # 江口镇、白鹭街道等4个联络组: every item of the list is shown
    han = _flat(_DIGITS_RE.sub("", _YEAR_WORD_RE.sub("", s)))
    bare = _DIGITS_RE.sub("", flat)
    if len(han) >= 5 and han[:-2] in bare:
        return True  # 考核总分排名 said as 考核总分……位居第五位: the frame says the last word
    pieces = {han[i : i + 2] for i in range(len(han) - 1)}
    if not pieces:
        return not han or han in bare  # a year alone (2025年) may be said as 明年
    if sum(p in bare for p in pieces) / len(pieces) >= SHOWN_SHARE:
        return True
    return len(han) >= 6 and _said_shorter(han, text)


_CLAUSE_RE = re.compile(r"[，。；：！？\n]")
# a duty with its agent (会务由办公室负责): the same fact as 负责会务 said of 办公室
_AGENT_RE = re.compile(r"^(.+?)(?:均|统一|主要)?由(.+?)(?:具体|牵头)?负责$")


def _said_shorter(han: str, text: str) -> bool:
    """A clause of the text says the value in fewer words: most of its characters, in order, in a clause
    not much longer than it (“十五五”规划开局之年 said as 今年是“十五五”开局之年)."""
    need = SHOWN_SHARE * len(han)
    for clause in _CLAUSE_RE.split(text):
        c = _flat(_DIGITS_RE.sub("", clause))
        if need <= len(c) <= 2 * len(han) and _common_in_order(han, c) >= need:
            return True
    return False


def _common_in_order(a: str, b: str) -> int:
    """Length of the longest common subsequence of ``a`` and ``b``."""
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, bj in enumerate(b):
            cur.append(prev[j] + 1 if ch == bj else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


#: a qualifier or unit of a number: an item that gives no number has nothing for it to qualify
_OF_A_NUMBER = ("approx", "unit", "posts_unit", "participants_unit", "phone_unit", "written_unit")


def option_losses(
    data: dict[str, Any],
    options: Iterable[tuple[tuple[str | int, ...], list[Any]]],
    compose: Callable[[dict[str, Any]], tuple[str, list[str]] | None],
    *,
    skip: Iterable[str] = (),
    exact: Iterable[str] = (),
) -> tuple[int, list[str]]:
    """Each option of ``data`` set to each other value it allows (``options``: path and values, as
    :func:`docgen.schema.option_fields` gives them), composed by ``compose`` (the text and the warned paths, or
    None when the rules refuse the variant): how many variants were composed, and each fact a variant lost
    without a warning (``option=value: path=value``)."""
    tried, lost = 0, []
    skip, exact = tuple(skip), tuple(exact)
    for path, values in options:
        parent: Any = data
        for key in path[:-1]:
            parent = parent[key]
        numbers = [v for v in parent.values() if isinstance(v, int | float) and not isinstance(v, bool)]
        if path[-1] in _OF_A_NUMBER and not numbers:
            continue
        for value in values:
            if parent.get(path[-1]) == value:
                continue
            variant = copy.deepcopy(data)
            target: Any = variant
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
            composed = compose(variant)
            if composed is None:
                continue
            tried += 1
            text, warned = composed
            where = ".".join(map(str, path))
            lost += [
                f"{where}={value}: {u.path}={str(u.value)[:40]}"
                for u in uncovered(variant, text, warned, skip=skip, exact=exact)
            ]
    return tried, lost
