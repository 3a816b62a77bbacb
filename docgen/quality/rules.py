"""The checks, one function per class of seam, over the draft's text units."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from docgen.draft import LEAD_ROLES
from docgen.quality import grammar
from docgen.quality.findings import Finding
from docgen.quality.units import Sentence, Unit
from docgen.zhtext import (
    ARABIC_DURATION_RE,
    FULLWIDTH_ALNUM_RE,
    HAN_DURATION_RE,
    LEADING_ENUMERATOR_RE,
    PRAISE_FORMULAS,
    TODO_MARK,
    find_placeholders,
)

_HAN = "\u4e00-\u9fff"
_TODO_RE = re.compile(r"(?:〔待补：[^〕]*〕)+")  # adjacent markers count as one missing-fact slot
_CLAUSE_SPLIT_RE = re.compile(r"[，；：。！？]")
_CN_NUM = "0-9一二三四五六七八九十百千"

#: a check a domain adds (``DomainSpec.quality_rules``): the draft's sentences and the facts as a plain mapping
#: (or None) → its findings
QualityRule = Callable[[list[Sentence], object], Iterable[Finding]]

# -- patterns -----------------------------------------------------------------------------------------------
# not a measure said one by one (一项一项抓落实, 一件一件求实效): that reduplication is grammar
_DOUBLED_WORD_RE = re.compile(f"(?!一[{_HAN}]一)([{_HAN}]{{2,6}})\\1")
_DOUBLED_COUNT_RE = re.compile(
    f"等[{_CN_NUM}]+[个家名位项所条篇件][^，。；、]{{0,6}}?等[{_CN_NUM}]+"
    # a list that ends with its count, followed by the same count again (……等11个设区市11个)
    f"|等(\\d+)([个家名位项所条篇件])[{_HAN}]{{0,6}}\\1\\2"
)
# a year said twice for one thing: 2024年度“2023年度…”, or the same year again a few words on (2024年度全国2024年度…)
_DOUBLED_YEAR_RE = re.compile(r"\d{4}年度?[“‘「《]?\d{4}年|(\d{4})年度?[^，。；：\d]{1,10}\1年度")
# a modal said twice (都要要有): 要 of 重要/主要/需要… and of 要求/要素/要点… is not the modal
# 达 (reaches) before an approximation that says it does not quite (阅读量达近30万人次)
_REACH_NEAR_RE = re.compile(r"达(?:近|约)\d")
# the frame's verb said again inside the quoted honour (被评为“连续三年被省里评为……”)
_HONOUR_TWICE_RE = re.compile(r"(评为|荣获|授予)“[^”]*\1")
_DOUBLED_MODAL_RE = re.compile(r"(?<![主重需必只纲摘概提紧首显])要要(?![求素点闻件务害领旨案职])|(?<!即)将将")
# 要 put inside a time phrase (2024年要起) or between a 向-phrase and its verb (向上级要报送)
# a frame's modal directly before the item's own deadline (我们还将2023年6月前出台……): 在 is missing
_MODAL_DEADLINE_RE = re.compile(
    r"(?:将|拟|打算|考虑|计划)(?:(?:19|20)\d\d年|[今明]年)(?:\d{1,2}月)?(?:[上中下]旬|底|末)?(?:前|以前|之前)"
)
# 要 before the copula 是 (负责同志要是第一责任人 reads “if”); 主要是、重要是… and 要是否 are other words
_YAO_COPULA_RE = re.compile(r"(?<![主重需必只纲摘概提紧首显总])要是(?!否)")
_YAO_INSIDE_RE = re.compile(r"(?:\d+|[一二三四五六七八九十]+)[年月]要(?:起|开始|底|初)|向[^，；。要]{1,10}要")
# a reward said backwards: the condition clause holds the reward (凡……加倍奖励的，可获……) or 可 + a selection
# the office holds (可评选……); a 凡-clause whose consequence is missing
_REWARD_REVERSED_RE = re.compile(r"凡[^，。；]*奖[^，。；]*的，可|可评选(?!为)")
_PUNCT_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[，、；：][，。、；：！？]|。[，、；：。]"), "标点重复或悬空"),
    (re.compile(r"（\s*）|“\s*”|《\s*》|【\s*】|〔\s*〕|「\s*」|\(\s*\)"), "空括号或空引号"),
    (re.compile(r"^[，。、；：！？）”》]"), "段首是标点"),
    (re.compile(r"[（“《][，。、；：]|[，、；：][）》]"), "括号或引号内侧有悬空标点"),
    (re.compile(r"[，、；]$"), "段末是逗号、顿号或分号"),
    # GB/T 15834: titles in 书名号 (or in quotation marks) listed one after another take no 顿号
    (re.compile(r"》、《|”、“"), "并列的书名号或引号之间不用顿号"),
    # a name the data already marked, marked again by the frame: “《……的建议》”, “‘某某’微信公众号”
    (re.compile(r"“《[^《》“”]*》”|“‘[^‘’“”]*’[^‘’“”]{0,6}”"), "引号里又套书名号或引号（标记重复）"),
)
_EXTRA_PLACEHOLDER_RE = re.compile(
    "(?<![一二三四五六七八九〇零])[〇○◯]{2,}(?![一二三四五六七八九〇零年])|[✕✗□■]{2,}|Ｘ{2,}"
)
_PCT_ABOVE_RE = re.compile(r"\d+(?:\.\d+)?%以上")
_DECIMAL_PCT_RE = re.compile(r"\d+\.\d+%(?!以上|左右)")
_APPROX_COUNT_RE = re.compile(r"\d+余|近\d+|约\d+|\d+多[个家名位项条篇件次期]|\d+[个家名位项条篇件次期]左右")
# 余/多 right after a number that is not round (7多条, 65余篇): they say “a little over a round figure”
_ODD_APPROX_RE = re.compile(r"(?<![\d.])\d*[1-9](?:余|多)(?:[个家名位项条篇件次期]|人次?)")
_RULE_ONLY_RE = re.compile(r"\d+[个条篇件次期]以上$")
_ANY_COUNT_RE = re.compile(r"(?:近|约)?\d+(?:余|多)?[个家名位项条篇件次期](?:左右)?(?!\d)|(?:近|约)\d+|\d+余")
_ABOVE_COUNT_RE = re.compile(r"\d+[个家名位项条篇件次期人]以上")
# the count a 持平 is said of: the nearest before it (an exact 45条 beside other, approximate counts is fine)
_FLAT_COUNT_RE = re.compile(
    r"(?:近|约)?\d+(?:\.\d+)?(?:余|多)?万?[个家名位项条篇件次期人]?次?(?:以上|左右)?(?![\d.])"
)
_FLAT_APPROX_RE = re.compile(r"^(?:近|约)|余|多|以上|左右")
# a verb said on both sides of its object (为宣传好……主题宣传，)
_VERB_AROUND_RE = re.compile(f"为([{_HAN}]{{2}})好[^，。；：]{{2,40}}?\\1(?:活动|工作)?(?=[，。；])")
# a list item that says again the subject the frame before the colon already said (我们……：一是我们将……)
# (……区里将……：一是下半年，区里将……): the subject before 将 said again after 一是 (and its own time)
_ITEM_SUBJECT_RE = re.compile(
    r"我们[^。：]*：(?:[^。]*[；，])?[一二三四五六七八九十][是要]我们"
    f"|([{_HAN}]{{2,8}}?)将[^。：]*：(?:[^。]*[；，])?[一二三四五六七八九十][是要](?:[^，；。]{{1,12}}，)?\\1将"
)
# a next step that says again the frame's transition (下一步，……重点做好以下工作：一是下一步……)
_TRANSITION_TWICE_RE = re.compile(r"(下一步|今后|接下来)[^。]*：(?:[^。]*；)?[一二三四五六七八九十][是要]\1")
# 排名 said of the ranking and again of the place (在……排名中，我市排名第四); a ranking with participants
_RANK_TWICE_RE = re.compile(r"排名中，[^，。；]{1,8}排名(?:第|[一二三四五六七八九十])|排名共有\d+[家个]单位参加")
_SIGNIFICANCE_RE = re.compile(r"(今年|明年|这一年)(?:又|也)?(?:是|恰逢|适逢)([^，。；：]{4,})")
_FEW_RE = re.compile(r"以下(?:几|[两二三四五六七八九十])(?:个)?(?:方面|点|项|个特点|个方面的特点)[^。]*：$")
# a comparison clause of one list item followed by the next item (较去年增长60%、……; 是去年的2.7倍、……)
_COMPARED_ITEM_RE = re.compile(
    r"(?:较|比)[^，。；、：]{1,12}?(?:增长|增加|提高|下降|减少)[\d.]+(?:%|个百分点|倍)、|是[^，。；、：]{1,12}?的[\d.]+倍、"
)
_BATCH_RE = re.compile(r"(?:一批|一系列)[^，。；：]*：([^。]+)")
_COUNTED_RE = re.compile(r"(?:^|[：；。，])[一二三四五六七八九十][是要]")
_RANK_RE = re.compile(r"位居|名列|排名第|排在第|居第")
_TIME_PREFIX_RE = re.compile(
    r"^(?:今年|去年|全年|以来|本届|\d{4}(?:—\d{4})?年度?|\d+(?:—\d+)?月(?:份)?|上半年|下半年)+"
)
_LIST_START_RE = re.compile(r"(?:^|[：；。，！])(一是|一要)")
_LEADING_MARKERS = (
    "再比如",
    "又如",
    "比如",
    "例如",
    "此外",
    "另外",
    "同时",
    "与此同时",
    "其中",
    "尤其值得一提的是",
)
_NUMBERED_ITEM_RE = re.compile(r"\d+[.．]")
BOILERPLATE_MIN = 8  # Han characters in a clause before its repetition counts as boilerplate
_NEXT_OF = {"一是": "二是", "一要": "二要"}
_FIRST_NUMBERS = frozenset({"（一）", "1.", "1．"})


def check_text(
    units: list[Unit], *, final: bool, data: object = None, rules: Sequence[QualityRule] = ()
) -> list[Finding]:
    """Every seam in ``units``; ``rules`` are the document's domain's own checks (run after the claims)."""
    sentences = [s for u in units if u.kind in ("para", "heading2", "closing") for s in u.sentences()]
    findings: list[Finding] = []
    checks: tuple[Callable[[], Iterator[Finding]], ...] = (
        lambda: _placeholders(units, final),
        lambda: _punctuation(units),
        lambda: _repeats(sentences),
        lambda: _praise_twice(sentences),
        lambda: _mixed_numerals(sentences),
        lambda: _significance(sentences),
        lambda: _few(units),
        lambda: _batches(sentences),
        lambda: _plural_before_one(sentences),
        lambda: _doubled(sentences),
        lambda: _counts_twice(units),
        lambda: _singles(units),
        lambda: _double_numbers(units),
        lambda: _breakdowns(sentences),
        lambda: _yao(sentences),
        lambda: _stubs(sentences),
        lambda: _same_opening(units),
        lambda: _orphan_examples(units),
        lambda: _repeat_leads(sentences),
        lambda: _repeat_frames(sentences),
        lambda: _clause_times(sentences),
        lambda: _claims(sentences, data),
        lambda: (f for rule in rules for f in rule(sentences, data)),
        lambda: _rank_subjects(sentences),
        lambda: _nested_lists(sentences, data),
    )
    for check in checks:
        findings.extend(check())
    # a sentence already reported as repeated is not reported again for the clauses it repeats
    repeated = {(f.block, f.sentence) for f in findings if f.code == "quality-repeat"}
    findings = [
        f for f in findings if f.code != "quality-boilerplate" or (f.block, f.sentence) not in repeated
    ]
    findings.sort(key=lambda f: f.block)
    return findings


def _f(code: str, message: str, s: Sentence) -> Finding:
    return Finding(code, message, s.text, s.paths, s.unit.block)


@functools.lru_cache(maxsize=2048)
def _plain(text: str) -> str:
    """Text with each draft-mode marker 〔待补：…〕 reduced to one neutral sign (it stands for a missing fact)."""
    return _TODO_RE.sub("◇", text) if TODO_MARK in text else text


# -- placeholders and punctuation ----------------------------------------------------------------------------
def _placeholders(units: list[Unit], final: bool) -> Iterator[Finding]:
    for u in units:
        text = u.text if final else _plain(u.text)
        tokens = [t for _, t in find_placeholders(text)] + _EXTRA_PLACEHOLDER_RE.findall(text)
        if final and TODO_MARK in text:
            tokens.append(TODO_MARK)
        if tokens:
            yield Finding(
                "quality-placeholder",
                f"占位符“{'”“'.join(tokens)}”",
                u.text,
                u.paths(0, len(u.text)),
                u.block,
            )


def _punctuation(units: list[Unit]) -> Iterator[Finding]:
    for u in units:
        if u.kind in ("cell", "line"):
            continue
        text = _plain(u.text)
        for rx, what in _PUNCT_RES:
            m = rx.search(text)
            if m:
                yield Finding(
                    "quality-punct", f"{what}（“{m.group()}”）", u.text, u.paths(0, len(u.text)), u.block
                )
                break


# -- repetition ----------------------------------------------------------------------------------------------
_HAN_RE = re.compile(f"[{_HAN}]")


@functools.lru_cache(maxsize=2048)
def _han_len(text: str) -> int:
    return _HAN_RE.subn("", text)[1]


@functools.lru_cache(maxsize=2048)
def _clauses(text: str) -> tuple[str, ...]:
    """The clauses of a sentence (split at ，；：。！？).  Every rule asks for them, sentence by sentence: the
    split is kept (the checker's functions are pure over text; these caches hold plain strings only)."""
    return tuple(c for c in _CLAUSE_SPLIT_RE.split(_plain(text)) if c)


def _repeats(sentences: list[Sentence]) -> Iterator[Finding]:
    seen: set[str] = set()
    clause_home: dict[str, str] = {}
    reported: set[str] = set()
    for s in sentences:
        text = _plain(s.text).strip()
        if _han_len(text) >= 6:
            if text in seen:
                yield _f("quality-repeat", "这句话前文已经说过", s)
                continue
            seen.add(text)
        if _NUMBERED_ITEM_RE.match(s.unit.text):
            continue  # the items of a numbered list (1.…2.…) share their frame by design
        for c in _clauses(text):
            if _han_len(c) < BOILERPLATE_MIN or c in reported:
                continue
            home = clause_home.setdefault(c, text)
            if home != text:
                reported.add(c)
                yield _f("quality-boilerplate", f"分句“{c}”前文已经用过", s)


_PRAISE_RE = re.compile("|".join(PRAISE_FORMULAS))


def _praise_twice(sentences: list[Sentence]) -> Iterator[Finding]:
    """A praise formula (功不可没, 来之不易…) said a second time in the document, the same one or another: the
    verdict becomes a refrain after each figure (……位居第二位，各单位功不可没。……位居第三位，各单位功不可没。)."""
    first: str | None = None
    for s in sentences:
        for m in _PRAISE_RE.finditer(_plain(s.text)):
            if first is None:
                first = m.group()
                continue
            yield _f("quality-boilerplate", f"褒扬套语“{m.group()}”：前文已用“{first}”褒扬过一次", s)
            break


def _exact_han_duration(text: str) -> re.Match[str] | None:
    for m in HAN_DURATION_RE.finditer(text):
        if "半" not in m.group(1) and "多" not in m.group(2):
            return m
    return None


def _mixed_numerals(sentences: list[Sentence]) -> Iterator[Finding]:
    """Durations of one sentence in two numeral styles (30分钟内电话报告、一小时内书面报告): GB/T 15835 wants the
    same kind of number written the same way in one context."""
    for s in sentences:
        text = _plain(s.text)
        wide = FULLWIDTH_ALNUM_RE.search(text)
        if wide:
            yield _f("quality-numerals", f"全角数字或字母（“{wide.group()}”），应为半角", s)
            continue
        han, arabic = _exact_han_duration(text), ARABIC_DURATION_RE.search(text)
        if han and arabic:
            yield _f(
                "quality-numerals",
                f"同一句中时长的数字写法不一致（“{arabic.group()}”与“{han.group()}”）",
                s,
            )


def _in_order(short: str, long: str) -> bool:
    """The characters of ``short`` (quotes aside) appear in order in ``long``: the same significance in more
    words (“十五五”开局之年 / “十五五”规划的开局之年)."""
    it = iter(long)
    return all(ch in it for ch in re.sub(r"[\s“”‘’\"']", "", short))


def _significance(sentences: list[Sentence]) -> Iterator[Finding]:
    said: dict[tuple[str, str], str] = {}  # (year word, what it is) → the sentence that said it
    for s in sentences:
        text = _plain(s.text)
        for m in _SIGNIFICANCE_RE.finditer(text):
            year, what = m.group(1), m.group(2)
            same = next(
                (
                    w
                    for (y, w), home in said.items()
                    if y == year and home != text and (_in_order(w, what) or _in_order(what, w))
                ),
                None,
            )
            if same is not None:
                yield _f("quality-repeat", f"“{what}”作为年度意义前文已经说过（“{same}”）", s)
                break
            said.setdefault((year, what), text)


def _doubled(sentences: list[Sentence]) -> Iterator[Finding]:
    for s in sentences:
        text = _plain(s.text)
        for rx in (
            _DOUBLED_WORD_RE,
            _DOUBLED_COUNT_RE,
            _DOUBLED_YEAR_RE,
            _DOUBLED_MODAL_RE,
            _REACH_NEAR_RE,
            _HONOUR_TWICE_RE,
            _VERB_AROUND_RE,
            _ITEM_SUBJECT_RE,
            _TRANSITION_TWICE_RE,
            _RANK_TWICE_RE,
        ):
            m = rx.search(text)
            if m:
                yield _f("quality-doubled", f"“{m.group()}”重复", s)
                break
        else:
            for c in _clauses(text):
                verb = grammar.doubled_verb(c)
                if verb:
                    yield _f("quality-doubled", f"“{verb}”在“了”前后重复", s)
                    break
                verb = grammar.end_verb_doubled(c)
                if verb:
                    yield _f("quality-doubled", f"列举项是动词短语，谓语“{verb}”与之重复或不搭", s)
                    break


# a count with its qualifier and measure word (1200余篇, 近150人, 3.5万人次): said twice in one paragraph, a
# writer's summary sentence and the fact sentence after it give the same figure (全年办件1200余件。……累计办件1200余件)
_COUNT_RE = re.compile(r"(?<![\d.])(?:近|约)?\d{2,}(?:\.\d+)?(?:余|多)?万?(?:余|多)?[个家名位项条篇件次期人元份]")


def _counts_twice(units: list[Unit]) -> Iterator[Finding]:
    for u in units:
        if u.kind != "para":
            continue
        home: dict[str, int] = {}
        for s in u.sentences():
            for m in _COUNT_RE.finditer(_plain(s.text)):
                first = home.setdefault(m.group(), s.start)
                if first != s.start:
                    yield _f("quality-doubled", f"数量“{m.group()}”在同一段中说了两次", s)
                    break


def _repeat_leads(sentences: list[Sentence]) -> Iterator[Finding]:
    prev = ""
    prev_block = -2
    for s in sentences:
        text = _plain(s.text).strip()
        lead = _lead(text)
        adjacent = s.unit.block - prev_block <= 1
        if lead and lead == prev and adjacent:
            yield _f("quality-repeat-lead", f"相邻两句都以“{lead}”开头", s)
        prev, prev_block = lead, s.unit.block


_DIGITS_RE = re.compile(r"\d+")
FRAME_MIN = 8  # characters two neighbouring sentences share from their start (numbers aside) to repeat a frame


def _repeat_frames(sentences: list[Sentence]) -> Iterator[Finding]:
    """The same sentence frame said again for the next item instead of one aggregated sentence (我省在2022年度
    全国考核中位居第五位。我省在2023年度全国考核中位居第三位。): neighbouring sentences of one paragraph that
    share their first FRAME_MIN characters once the numbers are masked."""
    prev: Sentence | None = None
    for s in sentences:
        if prev is not None and prev.unit is s.unit:
            # a run-in lead said again as the subject of the sentence after it (加强组织领导。加强组织领导是……)
            head = LEADING_ENUMERATOR_RE.sub("", _plain(prev.text).strip()).rstrip("。")
            if 4 <= _han_len(head) <= 12 and _plain(s.text).strip().startswith(head) and _lead_span(prev):
                yield _f("quality-repeat-lead", f"小标题“{head}”又作下一句的开头", s)
                prev = s
                continue
            a, b = _DIGITS_RE.sub("#", _plain(prev.text)), _DIGITS_RE.sub("#", _plain(s.text))
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            if n >= FRAME_MIN and _han_len(a[:n]) >= 4 and not _COUNTED_RE.match(a):
                yield _f("quality-repeat-lead", f"相邻两句句式相同（“{a[:n]}”），宜合为一句", s)
        prev = s


_CLAUSE_TIME_RE = re.compile(r"全年|今年|明年|去年|每年|每季度|每月|每周|上半年|下半年|\d{4}年度?")


def _clause_times(sentences: list[Sentence]) -> Iterator[Finding]:
    """A clause that opens with the time word the clause before it already said near its start (力争全年在A……，
    全年在B……): the clauses share their period, which is said once."""
    for s in sentences:
        clauses = [c for c in re.split("[，；：]", _plain(s.text)) if c]
        for a, b in itertools.pairwise(clauses):
            m = _CLAUSE_TIME_RE.match(b)
            if m and m.group() in a[: len(m.group()) + 2]:
                yield _f("quality-repeat-lead", f"相邻分句重复时间词“{m.group()}”，宜只说一次", s)
                break


def _lead_span(s: Sentence) -> bool:
    """Whether ``s`` is (inside) a run-in lead of its paragraph."""
    return any(sp.role in LEAD_ROLES and sp.start <= s.start and s.end <= sp.end for sp in s.unit.spans)


def _lead(text: str) -> str:
    for m in _LEADING_MARKERS:
        if text.startswith(m):
            return m
    head = text.split("，", 1)
    return head[0] if len(head) == 2 and 2 <= len(head[0]) <= 8 else ""


def _same_opening(units: list[Unit]) -> Iterator[Finding]:
    prev: Unit | None = None
    for u in units:
        if u.kind != "para":
            prev = None if u.kind != "cell" else prev
            continue
        if prev is not None and prev.block == u.block - 1:
            a, b = _plain(prev.text), _plain(u.text)
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            head = a[:n]
            if _han_len(head) >= 4:
                yield _f("quality-same-opening", f"与上一段开头相同（“{head}”）", u.sentences()[0])
        prev = u


def _orphan_examples(units: list[Unit]) -> Iterator[Finding]:
    """A paragraph that opens with its illustration (比如，……): the claim the example illustrates is missing;
    a further example (再比如, 又如) may open a paragraph only after a paragraph."""
    prev: Unit | None = None
    for u in units:
        if u.kind == "para":
            first = _plain(u.text)
            further = first.startswith(("再比如", "又如"))
            if first.startswith(("比如", "例如")) or (further and (prev is None or prev.kind != "para")):
                yield _f("quality-orphan-example", "段首就是举例，前面没有它要说明的论断", u.sentences()[0])
        prev = u


# -- lists ----------------------------------------------------------------------------------------------------
def _singles(units: list[Unit]) -> Iterator[Finding]:
    # numbered sub-sections: （一） or 1. alone in its level-1 section
    numbers: list[Unit] = []
    for u in [*units, Unit(-1, "heading1", "")]:
        if u.kind in ("heading1", "title"):
            if len(numbers) == 1 and numbers[0].number in _FIRST_NUMBERS:
                only = numbers[0]
                yield Finding(
                    "quality-single",
                    f"“{only.number}”独自成节，没有下一项",
                    only.text,
                    only.paths(0, len(only.text)),
                    only.block,
                )
            numbers = []
        elif u.number and u.kind in ("heading2", "para"):
            numbers.append(u)
    # 一是 without 二是, 一要 without 二要, within one run of paragraphs
    open_items: dict[str, Sentence] = {}
    for u in [*units, Unit(-1, "heading1", "")]:
        if u.kind != "para" or u.number:
            for word, s in open_items.items():
                yield _f("quality-single", f"有“{word}”而没有“{_NEXT_OF[word]}”", s)
            open_items = {}
            if u.kind != "para":
                continue
        for s in u.sentences():
            text = _plain(s.text)
            for m in _LIST_START_RE.finditer(text):
                open_items.setdefault(m.group(1), s)
            for first, second in _NEXT_OF.items():
                if second in text:
                    open_items.pop(first, None)


def _double_numbers(units: list[Unit]) -> Iterator[Finding]:
    """A numbered heading or item whose text opens with a numbering of its own (一、（一）……, 1.一是……): the
    writer's numbering kept after the document's."""
    for u in units:
        if u.kind in ("heading1", "heading2"):
            number, rest = u.number, u.text
        elif u.kind == "para":
            m = LEADING_ENUMERATOR_RE.match(u.text)
            number = u.number or (m.group() if m else "")
            rest = u.text[len(number) :]
        else:
            continue
        inner = LEADING_ENUMERATOR_RE.match(rest) if number else None
        if inner and inner.end() < len(rest):
            yield Finding(
                "quality-doubled",
                f"编号重复（“{number}{inner.group().strip()}”）",
                u.text if u.kind == "para" else number + u.text,
                u.paths(0, len(u.text)),
                u.block,
            )


# a breakdown announced (分领域看，分地区看，) with one item after it
_BREAKDOWN_RE = re.compile(f"^分[{_HAN}]{{1,4}}看，([^。]*)")


def _breakdowns(sentences: list[Sentence]) -> Iterator[Finding]:
    for s in sentences:
        m = _BREAKDOWN_RE.match(_plain(s.text).strip())
        if m and not re.search(r"[、；]", _BRACKETED_RE.sub("", m.group(1))) and m.group(1).count("，") == 0:
            yield _f("quality-single", "说“分……看”，后面只有一项", s)


#: 先后/相继 + a verb, then a single 《name》 and no other item after it (还先后报送了《关于……的调查》。)
_PLURAL_BEFORE_ONE_RE = re.compile(f"(?:先后|相继)[{_HAN}]{{1,4}}了?《[^》]*》(?:等?[{_HAN}]{{0,4}}信息)?(?=[。；，]|$)")


def _plural_before_one(sentences: list[Sentence]) -> Iterator[Finding]:
    """A word that announces several (先后, 相继) before a single named item."""
    for s in sentences:
        m = _PLURAL_BEFORE_ONE_RE.search(_plain(s.text))
        if m and "等" not in m.group():
            yield _f("quality-single", f"“{m.group()[:2]}”后只有一项（{m.group()}）", s)


def _few(units: list[Unit]) -> Iterator[Finding]:
    """“以下几个方面：” followed by one item only."""
    for i, u in enumerate(units):
        if u.kind != "para":
            continue
        for s in u.sentences():
            if not _FEW_RE.search(_plain(s.text)):
                continue
            rest = u.text[s.end :]
            items = len(_COUNTED_RE.findall(rest))
            for v in units[i + 1 :]:
                if v.kind == "para" and v.spans and all(sp.role == "todo" for sp in v.spans):
                    continue  # a draft's marker paragraph (〔待补：…〕) between the items is not an item
                if v.kind != "para" or not v.spans or v.spans[0].role not in LEAD_ROLES:
                    break
                items += 1
            if items == 1:
                yield _f("quality-single", "说“以下几个方面”，后面只有一项", s)


def _batches(sentences: list[Sentence]) -> Iterator[Finding]:
    """“一批……：” (or 一系列) announcing a batch that the colon follows with one item only."""
    for s in sentences:
        m = _BATCH_RE.search(_plain(s.text))
        if m and "；" not in m.group(1) and "、" not in m.group(1):
            yield _f("quality-single", f"说“{m.group(0)[:3]}”，后面只有一项", s)


def _comma_items(sentences: list[Sentence]) -> Iterator[Finding]:
    """A 、 list that goes on after an item's own comparison clause (……16篇，较去年增长60%、《霁州日报》……):
    an item holding a comma sets its list off by semicolons."""
    for s in sentences:
        m = _COMPARED_ITEM_RE.search(_plain(s.text))
        if m:
            yield _f("quality-nested-list", f"顿号列举的一项自带逗号分句（“{m.group()}”）", s)


def _nested_lists(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    yield from _comma_items(sentences)
    if data is None:
        return
    needles: list[tuple[str, str, str]] = []  # (joined pair, the item holding 、, path)
    for path, items in _string_lists(data, ""):
        if len(items) < 2 or "、" not in "".join(items):
            continue
        for a, b in itertools.pairwise(items):
            bare = a if _bare_dun(a) else b if _bare_dun(b) else None
            if bare is not None:
                needles.append((f"{a}、{b}", bare, path))
    if not needles:
        return
    for s in sentences:
        for needle, item, path in needles:
            if needle in s.text:
                yield _f("quality-nested-list", f"列举项“{item}”自身含顿号（{path}）", s)
                break


_BRACKETED_RE = re.compile(r"（[^）]*）|“[^”]*”|《[^》]*》|\([^)]*\)|「[^」]*」")


def _bare_dun(item: str) -> bool:
    """True if ``item`` has a 、 outside brackets and quotes (各县（市、区） and “季通报、年考评” are one item)."""
    return "、" in _BRACKETED_RE.sub("", item)


def _string_lists(node: Any, path: str) -> Iterator[tuple[str, list[str]]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _string_lists(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        strs = [x for x in node if isinstance(x, str)]
        if strs and len(strs) == len(node):
            yield path, strs
        for i, v in enumerate(node):
            if not isinstance(v, str):
                yield from _string_lists(v, f"{path}.{i}")


# -- grammar ----------------------------------------------------------------------------------------------------
def _yao(sentences: list[Sentence]) -> Iterator[Finding]:
    for s in sentences:
        inside = grammar.yao_inside(_plain(s.text), _YAO_INSIDE_RE)
        if inside:
            yield _f("quality-yao-subject", f"“要”插在了短语中间（“{inside}”）", s)
            continue
        dated = _MODAL_DEADLINE_RE.search(_plain(s.text))
        if dated:
            yield _f("quality-yao-subject", f"情态词后直接跟时限，缺“在”（“{dated.group()}”）", s)
            continue
        m = _YAO_COPULA_RE.search(s.text)
        # a conditional 要是……(的话)，就…… is another word
        copula = m.group() if m and not re.search("的话|[，,](?:就|那么|则)", s.text[m.end() :]) else None
        if copula:
            yield _f("quality-yao-subject", f"“要”放在了判断词“是”前（“{copula}”）", s)
            continue
        for c in _clauses(s.text):
            if "要" in c:
                word = grammar.yao_subject(c)
                if word:
                    yield _f("quality-yao-subject", f"“要”后面是自带主语或时间的“{word}…”", s)
                    break


# a sentence that is only a rate and its figure, with no verb (办结率82%。): a pair from a table, not a
# clause (inside a longer sentence, ……，完成率103%，…… reads as one of its clauses)
_BARE_RATE_RE = re.compile(r"^[^，。；：]{0,16}(?:率|比重)\d+(?:\.\d+)?[%％](?:以上|左右)?。?$")


def _stubs(sentences: list[Sentence]) -> Iterator[Finding]:
    for s in sentences:
        if s.unit.kind != "para" or TODO_MARK in s.text:
            continue  # a draft-mode marker stands for words still to be written
        rate = _BARE_RATE_RE.search(s.text.strip())
        if rate:
            yield _f("quality-stub", f"比率后直接跟数字，缺谓语（“{rate.group()}”）", s)
            continue
        text = s.text.strip()
        body = text.rstrip("。！？”’」』）")
        if not body or body.endswith("："):
            continue
        parts = re.split(r"[，；：]", body)
        last = parts[-1]
        if (len(parts) > 1 and 0 < _han_len(last) <= 2 and last == re.sub(r"[^\u4e00-\u9fff]", "", last)) or (
            _han_len(body) <= 3
            and s.unit.number == ""
            and not any(ch.isdigit() for ch in body)
            and not _verb_lead(s)
        ):
            yield _f("quality-stub", f"句末分句“{last}”残缺", s)


def _verb_lead(s: Sentence) -> bool:
    """A run-in lead (a heading inside the paragraph) that predicates something is a heading, not a stub,
    numbered or not: a verb phrase (抓策划。) or a subject–adjective clause (直报快。 效果好。 — the short leads a
    clerk writes for a section of one item).  Only a lead that predicates nothing (首次。 直报。) is a stub."""
    lead = any(sp.role in LEAD_ROLES and sp.start <= s.start and s.end <= sp.end for sp in s.unit.spans)
    return lead and grammar.has_predicate(_plain(s.text).strip("。"))


# -- claims ------------------------------------------------------------------------------------------------------
def _precise_from_approx(text: str) -> bool:
    """A percentage with decimals whose nearest preceding count is approximate (480余件，办结率84.6%)."""
    for m in _DECIMAL_PCT_RE.finditer(text):
        counts = list(_ANY_COUNT_RE.finditer(text, 0, m.start()))
        if counts and _APPROX_COUNT_RE.search(counts[-1].group()):
            return True
    return False


def _flat_beside_approx(text: str) -> bool:
    """持平 said of an approximate count or a bound (办件200件以上，与去年同期持平): the nearest count before it."""
    for m in re.finditer("持平", text):
        counts = [c for c in _FLAT_COUNT_RE.finditer(text, 0, m.start()) if c.group()]
        if counts and _FLAT_APPROX_RE.search(counts[-1].group()):
            return True
    return False


def _claims(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    data_text: list[str] = []  # repr(data), made only when a sentence has a percentage with 以上

    def in_data(token: str) -> bool:
        if not data_text:
            data_text.append(repr(data) if data is not None else "")
            data_text.append("".join(_bounded_percents(data)))
        return token in data_text[0] or token in data_text[1]

    for s in sentences:
        text = _plain(s.text)
        m = _PCT_ABOVE_RE.search(text)
        bound = _APPROX_COUNT_RE.search(text) or _ABOVE_COUNT_RE.search(text)
        if m and not bound and not in_data(m.group()):  # from an approximate count 以上 is a bound
            yield _f("quality-claim", f"精确百分数后加“以上”（“{m.group()}”）", s)
            continue
        if _precise_from_approx(text):
            yield _f("quality-claim", "由约数算出精确到小数的百分数", s)
            continue
        if _flat_beside_approx(text):
            yield _f("quality-claim", "约数旁说“持平”", s)
            continue
        odd = _ODD_APPROX_RE.search(text)
        if odd:
            yield _f("quality-claim", f"“余”“多”只跟在整十、整百的数后（“{odd.group()}”）", s)
            continue
        reversed_ = _REWARD_REVERSED_RE.search(text)
        if reversed_:
            yield _f("quality-claim", f"奖励的条件与结果颠倒（“{reversed_.group()}”）", s)
            continue
        clauses = _clauses(text)
        last = clauses[-1] if clauses else ""
        if "奖励" in text and _RULE_ONLY_RE.search(last) and "奖励" not in last:
            yield _f("quality-claim", f"奖励条件“{last}”后面没有对应的奖项或奖励", s)


def _bounded_percents(node: object) -> Iterator[str]:
    """“82%以上” for every percentage the data itself gives as a bound (value 82, unit %, approx 以上, or 余/多,
    which zh.count says 以上 after a number that is not round)."""
    if isinstance(node, dict):
        if node.get("unit") in ("%", "％") and node.get("approx") in ("以上", "余", "多") and node.get("value") is not None:
            yield f"{node['value']}%以上|"
        for v in node.values():
            yield from _bounded_percents(v)
    elif isinstance(node, list):
        for v in node:
            yield from _bounded_percents(v)


def _rank_subjects(sentences: list[Sentence]) -> Iterator[Finding]:
    """A rank said without who is ranked (今年以来，在《X》的考核得分在全省16家单位中位居第三位).  A 在-clause
    after a rank clause of the same sentence shares its subject (我区在A中位居第二位，在B中位居第三位)."""
    for s in sentences:
        ranked = False
        for c in _clauses(s.text):
            if _RANK_RE.search(c):
                if _TIME_PREFIX_RE.sub("", c).startswith("在") and not ranked:
                    yield _f("quality-subject", "排名句缺少主语（谁排第几）", s)
                    break
                ranked = True
