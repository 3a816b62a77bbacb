"""Composition context: the facts, the fragment library, the mode, and small builders.

Machinery only: no document vocabulary lives here (that is in each domain's fragments/).  A domain may
subclass :class:`Ctx` (``DomainSpec.context``) to type its facts and add its own helpers and level words.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from docgen import zh
from docgen.draft import Block, DraftMeta, Notice, Paragraph, Segment, SegmentRole
from docgen.fragments import FragmentLibrary, Variant, choice_index
from docgen.model.basefacts import BaseFacts
from docgen.zhtext import PRAISE_FORMULAS, one_duration_style

TODO_RE = re.compile(r"(〔待补：[^〕]*〕)")
#: Words that announce several items (avoided before a single one): 以下几个方面, 先后, 相继, 分别, 一批, 一系列.
PLURAL_WORDS = ("几", "以下", "先后", "相继", "分别", "一批", "一系列")
#: Words of variants written for a single item (还将安排一项专项工作), avoided before several.
SINGULAR_WORDS = ("一项",)
RECENT = 4  # sentences (most recent first said) a new sentence must not open like
SHORT_OPENING = 4  # …and the sentence just said (这次会议…。这次会议…)
OPENING = 6  # characters compared when two sentences must not open alike (成绩来之不易)


_AFTER_STOP_RE = re.compile(r"(?<=[。！？：])")
_CLAUSE_RE = re.compile(r"[，；：。！？]")
_HAN_CHAR_RE = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
#: Han characters in a clause before saying it twice in one document reads as repeated boilerplate (the
#: checker's measure, docgen.quality.rules.BOILERPLATE_MIN)
LONG_CLAUSE = 8
_SENTENCE_ENDS = ("。", "！", "？", "：", "；")


def _long_clauses(text: str) -> set[str]:
    return {c for c in _CLAUSE_RE.split(text) if len(_HAN_CHAR_RE.findall(c)) >= LONG_CLAUSE}
_LEADING_TAGS = re.compile(r"^(?:\{%-?\s*if\b[^%]*%\})+")


_HAN_HEAD_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}")


def _undouble(text: str, slots: Mapping[str, object]) -> str:
    """The rendered text without a word said on both sides of a slot boundary: a value that opens with the
    frame's own word (紧紧围绕 + 围绕县委中心工作, 狠抓 + 狠抓信息质量) keeps it once.  Only whole leading
    words of two to four Han characters; a word said twice in a row is never Chinese prose in these genres."""
    for v in slots.values():
        if not isinstance(v, str) or len(v) < 3:
            continue
        m = _HAN_HEAD_RE.match(v)
        if m is None:
            continue
        for k in range(len(m.group()), 1, -1):
            doubled = v[:k] + v
            if doubled in text:
                text = text.replace(doubled, v)
                break
    return text


@functools.lru_cache(maxsize=16384)
def _literal_opening(text: str, n: int = OPENING) -> str | None:
    """The first ``n`` characters of a template when they are literal text (after any leading {% if %} tags;
    no slot before them)."""
    head = _LEADING_TAGS.sub("", text)[:n]
    return head if len(head) == n and "{" not in head else None


#: key in :attr:`Ctx.said` once a praise formula (:data:`~docgen.zhtext.PRAISE_FORMULAS`) has been said
_PRAISED = "\0praise"


ECHO_RUN = 4  # Han characters a text shares with the heading above it before it says the heading again


_SLOT_RE = re.compile(r"\{[{%][^}]*[}%]\}")


def _words(text: str) -> set[str]:
    """The nouns, verbs and adjectives of two characters or more of ``text`` (jieba; template tags left out)."""
    from docgen.compose import phrases

    return {w for w, f in phrases.tags(_SLOT_RE.sub("", text)) if f[:1] in ("n", "v", "a") and len(w) >= 2}


def _echoes(heading: str, text: str) -> bool:
    """Whether ``text`` says again a run of :data:`ECHO_RUN` Han characters of ``heading``."""
    for run in _HAN_RUN_RE.findall(heading):
        if any(run[i : i + ECHO_RUN] in text for i in range(len(run) - ECHO_RUN + 1)):
            return True
    return False


def _echoes_word(heading: str, text: str, common: set[str]) -> bool:
    """Whether ``text`` says again a word of ``heading`` that is not ``common`` (the words every variant of the
    family says: the topic itself, not an echo)."""
    return bool((_words(heading) - common) & _words(text))


def _prefer(pool: list[Variant], keep: Callable[[Variant], bool]) -> list[Variant]:
    kept = [v for v in pool if keep(v)]
    return kept or pool


@dataclass
class Ctx:
    facts: BaseFacts
    lib: FragmentLibrary
    notices: list[Notice] = field(default_factory=list)
    period_said: bool = False  # the period label was said in the current section (say it once)
    said: set[str] = field(default_factory=set)
    used_variants: dict[str, set[str]] = field(
        default_factory=dict
    )  # family → variants used in this document
    openings: deque[str] = field(default_factory=lambda: deque(maxlen=RECENT))  # how recent sentences opened
    examples: int = 0  # 比如/再比如/又如 already said in the current paragraph
    #: long clauses said in this document (by a fragment family, or "" by the writer) → who said them
    clauses: dict[str, str] = field(default_factory=dict)
    #: the writer's lead just heard (:meth:`heard`), until the next fragment is rendered
    last_lead: str | None = None
    #: per org level, words its documents avoid when a variant without them exists (a domain's Ctx sets it)
    level_avoid: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    @property
    def doc_id(self) -> str:
        return self.facts.document.id

    @property
    def draft_mode(self) -> bool:
        return self.facts.document.mode == "draft"

    @property
    def county(self) -> bool:
        return self.facts.document.heading_style == "county"

    # --- fragments -----------------------------------------------------------------------------------
    def frag(
        self,
        fid: str,
        *,
        one_item: bool | None = None,
        say: Iterable[str] = (),
        under: str | None = None,
        **slots: object,
    ) -> str:
        """Render fragment family ``fid`` with the document's stable variant (or its override).

        The stable choice skips variants that do not suit this document (see :meth:`_choose`); with
        ``say`` names slots holding facts: a variant that uses every one of them that has a value is preferred
        (a closing that drops the guiding thought the data gives is chosen only if no variant says it).
        ``under`` is a heading the writer wrote above the text: a variant that says four characters of it again,
        or one of its words that not every variant says, is passed over when another does not (（一）坚持报喜也
        报忧。要坚持报喜也报忧……; 提升参考价值。……提高信息的整体价值).
        ``one_item`` True (an intro followed by a single point) also variants that announce several (几个, 先后…),
        and with ``one_item`` False variants written for a single item (一项)."""
        fid, override = self.resolve(fid)
        if override is None:
            wanted = frozenset(k for k in say if slots.get(k))
            override = self._choose(fid, fresh=False, one_item=one_item, say=wanted, slots=slots, under=under)
        return self._render(fid, slots, override)

    def frag_fresh(self, fid: str, *, under: str | None = None, **slots: object) -> str | None:
        """Like :meth:`frag` for boilerplate said at most once per document: a family asked for again gets a
        variant not used yet; None when every variant has been used (the caller says nothing)."""
        fid, override = self.resolve(fid)
        if override is not None:
            if override in self.used_variants.get(fid, ()):
                return None
        else:
            override = self._choose(fid, fresh=True, slots=slots, under=under)
            if override is None:
                return None
        return self._render(fid, slots, override)

    def resolve(self, fid: str) -> tuple[str, str | None]:
        """The family actually rendered for ``fid`` and the variant the document names for it, if any."""
        return fid, self.facts.document.variants.get(fid)

    def heard(self, text: str) -> None:
        """Note a sentence said outside the fragment library (a writer's lead), so the next fragment does not
        open with the same words (（一）加强组织领导。加强组织领导是……)."""
        t = text.strip()
        self.last_lead = t.rstrip("。：")
        if len(t) >= SHORT_OPENING:
            self.openings.append(t[:OPENING])
        for c in _long_clauses(t):  # nor says again a long clause of it (围绕中心、服务大局)
            self.clauses.setdefault(c, "")

    def level_slots(self) -> Mapping[str, object]:
        """Words whose right form depends on the office's level, offered to every fragment as slots (a domain's
        Ctx gives them; a slot the caller passes wins).  A fragment says ``{{ all_bodies }}``, never the words
        for "the bodies at every level" itself, so an office with no body of its kind below it is never told
        各级 (level awareness is a mechanism, not a variant to avoid)."""
        return {}

    def _with_level(self, slots: Mapping[str, object]) -> Mapping[str, object]:
        own = self.level_slots()
        return {**own, **slots} if own else slots

    def _render(self, fid: str, slots: Mapping[str, object], override: str | None) -> str:
        slots = self._with_level(slots)
        doc = self.facts.document
        text = _undouble(self.lib.render(fid, slots, self.doc_id, override=override, on=doc.date), slots)
        text = self._refer_to_lead(text)
        if override is not None:
            self.used_variants.setdefault(fid, set()).add(override)
        for sent in _AFTER_STOP_RE.split(text):
            if len(sent) >= 8 and sent.endswith(("。", "！", "？", "：")) and not TODO_RE.match(sent):
                self.openings.append(sent[:OPENING])
        if text.endswith(_SENTENCE_ENDS):
            for c in _long_clauses(text):
                self.clauses.setdefault(c, fid)
        if any(w in text for w in PRAISE_FORMULAS):
            self.said.add(_PRAISED)
        return text

    def _refer_to_lead(self, text: str) -> str:
        """The fragment said right after a writer's lead does not name the lead again as its subject: when every
        variant the document may use opens with it (加强组织领导。加强组织领导是……), it is referred to by 这
        (加强组织领导。这是……)."""
        lead, self.last_lead = self.last_lead, None
        if lead and len(lead) >= SHORT_OPENING and text.startswith(lead):
            rest = text[len(lead) :]
            if rest.startswith("是"):
                return "这" + rest
            if rest.startswith("，是"):
                return "这" + rest[1:]
        return text

    def _says_again(self, fid: str, variant: str, slots: Mapping[str, object]) -> bool:
        """Whether variant ``variant`` of ``fid``, a sentence, would say a long clause that another family or the
        writer has said already (the items of one family share their frame by design; a heading is not prose)."""
        if not self.clauses:
            return False
        slots = self._with_level(slots)
        doc = self.facts.document
        try:
            text = _undouble(self.lib.render(fid, slots, self.doc_id, override=variant, on=doc.date), slots)
        except Exception:
            return True
        if not text.endswith(_SENTENCE_ENDS):
            return False
        return any(self.clauses.get(c, fid) != fid for c in _long_clauses(text))

    def _choose(
        self,
        fid: str,
        *,
        fresh: bool,
        one_item: bool | None = None,
        say: frozenset[str] = frozenset(),
        slots: Mapping[str, object] | None = None,
        under: str | None = None,
    ) -> str | None:
        """The variant this document uses: the stable hash picks a start among the eligible variants, and
        the first one from there (cyclically) that suits the document is taken.  Suiting means: none of the
        level's words to avoid (:attr:`level_avoid`); before a single item, none of :data:`PLURAL_WORDS`; not
        opening like one of the last few sentences said; when ``fresh``, not used yet in this document.  All
        but ``fresh`` are preferences (dropped when no variant meets them); ``fresh`` is a rule (None when
        every variant is used); once the document has said a praise formula, variants without one.  With ``slots``, last, a variant that would say again a long clause a fragment
        has already said in this document (两段都说“围绕中心、服务大局”) is passed over when another does not: the
        first candidate is rendered to see, the others only if it repeats."""
        pool = self.lib.eligible(fid, on=self.facts.document.date)
        if not pool:
            return None
        start = choice_index(self.doc_id, fid, len(pool))
        ring = pool[start:] + pool[:start]
        if say:  # the facts given for ``say`` slots: prefer a variant that says them all
            ring = _prefer(ring, lambda v: say <= self.lib.slots_of(fid, v.id))
        if fresh:
            used = self.used_variants.get(fid, set())
            ring = [v for v in ring if v.id not in used]
            if not ring:
                return None
        if one_item:
            ring = _prefer(ring, lambda v: not any(w in v.text for w in PLURAL_WORDS))
        elif one_item is False:
            ring = _prefer(ring, lambda v: not any(w in v.text for w in SINGULAR_WORDS))
        if under:
            common = set.intersection(*(_words(v.text) for v in pool))
            ring = _prefer(ring, lambda v: not _echoes(under, v.text))
            ring = _prefer(ring, lambda v: not _echoes_word(under, v.text, common))
        if _PRAISED in self.said:  # the document has praised once: no second verdict (功不可没 … 来之不易)
            ring = _prefer(ring, lambda v: not any(w in v.text for w in PRAISE_FORMULAS))
        avoid = self.level_avoid.get(self.facts.org.level, ())
        ring = _prefer(ring, lambda v: not any(a in v.text for a in avoid))
        last = self.openings[-1][:SHORT_OPENING] if self.openings else None
        recent = {o[:SHORT_OPENING] for o in self.openings if len(o) < OPENING}  # short leads heard
        ring = _prefer(
            ring,
            lambda v: (
                _literal_opening(v.text) not in self.openings
                and (last is None or _literal_opening(v.text, SHORT_OPENING) != last)
                and _literal_opening(v.text, SHORT_OPENING) not in recent
            ),
        )
        if slots is not None and len(ring) > 1 and self._says_again(fid, ring[0].id, slots):
            fresh_ring = [v for v in ring[1:] if not self._says_again(fid, v.id, slots)]
            if fresh_ring:
                return fresh_ring[0].id
        return ring[0].id

    def political(self, fid: str) -> str:
        doc = self.facts.document
        return self.lib.render(fid, {}, self.doc_id, override=doc.variants.get(fid), on=doc.date)

    def example_lead(self) -> str:
        """比如, then 再比如, 又如… for the examples of one paragraph (never 再比如 twice in a row)."""
        text = self.frag("ACH-example-lead", nth=self.examples)
        self.examples += 1
        return text

    @contextlib.contextmanager
    def trial(self) -> Iterator[None]:
        """Compose something to see whether it yields text, then forget it: the period said, the notices,
        the variants, openings and long clauses used, the examples counted are restored on exit."""
        saved = (
            self.period_said,
            len(self.notices),
            {k: set(v) for k, v in self.used_variants.items()},
            deque(self.openings, maxlen=RECENT),
            self.examples,
            set(self.said),
            dict(self.clauses),
        )
        try:
            yield
        finally:
            self.period_said, n, self.used_variants, self.openings, self.examples, self.said, self.clauses = saved
            del self.notices[n:]

    def notice(self, code: str, message: str, path: str = "") -> None:
        self.notices.append(Notice(code, message, path))

    # --- missing facts --------------------------------------------------------------------------------
    def todo(self, label: str, path: str = "") -> str | None:
        """In draft mode a visible 〔待补：label〕 marker; in final mode None (the caller drops the clause)."""
        self.notices.append(Notice("dropped-fact", f"缺少“{label}”，相关分句已略去", path))
        return f"〔待补：{label}〕" if self.draft_mode else None

    def opt(self, value: str | None, label: str, path: str = "") -> str | None:
        return value if value is not None else self.todo(label, path)

    def meta(self, title: str, subject: str, author: str | None = None) -> DraftMeta:
        """The draft's metadata (core properties of the .docx come from it, never from the clock)."""
        doc, org = self.facts.document, self.facts.org
        return DraftMeta(
            doc.id,
            doc.kind,
            title,
            doc.date,
            author=author or org.full_name or org.short_name,
            subject=subject,
        )

    # --- common derived values ------------------------------------------------------------------------
    @property
    def org(self) -> str:
        return self.facts.org.short_name

    @property
    def ours(self) -> str:
        return self.facts.org.derived_self_ref()

    @property
    def scope(self) -> str:
        return self.facts.org.derived_scope()

    @property
    def period(self) -> str:
        p = self.facts.period
        if p is None:
            return self.todo("统计期", "period") or "今年以来"
        return p.label or zh.period_label(p.start, p.end, self.facts.document.date)

    def once(self, key: str, value: str) -> str | None:
        """``value`` the first time ``key`` is asked for in this document, then None (say a formula once)."""
        if key in self.said:
            return None
        self.said.add(key)
        return value

    def period_once(self) -> str | None:
        """The period label the first time a section needs it, then None (avoids 今年以来…今年以来…)."""
        if self.period_said:
            return None
        self.period_said = True
        return self.period

    @property
    def year(self) -> int:
        return self.facts.document.date.year

    def count(self, value: int | Decimal | None, unit: str, approx: str | None = "") -> str | None:
        if value is None or value <= 0:
            return None
        return zh.count(value, unit, approx or None)


def join_book_titles(names: list[str]) -> str:
    """Consecutive marked names are written without 顿号 (《A》《B》, “A”“B”客户端: GB/T 15834 4.5.3.5);
    other names are joined with 、."""
    out = ""
    for i, n in enumerate(names):
        if i and not ((n.startswith("《") and out.endswith("》")) or (n.startswith("“") and out.endswith("”"))):
            out += "、"
        out += n
    return out


class ParaBuilder:
    """Collects segments of one paragraph; text with 〔待补：…〕 markers is split into todo segments."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []

    def lead(self, text: str, role: SegmentRole, paths: tuple[str, ...] = ()) -> ParaBuilder:
        self.segments.append(Segment(text, role, paths))
        return self

    def add(self, text: str | None, paths: Iterable[str] = ()) -> ParaBuilder:
        if not text:
            return self
        p = tuple(paths)
        for part in TODO_RE.split(text):
            if not part:
                continue
            self.segments.append(Segment(part, "todo" if TODO_RE.fullmatch(part) else "text", p))
        return self

    def add_all(self, items: Iterable[tuple[str | None, Iterable[str]]]) -> ParaBuilder:
        for text, paths in items:
            self.add(text, paths)
        return self

    @property
    def empty(self) -> bool:
        return not any(s.role in ("text", "todo") and s.text for s in self.segments)

    def build(self) -> Paragraph:
        """The paragraph; its durations in one numeral style (30分钟……一小时 → 30分钟……1小时)."""
        texts = [s.text for s in self.segments if s.role == "text"]
        styled = iter(one_duration_style(texts))
        return Paragraph(
            tuple(Segment(next(styled), s.role, s.paths) if s.role == "text" else s for s in self.segments)
        )


def append_closing(blocks: list[Block], para: Paragraph, own_paragraph: bool) -> None:
    """Add *para* to an opening: as a paragraph of its own, or (``own_paragraph`` false) as the last sentences of
    the opening's last paragraph (an opening's transition "下面，我讲几点意见" closes the paragraph before it)."""
    if own_paragraph or not blocks:
        blocks.append(para)
        return
    last = blocks[-1]
    assert isinstance(last, Paragraph)
    blocks[-1] = Paragraph(last.segments + para.segments)


def sentence(clauses: Iterable[str | None], end: str = "。") -> str | None:
    """Join the clauses that exist with ，and close with ``end``; None when none exist."""
    parts = [c for c in clauses if c]
    if not parts:
        return None
    return "，".join(parts) + end


def slots(mapping: Mapping[str, object]) -> dict[str, object]:
    return dict(mapping)
