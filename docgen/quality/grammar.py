"""Rules that need word segmentation and part-of-speech tags (jieba with its bundled dictionary).

Loading jieba's segmenter costs about a second, so it is loaded only when a cheap filter finds a clause that
may hold a seam: for 要 + subject, a word of the dictionary tagged as a time, numeral, pronoun or
organisation/place name right after 要 (the word list is read from jieba's own dictionary file, tags and
all: no hand-written list); for a doubled verb, the same characters before and after 了.  Only such clauses
are segmented, and the full tagging decides.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import re
from pathlib import Path
from typing import Any

from docgen import fragcache, jsoncache

_NUMBERED_YAO_RE = re.compile(r"^[一二三四五六七八九十]要$")
# POS tags of jieba's dictionary (ICTCLAS set): t time word, m numeral, r pronoun, j abbreviation of an
# organisation, ns place name, nt organisation name, n* nouns, v* verbs.
_SUBJECT_TAGS = frozenset({"j", "nt"})  # not ns: the dictionary tags some adverbs (深度) as place names
_OPENING_TAGS = frozenset({"t", "m", "r", *_SUBJECT_TAGS})
_DATE_RE = re.compile(r"\d+(?:—\d+)?[年月日]|[一二三四五六七八九十]+月")
_MAX_WORD = 6
_SUCCESSIVE_RE = re.compile(r"(?:相继|先后|陆续|分别)[\u4e00-\u9fff]{2}$")


@functools.cache
def _posseg() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


class _Lexicon:
    """The three word sets of :func:`_lexicon`, each made from its newline-separated text when first asked for
    (the 33,000 verbs are needed only by a clause with 相继/先后…)."""

    def __init__(self, texts: tuple[str, str, str]) -> None:
        self._texts = texts
        self._sets: list[frozenset[str] | None] = [None, None, None]

    def __getitem__(self, i: int) -> frozenset[str]:
        got = self._sets[i]
        if got is None:
            got = self._sets[i] = frozenset(self._texts[i].split("\n")) - {""}
        return got

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Lexicon) and all(self[i] == other[i] for i in range(3))

    __hash__ = None  # type: ignore[assignment]


@functools.cache
def _lexicon() -> _Lexicon:
    """From jieba's bundled dictionary: the words whose tag can open a clause with its own subject or time,
    the two-character words containing 要 (要点, 重要…), where 要 is not the modal verb, and the verbs.

    Read once and kept in docgen's cache directory as JSON (:mod:`docgen.jsoncache`: shape-checked on reading,
    rebuilt from the dictionary on any mismatch; keyed by the dictionary's size and mtime).  Each set is stored
    as one string of words separated by newlines: a short process reads it in a third of the time a JSON array of
    70,000 strings takes."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # pragma: no cover - jieba is a dependency
        return _Lexicon(("", "", ""))
    path = Path(spec.origin).parent / "dict.txt"
    stat = path.stat()
    name = f"jieba-lexicon-4-{stat.st_size}-{stat.st_mtime_ns}.json"
    d = fragcache.cache_dir()
    if d is not None:
        cached = jsoncache.read(d / name, _LEXICON_FORMAT, _lexicon_shape)
        if cached is not None:
            return _Lexicon((cached[0], cached[1], cached[2]))
    texts = tuple("\n".join(sorted(x)) for x in _read_lexicon(path))
    if d is not None:
        jsoncache.write(d / name, _LEXICON_FORMAT, list(texts))
    return _Lexicon((texts[0], texts[1], texts[2]))


_LEXICON_FORMAT = "docgen-jieba-lexicon-4"


def _lexicon_shape(data: Any) -> bool:
    """Three strings of newline-separated words (opening words, 要-words, verbs)."""
    return isinstance(data, list) and len(data) == 3 and all(isinstance(x, str) for x in data)


def _read_lexicon(path: Path) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    opening: set[str] = set()
    yao_words: set[str] = set()
    verbs: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            word = parts[0]
            if parts[2] in _OPENING_TAGS and len(word) <= _MAX_WORD:
                opening.add(word)
            if len(word) == 2 and "要" in word and word != "一要":
                yao_words.add(word)
            if parts[2] == "v" and 2 <= len(word) <= 4:
                verbs.add(word)
    return frozenset(opening), frozenset(yao_words), frozenset(verbs)


@functools.lru_cache(maxsize=65536)
def tag(clause: str) -> tuple[tuple[str, str], ...]:
    """(word, POS) pairs of ``clause`` (jieba, dictionary only, no HMM guesses: deterministic and fast)."""
    return tuple((w.word, w.flag) for w in _posseg().cut(clause, HMM=False))


def has_predicate(clause: str) -> bool:
    """A clause that says something of something: a verb (抓策划, 选题准 where 准 is tagged a verb), or an
    adjective after its subject (直报快, 效果好, 渠道畅: a subject–predicate clause, the genre's short run-in
    leads).  A bare adverb or number (首次, 进一步) or a lone noun (直报) predicates nothing."""
    toks = [(w, f) for w, f in tag(clause) if f != "x"]
    if any(f.startswith("v") for _, f in toks):
        return True
    return len(toks) >= 2 and toks[-1][1] == "a" and any(f[:1] in ("n", "d", "j", "l") for _, f in toks[:-1])


def _may_open_subject(clause: str) -> bool:
    lex = _lexicon()
    words, yao_words = lex[0], lex[1]
    for m in re.finditer("要", clause):
        i = m.start()
        if clause[i : i + 2] in yao_words or (i > 0 and clause[i - 1 : i + 1] in yao_words):
            continue
        rest = clause[m.end() : m.end() + _MAX_WORD]
        if rest[:1].isdigit() or any(rest[:n] in words for n in range(1, len(rest) + 1)):
            return True
    return False


def yao_subject(clause: str) -> str | None:
    """The word after 要/一要 that opens a clause with its own subject or time (要每位同志…, 一要2025年…)."""
    if "要" not in clause or not _may_open_subject(clause):
        return None
    toks = tag(clause)
    for i, (word, flag) in enumerate(toks):
        numbered = bool(_NUMBERED_YAO_RE.match(word))
        if not (word == "要" and flag == "v") and not numbered:
            continue
        if i + 1 >= len(toks):
            continue
        nxt, nflag = toks[i + 1]
        after = toks[i + 2][1] if i + 2 < len(toks) else ""
        rest = "".join(w for w, _ in toks[i + 1 : i + 4])
        if (nflag == "t" and len(nxt) >= 2) or _DATE_RE.match(rest):
            return nxt
        if nflag == "r" and (nxt.endswith("们") or after.startswith(("n", "j"))):
            return nxt
        if nflag in _SUBJECT_TAGS:
            return nxt
    return None


def yao_inside(text: str, pattern: re.Pattern[str]) -> str | None:
    """The match of ``pattern`` (a phrase ending in the modal 要) whose 要 is the modal, not part of a word of
    the dictionary (简要, 重要, 要求…)."""
    yao_words = _lexicon()[1]
    for m in pattern.finditer(text):
        i = m.end() - 1 if m.group().endswith("要") else m.group().index("要") + m.start()
        if text[i - 1 : i + 1] in yao_words or text[i : i + 2] in yao_words:
            continue
        return m.group()
    return None


def _may_double(clause: str) -> bool:
    for m in re.finditer("了", clause):
        before, after = clause[max(0, m.start() - 8) : m.start()], clause[m.end() : m.end() + 4]
        if any(after[:n] in before for n in range(2, len(after) + 1)):
            return True
    return False


def doubled_verb(clause: str) -> str | None:
    """A verb said again right after 了 (建立完善了建立…)."""
    if "了" not in clause or not _may_double(clause):
        return None
    toks = tag(clause)
    for i, (word, _) in enumerate(toks):
        if word != "了" or i + 1 >= len(toks):
            continue
        nxt, nflag = toks[i + 1]
        if len(nxt) >= 2 and nflag.startswith("v") and nxt in [w for w, _ in toks[max(0, i - 3) : i]]:
            return nxt
    return None


def _item_starts(clause: str) -> list[str]:
    return [clause[:_MAX_WORD]] + [clause[m.end() : m.end() + _MAX_WORD] for m in re.finditer("、", clause)]


def _may_end_doubled(clause: str) -> bool:
    """The clause's last two characters also open one of its 、-items, or it ends 相继/先后 + a word while an
    item opens with a verb of the dictionary."""
    tail = clause[-2:]
    if tail not in clause[:-2] and not _SUCCESSIVE_RE.search(clause):
        return False
    starts = _item_starts(clause)
    if any(s.startswith(tail) for s in starts[:-1]) or (starts[-1].startswith(tail) and len(starts[-1]) > 2):
        return True
    if not _SUCCESSIVE_RE.search(clause):
        return False
    verbs = _lexicon()[2]
    return any(s[:n] in verbs for s in starts for n in (2, 3, 4))


def end_verb_doubled(clause: str) -> str | None:
    """The clause's closing verb said already inside it (建立……机制、……相继建立): verb phrases made into the
    items of a list whose predicate repeats their own verb."""
    if len(clause) < 6 or "、" not in clause:
        return None
    if not _may_end_doubled(clause):
        return None
    successive = bool(_SUCCESSIVE_RE.search(clause))
    toks = tag(clause)
    if not toks:
        return None
    word, flag = toks[-1]
    if len(word) < 2 or flag != "v":
        return None
    # the items of the 、-list: what opens the clause and what follows each 、
    starts = [toks[i] for i in range(len(toks) - 1) if i == 0 or toks[i - 1][0] == "、"]
    if word in [w for w, _ in starts]:
        return word
    if successive and any(f == "v" for _, f in starts):
        return word  # 建立…机制、实行…制度相继建立: verb phrases made into nouns
    return None


def loaded() -> bool:
    """True once the segmenter has been loaded in this process (for benchmarks)."""
    return _posseg.cache_info().currsize > 0
