"""User-written phrases: normalisation and phrase typing.

Clerks write list items the way they think of them: with or without a final 。, as a verb phrase (建立……制度),
a noun phrase (……联席会议制度), or a clause with its own subject or time (每位通讯员每月……, 2026年上半年……).
The composer must put each into a frame that fits it, so this module answers two questions about a phrase:

* :func:`clean` and the ``split_*`` / ``strip_*`` helpers normalise what the data already says (a final 。,
  a unit list that already ends 等5家单位, a title that already carries its year, a metric that already ends in
  考核), so the frames never say it twice;
* :func:`phrase_kind` types a phrase with the part-of-speech tags of jieba (which ships its dictionary):
  ``verb`` (starts with a verb, preposition or adverb: a predicate without subject), ``noun`` (a noun
  phrase), ``clause`` (its own subject or time before the predicate) or ``stub`` (a bare adverb or number
  such as 首次, nothing a frame can hang on).

Pure functions, no domain vocabulary; deterministic (jieba's dictionary and tagger are fixed).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Literal

from docgen import zh, zhtext

__all__ = [
    "PhraseKind",
    "as_measures",
    "assessment_event",
    "bare_noun_phrase",
    "clean",
    "dated_after_modal",
    "ends_with_noun",
    "has_modal",
    "has_own_subject",
    "has_year",
    "is_assessment",
    "is_bare_noun",
    "is_compound_noun",
    "join_items",
    "opens_with_frequency",
    "opens_with_noun",
    "perfective",
    "phrase_kind",
    "point",
    "said_alone",
    "said_within",
    "split_count_suffix",
    "strip_metric_suffix",
    "strip_subject",
    "strip_transition",
    "unshown",
    "with_yao",
]

PhraseKind = Literal["verb", "noun", "clause", "stub"]

_END_PUNCT = "。；;，,、！!？?：: \t\u3000"


def clean(text: str) -> str:
    """The phrase without surrounding blanks, without final punctuation (。；，、！？) and without a
    numbering the clerk put in front of it (一要……, （二）……, 3.……: the frame numbers the items itself)."""
    t = text.strip().rstrip(_END_PUNCT).strip()
    while True:  # numbered twice (一是（一）……) comes off twice
        stripped = zhtext.strip_enumerator(t).strip()
        if not stripped or stripped == t:
            return t
        t = stripped


# --- what the data already says ---------------------------------------------------------------------------

_COUNT_SUFFIX = re.compile(
    r"等(?:(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?:家|个|位|名)?)?\s*(?:单位|部门|乡镇|镇街|街道|县区|[\u4e00-\u9fff]?员)?$"
)


def split_count_suffix(text: str) -> tuple[str, int | None]:
    """``"A、B、C等5家单位"`` → (``"A、B、C"``, 5); ``"A等单位"`` → (``"A"``, None); otherwise (text, None)."""
    t = clean(text)
    m = _COUNT_SUFFIX.search(t)
    if m is None or m.start() == 0:
        return t, None
    n = m.group("n")
    count: int | None = None
    if n:
        count = int(n) if n.isdigit() else _cn_small(n)
    return t[: m.start()].rstrip("、，"), count


_MEASURE = re.compile(r"等\s*(?:\d+|[一二两三四五六七八九十]+)\s*([家个])")


def count_measure(text: str | None, default: str = "个") -> str:
    """The measure word the writer gave a listed count (``"A、B等6家单位"`` → 家): said again as written,
    never changed to 个; ``default`` when the text gives none."""
    m = _MEASURE.search(text or "")
    return m.group(1) if m else default


def _cn_small(text: str) -> int | None:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    if text == "十":
        return 10
    if len(text) == 1:
        return digits.get(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + digits.get(text[1], 0)
    if len(text) == 2 and text[1] == "十":
        return digits.get(text[0], 0) * 10
    if len(text) == 3 and text[1] == "十":
        return digits.get(text[0], 0) * 10 + digits.get(text[2], 0)
    return None


_YEAR = re.compile(r"(?:19|20)\d\d(?:—(?:19|20)?\d\d)?年|[〇一二三四五六七八九零]{4}年")


def has_year(text: str) -> bool:
    """True if the text already names a year (2024年度…, 2023—2024年度…, 二〇二四年…)."""
    return _YEAR.search(text) is not None


_METRIC_SUFFIXES = ("考核排名", "考核名次", "排名", "名次", "考核", "考评")


def strip_metric_suffix(metric: str, suffixes: Sequence[str] = _METRIC_SUFFIXES) -> str:
    """A metric without a trailing 考核/排名/名次 (the frame says it): 信息工作考核 → 信息工作.  ``suffixes``
    narrows what is stripped (a frame that says only 排名 keeps 考核: 信息工作考核排名)."""
    m = clean(metric)
    for s in suffixes:
        if m.endswith(s) and len(m) > len(s):
            return m[: -len(s)]
    return m


_SUBJECT_MODAL = re.compile(r"^(?:还|也|再)?(?:将|要|会|准备|打算|计划)?")


_TIME_CLAUSE = re.compile(r"^([^，,。；;]{2,12}?)[，,]")


# the words that make a metric an assessment (a place in an event), with an optional 排名/名次 after them
_ASSESSMENT = re.compile(r"(?:考核|考评|评比|测评|评估|评价)(?:总分|得分|结果)?(?:排名|名次|排序)?$")


def is_assessment(metric: str | None) -> bool:
    """True for a metric that names an assessment (市里的年度工作考核, 安全生产考评排名), not a quantity
    of the unit (办件量, 办结率)."""
    return bool(metric) and _ASSESSMENT.search(clean(metric or "")) is not None


def assessment_event(metric: str) -> str | None:
    """The assessment a metric names, without a trailing 排名/名次 (the frame says the place): 信息工作考核排名
    → 信息工作考核; None for a metric that is a quantity."""
    if not is_assessment(metric):
        return None
    m = clean(metric)
    for s in ("排名", "名次", "排序"):
        if m.endswith(s):
            return m[: -len(s)]
    return m


def strip_subject(text: str, subjects: Iterable[str]) -> str:
    """The phrase without a leading subject (and its modal) that the frame already says: a list item
    ``我们将认真学习……`` after ``我们考虑着力抓好以下几个方面：`` → ``认真学习……``; a time clause in front stays
    and takes the predicate (``下半年，区里将继续……`` → ``下半年继续……``).  Only when what is left is a
    predicate (a modal came off, or the tagger reads a verb phrase); otherwise the phrase is returned as it is
    (cleaned)."""
    t = clean(text)
    when, body = "", t
    m = _TIME_CLAUSE.match(t)
    if m and _TIME_START.match(m.group(1)):
        when, body = m.group(1), t[m.end() :]
    for s in sorted((x for x in subjects if x), key=len, reverse=True):
        if body.startswith(s):
            after = body[len(s) :]
            rest = _SUBJECT_MODAL.sub("", after, count=1)
            # after a modal (我们将……) a predicate follows by construction; otherwise the tagger decides
            if rest and (rest != after or phrase_kind(rest) == "verb"):
                return when + rest
    return t


# the frame's own transition to what comes next (下一步，…… / 今后，……): a next step that opens with it says it twice
_TRANSITION = re.compile(
    r"^(?:下一步|下步|下一阶段|下阶段|今后|接下来|未来|此后)(?:一个时期|一段时间)?"
    r"(?:[，,]|(?=[我将要])|(?=[^，,。；]{1,8}?[将要]))"
)


def strip_transition(text: str) -> str:
    """The phrase without a leading 下一步/今后/接下来 that the frame before it already says
    (下一步，局里将持续…… after 下一步，局里将……：一是 → 局里将持续……); anything else as it is (cleaned)."""
    t = clean(text)
    m = _TRANSITION.match(t)
    return t[m.end() :].lstrip("，, ") if m and len(t) > m.end() + 1 else t


def point(text: str) -> str:
    """A list item as it stands after a point lead (一是……): an item that opens with its own time and a comma
    before a predicate takes the time as an adverbial, without the comma (9月，配合……组织系列报道 →
    一是9月配合……); a time before a clause with its own subject keeps its comma (一是9月，区里将……)."""
    t = clean(text)
    m = _TIME_CLAUSE.match(t)
    if m and _TIME_START.match(m.group(1)) and not _TIME_CLAUSE.match(t[m.end() :]):
        rest = t[m.end() :]
        if rest and phrase_kind(rest) == "verb" and not has_own_subject(rest):
            return m.group(1) + rest
    return t


# --- phrase typing ----------------------------------------------------------------------------------------

_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」|\"[^\"]*\"")
_PAREN = re.compile(r"（[^）]*）|\([^)]*\)")
_TIME_START = re.compile(
    r"^(?:(?:19|20)\d\d年|[今明去本前]年|全年|年内|年初|年底|年中|[上下]半年|\d{1,2}月|每[年月周日天]|每季度?|"
    r"每个?(?:月|季度|年度?|周)|[一二三四]季度|近[一二两三四五六七八九十\d]+年)"
)
_NOUNISH = ("n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "l", "r", "s", "f", "b", "an", "vn", "g", "ng")
_VERBISH = ("v", "vd", "vi", "vg", "p", "d", "ad", "c")
_MODALS = ("要", "应", "应当", "须", "必须", "将", "需", "需要", "务必")


@functools.cache
def _tagger() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def _mask(text: str) -> str:
    return _PAREN.sub("", _QUOTED.sub("书名", text))


def _tags(text: str) -> list[tuple[str, str]]:
    """(word, flag) pairs; a quoted name or bracketed aside counts as one noun."""
    from docgen.compose.tagcache import cached_tags

    return cached_tags(_mask(text), _jieba_tags)


def tags(text: str) -> list[tuple[str, str]]:
    """jieba's (word, flag) pairs of ``text`` (a quoted name or bracketed aside one noun), memoised."""
    return _tags(text)


def _retag_names(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(Inside :func:`_jieba_tags`, so the tag memo keeps the result.)  Words jieba's dictionary tags as a
    person's name (``nr``) that stand where a verb stands: after an
    adverb (坚决杜绝), or a four-character word whose second half is a verb (严格执行).  A user's list item
    names no person (people are named by office), so a verb reading is the sound one."""
    if not any(f == "nr" for _, f in toks):
        return toks
    tags: dict[str, str] = _tagger().dt.word_tag_tab  # type: ignore[attr-defined]
    out: list[tuple[str, str]] = []
    for i, (w, f) in enumerate(toks):
        if f == "nr" and (
            (i > 0 and toks[i - 1][1] in ("d", "ad"))
            or (len(w) == 4 and _is_verb(tags.get(w[2:], "")))
        ):
            f = "v"
        out.append((w, f))
    return out


@functools.cache
def _idiom_flag(word: str) -> str:
    """A four-character set phrase tagged ``l`` (全面完成, 超额完成) whose second half is a verb of the
    dictionary is a verb phrase (a modifier + verb idiom): tagged ``v``; otherwise it stays ``l``."""
    if len(word) != 4:
        return "l"
    tags: dict[str, str] = _tagger().dt.word_tag_tab  # type: ignore[attr-defined]
    return "v" if tags.get(word[2:], "") == "v" else "l"


#: one-character names of an office's divisions (信息处, 综合科, 信息股): after a noun they end the noun
_DIVISION_SUFFIXES = frozenset("处科股室组")


def _retag_divisions(toks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(Inside :func:`_jieba_tags`.)  A division's one-character name after a noun (信息 + 处) that jieba reads
    as a verb (处 “to handle”) is the end of that noun: 省委办公厅信息处24小时值班 has its predicate in 值班."""
    return [
        (w, "n")
        if w in _DIVISION_SUFFIXES and i > 0 and toks[i - 1][1][:1] in ("n", "j") and not f.startswith("n")
        else (w, f)
        for i, (w, f) in enumerate(toks)
    ]


def _jieba_tags(masked: str) -> list[tuple[str, str]]:
    """jieba's pairs, idioms retagged (:func:`_idiom_flag`): what the tag memo keeps, so a remembered phrase
    needs no jieba at all."""
    posseg = _tagger()
    pairs = [(p.word, p.flag) for p in posseg.cut(masked) if p.word.strip() and p.flag != "x"]  # type: ignore[attr-defined]
    return _retag_divisions(_retag_names([(w, _idiom_flag(w) if f == "l" else f) for w, f in pairs]))


def _is_verb(flag: str) -> bool:
    return flag in ("v", "vd", "vi", "vg")


@functools.cache
def phrase_kind(text: str) -> PhraseKind:
    """``verb``, ``noun``, ``clause`` or ``stub`` for a user-written phrase (see the module docstring)."""
    t = clean(text)
    if not t:
        return "stub"
    if _TIME_START.match(t):
        return "clause"
    toks = _tags(t)
    if not toks:
        return "stub"
    if not any(_is_verb(f) or f in ("n", "vn", "j", "nr", "ns", "nt", "nz", "l") for _, f in toks):
        return "stub"
    word, flag = toks[0]
    if flag == "t" and len(toks) > 1:
        return "clause"
    if word in _MODALS:
        return "verb"
    if _is_verb(flag) or flag in ("p", "d", "ad"):
        return "verb"
    if (
        flag == "vn"
        and len(toks) > 1
        and not toks[1][1].startswith("n")
        and toks[1][1] not in ("vn", "j", "l", "zg", "ng", "g", "q", "m")
    ):
        return "verb"  # 调整充实……: a verbal noun followed by another predicate word
    # noun-led: a clause when a predicate follows its subject — a modal (要、应……), or a verb with an
    # adverb before it or more than one word after it; a verb inside a 的-modifier or a compound noun
    # (成员履职档案, 年度优秀通讯员评选) leaves a noun phrase
    words = [w for w, _ in toks]
    if "的" in words:
        last_de = len(words) - 1 - words[::-1].index("的")
        if toks[-1][1] in _NOUNISH and not any(w in _MODALS for w in words[:last_de]):
            return "noun"
    if toks[-1][1] == "a" and len(toks) >= 2 and toks[-2][1] in _NOUNISH:
        return "clause"  # a subject and its adjective predicate (效果好, 信息质量高): said of the subject
    for i, (w, f) in enumerate(toks[1:], 1):
        if w in _MODALS:
            return "clause"
        # a preposition after the subject opens its predicate: a subject, then a prepositional phrase and its
        # predicate (X对Y……); one a verb follows (各单位在年底前向上级报送总结); or one right after the
        # subject's time or adverb, or after a body's name (各专委会10月15日前向党组汇报……, 各县对照年初
        # 目标逐项盘点: the tagger may read the verb after it as a noun)
        if f == "p" and (
            (toks[i - 1][1] in _NOUNISH and len(toks) - i - 1 >= 2 and "的" not in words)
            or any(_is_verb(g) for _, g in toks[i + 1 :])
            or toks[i - 1][1] in ("t", "m", "d", "ad", "r", "j", "nt")
            or toks[i - 1][0].startswith("每")
        ):
            return "clause"
        if _is_verb(f):
            before, before_word = toks[i - 1][1], toks[i - 1][0]
            if before in ("d", "ad", "t", "m", "r") or before_word.startswith("每") or len(toks) - i - 1 >= 2:
                return "clause"
            if _after_duration(toks, i):
                return "clause"  # 信息股24小时值班: a duration before the predicate is its adverbial
    return "noun"


def ends_with_noun(text: str) -> bool:
    """True when the phrase ends in a noun (办结率, 《……办法》), not in a predicate (办结率提高)."""
    toks = _tags(clean(text))
    return bool(toks) and (toks[-1][1].startswith("n") or toks[-1][1] in ("j", "l", "vn"))


def has_own_subject(text: str) -> bool:
    """A clause that names who acts before its predicate (三级单位同步开展协商), not one that only opens
    with its own time (每月开展一次……)."""
    t = clean(text)
    if phrase_kind(t) != "clause" or _TIME_START.match(t):
        return False
    toks = _tags(t)
    # a time or place word first (2024年……), or a noun with its locative (协商前……, 视察中……): an adverbial,
    # not who acts
    return toks[0][1] not in ("t", "m") and not (len(toks) > 1 and toks[1][1] == "f")


def has_modal(text: str) -> bool:
    """The phrase says its own modal (要、应、须、必须、将……) as a word of its own."""
    return any(w in _MODALS for w, _ in _tags(clean(text)))


def is_compound_noun(text: str) -> bool:
    """The phrase opens and ends with a noun (成员风采专栏, 成员履职档案), with no modal, preposition or
    adverb anywhere: a name for a thing, never a predicate the tagger misread (落实……制度: 落实 is tagged
    as an adjective, so it does not open with a noun)."""
    toks = _tags(clean(text))
    return (
        bool(toks)
        and toks[0][1] in ("n", "nz", "j", "nt", "ns", "l")
        and toks[-1][1] in ("n", "nz", "j", "nt", "l")
        and not any(f in ("p", "d", "ad", "c", "r", "t", "m", "uj") or w in _MODALS for w, f in toks)
    )


def opens_with_noun(text: str) -> bool:
    """The phrase's first word is a noun (its subject when it is a clause: 市直有关部门……), not an adjective or
    verb the tagger misread (配齐配强……)."""
    toks = _tags(clean(text))
    return bool(toks) and toks[0][1] in _NOUNISH


def is_bare_noun(text: str) -> bool:
    """A noun phrase with no verb, preposition or 的 anywhere (人员培训经费), so no predicate the tagger may
    have misread is hidden in it (……中心对……全程跟踪报道)."""
    toks = _tags(clean(text))
    return bool(toks) and all(not _is_verb(f) and f not in ("p", "uj", "c", "d") for _, f in toks)


_FREQUENCY_START = re.compile(r"^每(?:[年月周日天]|季度?|个?(?:月|季度|年度?|周))")
# a deadline at the head of a phrase (2023年6月前, 明年底前, 年内): it reads 在……前 after a modal
_DEADLINE_START = re.compile(
    r"^(?:(?:19|20)\d\d年|[今明]年)?(?:\d{1,2}月)?(?:[上中下]旬|底|末)?(?:前|以前|之前|内)(?![\u4e00-\u9fff]{0,1}[起来])"
)


def opens_with_frequency(text: str) -> bool:
    """A phrase that opens with how often (每月邀请……, 每季度至少……): a subject goes before it (我们每月……)."""
    return bool(_FREQUENCY_START.match(clean(text)))


def dated_after_modal(text: str) -> str:
    """A plan said right after a modal frame (我们还将……, 我们打算……): a phrase that opens with its own
    deadline without a subject takes 在 before it (在2023年6月前出台……); anything else is returned as it is."""
    t = clean(text)
    m = _DEADLINE_START.match(t)
    if m and m.end() > 2 and not has_own_subject(t):
        return "在" + t
    return t


def perfective(text: str) -> str:
    """A verb phrase said of what was done (a past result): 了 after its leading verbs (建立了……制度,
    推动出台了……); a phrase that has 了 already, or that is not a verb phrase, is returned as it is."""
    t = clean(text)
    if "了" in t or phrase_kind(t) != "verb":
        return t
    toks = _tags(t)
    run = 0
    while run < len(toks) and _is_verb(toks[run][1]):
        run += 1
    head = "".join(w for w, _ in toks[:run])
    if run == 0 or run == len(toks) or not t.startswith(head) or toks[run][0] in ("过", "着", "好", "到"):
        return t
    return head + "了" + t[len(head) :]


def with_yao(text: str) -> str:
    """A demand: 要 before a verb phrase; inside a clause, right after its subject (and its own time), before
    any adverbial or predicate (各市单位要每季度至少向上级报送……, 2025年上半年要举办……); a clause whose
    predicate is an ``X化`` word takes 要 before it (成员风采专栏要常态化).  A leading 要 before a clause
    moves into the clause.

    A phrase that already has a modal (要、应、须……) anywhere as a word of its own, or a noun phrase, is
    returned as it is; so is a clause whose parts the segmenter cannot place.
    """
    t = clean(text)
    if t.startswith("要") and phrase_kind(t[1:]) == "clause":
        return with_yao(t[1:])  # 要每位通讯员……: the 要 belongs inside the clause
    toks = _tags(t)
    if any(w in _MODALS for w, _ in toks):
        return t
    kind = phrase_kind(t)
    if kind == "verb":
        return "要" + t
    if kind in ("noun", "stub"):
        return t  # a noun phrase (成员履职档案, 《苍岭简报》改版) takes no 要: it is listed as it is
    at = _yao_index(toks)
    if at is None or toks[at][0] == "是":
        return t  # a copula takes no 要 (负责同志是第一责任人, never 要是: that reads “if”)
    if at == 0:
        return "要" + t
    masked = _mask(t)
    off = 0
    for i, (w, _) in enumerate(toks):
        pos = masked.find(w, off)
        if pos < 0:
            return t
        if i == at:
            at_text = _unmask_index(t, pos)
            return t if at_text is None else t[:at_text] + "要" + t[at_text:]
        off = pos + len(w)
    return t


_MASK_RE = re.compile(f"(?P<q>{_QUOTED.pattern})|{_PAREN.pattern}")


def _unmask_index(text: str, pos: int) -> int | None:
    """The index in ``text`` of the character at ``pos`` of its :func:`_mask` (a quoted name stands there as
    书名, a bracketed aside is gone: 各县（市、区）……向党组（党委）汇报 → the 汇报 after the aside); None
    inside a quoted name."""
    plain = 0  # length of the masked text before the next match
    start = 0
    for m in _MASK_RE.finditer(text):
        seg = m.start() - start
        if pos < plain + seg:
            return start + pos - plain
        repl = 2 if m.group("q") else 0  # 书名
        if pos == plain + seg and repl:
            return m.start()
        plain += seg + repl
        if pos < plain:
            return None
        start = m.end()
    return start + pos - plain if pos - plain <= len(text) - start else None


def said_alone(text: str) -> str:
    """A user's demand or plan said as a sentence (or a numbered item) of its own: a subject with a bare
    adjective predicate takes 要 before the adjective (渠道畅 → 渠道要畅, 信息质量高 → 信息质量要高), so it reads as
    a demand, not as a stub clause; anything else is returned as it is (cleaned)."""
    t = clean(text)
    if phrase_kind(t) != "clause":
        return t
    toks = _tags(t)
    if toks[-1][1] != "a" or any(w in _MODALS for w, _ in toks):
        return t
    return with_yao(t)


#: the units of a duration (24小时, 30分钟, 3个工作日): after a number they modify the predicate that follows
_DURATION_WORDS = frozenset({"小时", "分钟", "天", "日", "周", "工作日", "个工作日", "个月", "月"})
_WITHIN = frozenset({"内", "以内", "之内"})


def _after_duration(toks: list[tuple[str, str]], i: int) -> bool:
    """Whether token ``i`` follows a number and a duration unit (24小时值班, 30分钟内反馈, 3个工作日内办结)."""
    j = i - 1
    if j >= 0 and toks[j][0] in _WITHIN:
        j -= 1
    if j < 1:
        return False
    word = toks[j][0]
    unit = word[: -len(next((w for w in _WITHIN if word.endswith(w)), ""))] if word.endswith(tuple(_WITHIN)) else word
    return unit in _DURATION_WORDS and toks[j - 1][1] == "m"


# a time word's tail (2024年起, 3月底前) and a subject's determiner (每位通讯员): grammar words, not vocabulary
_TIME_TAIL = frozenset({"起", "前", "后", "以来", "以后", "以前", "开始", "底", "初", "末"})
_SUBJECT_EACH = re.compile(r"^每[位个名家所项条]")


def _yao_index(toks: list[tuple[str, str]]) -> int | None:
    """The token before which a clause takes its 要: after the clause's own time words and its subject."""
    n = len(toks)
    i = 0
    while i < n and (
        toks[i][1] in ("t", "m")
        or (i > 0 and (toks[i][0] in _TIME_TAIL or toks[i][1] == "f") and toks[i - 1][1] in ("t", "m", "f"))
    ):
        i += 1
    last = toks[-1][0]
    if n - i >= 2 and last.endswith("化"):
        k = n - 2 if last == "化" else n - 1
        if k > i and toks[k][1] not in ("d", "ad"):
            return k  # 成员风采专栏常态化: the X化 word is the predicate
    j = i
    while j < n and toks[j][1] in _NOUNISH and not (
        toks[j][0].startswith("每") and not _SUBJECT_EACH.match(toks[j][0])
    ):
        j += 1
    if j == n - 1 and i < j and toks[j][1] == "a":
        return j  # a subject and its adjective predicate: 要 before the adjective (质量要高, 渠道要畅)
    if j >= n or not any(_is_verb(f) or f == "p" for _, f in toks[j:]):
        return None  # (a preposition after the subject opens its predicate: ……各专委会10月15日前向党组汇报)
    # 要 goes right before the predicate when only time words and adverbs stand between (每月至少要报送,
    # 都要有, 每季度至少要向……报送); otherwise right after the subject (主任会议要每半年专题听取)
    k = j
    while k < n and (
        toks[k][1] in ("t", "d", "ad", "m")
        or (toks[k][0].startswith("每") and not _SUBJECT_EACH.match(toks[k][0]))
        or (k > j and (toks[k][1] == "f" or toks[k][0] in _TIME_TAIL) and toks[k - 1][1] in ("t", "m"))
    ):
        k += 1
    if i < j == k and n - k == 3 and toks[k + 1][1] in ("n", "nz") and _is_verb(toks[k][1]):
        # subject, verb, noun and one last word (信息报送模块上线, 信息发布系统改版): the verb may be inside a
        # compound subject whose predicate is the last word; the segmenter cannot tell, so no 要 is put in
        return None
    if k < n and (_is_verb(toks[k][1]) or toks[k][1] == "p"):
        return k
    return j


# --- overlap ----------------------------------------------------------------------------------------------

_HAN_RUN = re.compile("[\u4e00-\u9fff]+")


def _bigrams(text: str) -> set[str]:
    return {run[i : i + 2] for run in _HAN_RUN.findall(text) for i in range(len(run) - 1)}


def said_within(part: str, whole: str, share: float = 0.5) -> bool:
    """True when a clause of ``part`` (a writer's measure) mostly says what ``whole`` (a generic sentence) says
    already: at least ``share`` of its two-character pieces stand in ``whole`` (加强上下联动 within ……形成上下联动、
    共同发力的格局).  Names in quotes or brackets are left aside; a clause of fewer than three pieces says too
    little to tell."""
    theirs = _bigrams(whole)
    for clause in re.split("[。；，]", _PAREN.sub("", _QUOTED.sub("", part))):
        mine = _bigrams(clause)
        if len(mine) >= 3 and len(mine & theirs) >= share * len(mine):
            return True
    return False


# --- joining ----------------------------------------------------------------------------------------------


def join_items(items: Iterable[str], conj: str = "和", *, clauses: bool = False) -> str:
    """Join list items; an item that holds a 顿号 itself never sits in a 顿号 list, and one that holds a comma
    (its own comparison: ……16篇，较去年增长60%) sets the whole list off by semicolons (A；B，……；C).

    Without inner 顿号: ``zh.join_list`` (A、B和C).  With one: two items → "A和B" (clauses: "A，B"); more →
    "A，B，以及C" (clauses: "A，B，C").
    """
    parts = [clean(x) for x in items if x and clean(x)]
    if len(parts) > 1 and any("，" in _PAREN.sub("", _QUOTED.sub("", p)) for p in parts):
        return "；".join(parts)  # an item that is itself two clauses (……16篇，较去年增长60%): a list of clauses
    if not any("、" in p for p in parts):
        return zh.join_list(parts, conj)
    if len(parts) <= 1:
        return "".join(parts)
    if clauses:
        return "，".join(parts)
    if len(parts) == 2:
        return f"{parts[0]}{'和' if conj == '、' else conj}{parts[1]}"
    return "，".join(parts[:-1]) + "，以及" + parts[-1]


# the tags of the words of a plain noun phrase (队伍建设, 平台运营, 档案管理): nouns, names,
# set phrases and verbal nouns, with an adjective or a distinguishing word only in front
_NP_HEAD_TAGS = frozenset({"n", "nz", "nr", "ns", "nt", "j", "l", "vn", "ng"})
_NP_MODIFIER_TAGS = frozenset({"a", "b"})


@functools.cache
def bare_noun_phrase(text: str) -> bool:
    """A short plain noun phrase: two to four words, every one a noun (or verbal noun, name, set phrase) of two
    characters or more, an adjective only as the first; no verb, adverb, numeral, pronoun, preposition,
    particle or time word anywhere.  Narrower than :func:`phrase_kind` ``noun`` on purpose: a clause whose verb
    the dictionary tags as a noun (名单报……备案) has a one-character word or more words, and stays as written."""
    t = clean(text)
    if not t or _QUOTED.search(t) or _PAREN.search(t) or phrase_kind(t) != "noun":
        return False
    toks = _tags(t)
    if not 2 <= len(toks) <= 4:
        return False
    for i, (w, f) in enumerate(toks):
        if f in _NP_MODIFIER_TAGS and i == 0 and len(toks) > 1:
            continue
        if f not in _NP_HEAD_TAGS or len(w) < 2:
            return False
    return True


def as_measures(items: Iterable[str]) -> list[str]:
    """A writer's list of measures said as predicates (the frames around them say 要/一是/我们 before each):
    plain noun phrases among them (队伍建设, 平台运营: :func:`bare_noun_phrase`) name what the effort
    goes into, not an action, so they are gathered into one measure where the first stood — 在X和Y上下功夫 —
    and never listed bare beside verb phrases (一是要建立……；二是队伍建设).  Other items are cleaned and
    kept in order."""
    parts = [clean(x) for x in items if x and clean(x)]
    nouns = [p for p in parts if bare_noun_phrase(p)]
    if not nouns:
        return parts
    out: list[str] = []
    for p in parts:
        if p not in nouns:
            out.append(p)
        elif p == nouns[0]:
            out.append(f"在{join_items(nouns, '和')}上下功夫")
    return out


def kinds(items: Sequence[str]) -> list[PhraseKind]:
    return [phrase_kind(x) for x in items]


_MARKS = re.compile(r"[\s“”‘’《》「」]")


def unshown(values: dict[str, str | None], said: str) -> list[str]:
    """The names of the ``values`` (an item's text fields) that ``said`` does not show: each is looked for
    without its final punctuation, its numbering, a count suffix (……等4个单位) and quotation or title marks."""
    shown = _MARKS.sub("", said)
    return [
        name
        for name, value in values.items()
        if value and clean(value) and _MARKS.sub("", split_count_suffix(value)[0]) not in shown
    ]
