"""Compare two drafts paragraph by paragraph, then token by token.

1. Paragraphs are aligned per story (body, each header, each footer) with ``difflib.SequenceMatcher``
   (``autojunk=False``: common paragraphs such as blank lines are never treated as junk).
2. Inside a block the matcher marks as replaced (m old, n new paragraphs), old and new paragraphs are paired
   by an order-preserving dynamic programme over a cheap similarity (Dice coefficient of character bigrams,
   at least :data:`PAIR_MIN`); between two such pairs, leftovers on both sides pair up in order, and what is
   still left is added or removed.
3. Each pair is diffed with fast-diff-match-patch over CJK-aware tokens (:mod:`docgen.review.tokens`) with
   semantic cleanup and **no time limit**, so the result never depends on the speed of the machine.  A pair
   whose texts share less than half their characters (:data:`REPLACE_BELOW`) is shown as a whole-paragraph
   replacement.

Everything is deterministic: same inputs, same result.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import fast_diff_match_patch as fdmp

from docgen.review.extract import BODY, Docx, load_docx
from docgen.review.tokens import encode, numbers_in, tokenize

__all__ = [
    "PAIR_MIN",
    "REPLACE_BELOW",
    "Change",
    "Comparison",
    "DiffResult",
    "NumberChange",
    "compare_docx",
    "diff_docx",
    "diff_pair",
    "diff_texts",
]

#: similarity (bigram Dice) from which the pairing of a replaced block anchors on a pair
PAIR_MIN = 0.3
#: a pair whose character similarity (2 × equal / total) is below this is shown as a whole replacement
REPLACE_BELOW = 0.5
#: above this many candidate pairs in one replaced block, pairing falls back to position order
DP_LIMIT = 2500

Kind = Literal["equal", "changed", "replaced", "added", "removed"]
Op = tuple[str, str]  # ("=" | "-" | "+", text)


@dataclass(frozen=True)
class Change:
    """One aligned paragraph (or an added/removed one).  Indexes are 0-based positions in the story."""

    kind: Kind
    story: str
    old_index: int | None
    new_index: int | None
    old_text: str
    new_text: str
    ops: tuple[Op, ...] = ()  # changed: token-level hunks; replaced: the whole old and new text
    similarity: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "story": self.story,
            "old_paragraph": None if self.old_index is None else self.old_index + 1,
            "new_paragraph": None if self.new_index is None else self.new_index + 1,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "ops": [list(op) for op in self.ops],
        }


@dataclass(frozen=True)
class NumberChange:
    """Numbers replaced in one hunk: ``old`` → ``new`` (either may be "" for a number only added/removed)."""

    old: str
    new: str
    story: str
    old_index: int | None
    new_index: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "story": self.story,
            "old_paragraph": None if self.old_index is None else self.old_index + 1,
            "new_paragraph": None if self.new_index is None else self.new_index + 1,
        }


@dataclass
class DiffResult:
    """Every aligned paragraph in document order (equal ones included, so a redline can anchor on them)."""

    changes: list[Change] = field(default_factory=list)
    numbers: list[NumberChange] = field(default_factory=list)

    @property
    def differences(self) -> list[Change]:
        return [c for c in self.changes if c.kind != "equal"]

    @property
    def identical(self) -> bool:
        return all(c.kind == "equal" for c in self.changes)

    def count(self, *kinds: Kind) -> int:
        return sum(1 for c in self.changes if c.kind in kinds)

    def summary(self) -> dict[str, Any]:
        return {
            "added": self.count("added"),
            "removed": self.count("removed"),
            "changed": self.count("changed", "replaced"),
            "replaced": self.count("replaced"),
            "numbers_changed": [n.as_dict() for n in self.numbers],
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "identical": self.identical,
            "summary": self.summary(),
            "paragraphs": [c.as_dict() for c in self.differences],
        }


# -- one pair -----------------------------------------------------------------------------------------------


def _normalise(ops: Iterable[Op]) -> list[Op]:
    """Merge neighbours of one kind; inside each run of changes, the deletion comes before the insertion."""
    out: list[Op] = []
    dels: list[str] = []
    inss: list[str] = []

    def flush() -> None:
        if dels:
            out.append(("-", "".join(dels)))
        if inss:
            out.append(("+", "".join(inss)))
        dels.clear()
        inss.clear()

    for op, text in ops:
        if not text:
            continue
        if op == "=":
            flush()
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)
            else:
                out.append(("=", text))
        else:
            (dels if op == "-" else inss).append(text)
    flush()
    return out


def diff_pair(old: str, new: str) -> tuple[list[Op], float]:
    """Token-level hunks from ``old`` to ``new`` and their character similarity (2 × equal / total)."""
    if old == new:
        return ([("=", old)] if old else []), 1.0
    ta, tb = tokenize(old), tokenize(new)
    sa, sb = encode(ta, tb)
    raw = fdmp.diff(sa, sb, timelimit=0, checklines=False, cleanup="Semantic", counts_only=True)
    ops: list[Op] = []
    i = j = 0
    for op, n in raw:
        if op == "=":
            ops.append(("=", "".join(tb[j : j + n])))
            i += n
            j += n
        elif op == "-":
            ops.append(("-", "".join(ta[i : i + n])))
            i += n
        else:
            ops.append(("+", "".join(tb[j : j + n])))
            j += n
    ops = _normalise(ops)
    equal = sum(len(t) for op, t in ops if op == "=")
    total = len(old) + len(new)
    return ops, (2 * equal / total if total else 1.0)


def _number_changes(ops: Sequence[Op], story: str, oi: int | None, ni: int | None) -> list[NumberChange]:
    out: list[NumberChange] = []
    k = 0
    while k < len(ops):
        if ops[k][0] == "=":
            k += 1
            continue
        old = ops[k][1] if ops[k][0] == "-" else ""
        new = ""
        if ops[k][0] == "-" and k + 1 < len(ops) and ops[k + 1][0] == "+":
            new = ops[k + 1][1]
            k += 1
        elif ops[k][0] == "+":
            new = ops[k][1]
        k += 1
        a, b = numbers_in(old), numbers_in(new)
        if a and len(a) == len(b):
            out.extend(NumberChange(x, y, story, oi, ni) for x, y in zip(a, b, strict=True) if x != y)
        elif a or b:
            out.append(NumberChange("、".join(a), "、".join(b), story, oi, ni))
    return out


# -- alignment ------------------------------------------------------------------------------------------------


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else Counter(text)


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = a.total() + b.total()
    if not total:
        return 1.0
    return 2 * (a & b).total() / total


def _pair_block(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Order-preserving pairing of a replaced block: (i, j) pairs, (i, None) removed, (None, j) added."""
    m, n = len(old), len(new)
    ga = [_bigrams(t) for t in old]
    gb = [_bigrams(t) for t in new]
    if m * n > DP_LIMIT:
        pairs = [(k, k) for k in range(min(m, n)) if _dice(ga[k], gb[k]) >= PAIR_MIN]
    else:
        score = [[_dice(ga[i], gb[j]) for j in range(n)] for i in range(m)]
        best = [[0.0] * (n + 1) for _ in range(m + 1)]
        for i in range(m - 1, -1, -1):
            for j in range(n - 1, -1, -1):
                s = score[i][j]
                take = best[i + 1][j + 1] + s if s >= PAIR_MIN else -1.0
                best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
        pairs = []
        i = j = 0
        while i < m and j < n:
            s = score[i][j]
            if s >= PAIR_MIN and best[i][j] == best[i + 1][j + 1] + s:
                pairs.append((i, j))
                i += 1
                j += 1
            elif best[i][j] == best[i + 1][j]:
                i += 1
            else:
                j += 1
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    for pi, pj in [*pairs, (m, n)]:
        # between two similar pairs, leftovers on both sides pair up in order (shown as rewritten)
        both = min(pi - i, pj - j)
        out.extend((i + k, j + k) for k in range(both))
        out.extend((k, None) for k in range(i + both, pi))
        out.extend((None, k) for k in range(j + both, pj))
        if pi < m and pj < n:
            out.append((pi, pj))
        i, j = pi + 1, pj + 1
    return out


def diff_texts(old: Sequence[str], new: Sequence[str], story: str = BODY) -> DiffResult:
    """Align and diff two lists of paragraph texts."""
    result = DiffResult()
    sm = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            result.changes.extend(
                Change("equal", story, i1 + k, j1 + k, old[i1 + k], new[j1 + k]) for k in range(i2 - i1)
            )
            continue
        for a, b in _pair_block(old[i1:i2], new[j1:j2]):
            if b is None:
                assert a is not None
                result.changes.append(Change("removed", story, i1 + a, None, old[i1 + a], ""))
            elif a is None:
                result.changes.append(Change("added", story, None, j1 + b, "", new[j1 + b]))
            else:
                oi, ni = i1 + a, j1 + b
                ops, sim = diff_pair(old[oi], new[ni])
                result.numbers.extend(_number_changes(ops, story, oi, ni))
                if sim < REPLACE_BELOW:
                    whole: list[Op] = [("-", old[oi])] if old[oi] else []
                    whole += [("+", new[ni])] if new[ni] else []
                    result.changes.append(
                        Change("replaced", story, oi, ni, old[oi], new[ni], tuple(whole), sim)
                    )
                else:
                    result.changes.append(Change("changed", story, oi, ni, old[oi], new[ni], tuple(ops), sim))
    return result


# -- documents ------------------------------------------------------------------------------------------------


@dataclass
class Comparison:
    """Two parsed drafts and their differences (what :func:`docgen.review.redline.redline` needs)."""

    old: Docx
    new: Docx
    result: DiffResult


def _story_order(old: Docx, new: Docx) -> list[str]:
    others = sorted((set(old.stories) | set(new.stories)) - {BODY})
    return [BODY, *others]


def compare_docx(
    old: bytes, new: bytes, *, old_label: str = "旧稿", new_label: str = "新稿", accept_changes: bool = False
) -> Comparison:
    """Parse both drafts (refusing unsafe or unsupported input, see :mod:`docgen.review.extract`) and diff
    every story: the body (tables included), then each header and footer."""
    a = load_docx(old, old_label, accept_changes=accept_changes)
    b = load_docx(new, new_label, accept_changes=accept_changes)
    result = DiffResult()
    for story in _story_order(a, b):
        part = diff_texts(a.texts(story), b.texts(story), story)
        result.changes.extend(part.changes)
        result.numbers.extend(part.numbers)
    return Comparison(a, b, result)


def diff_docx(old: bytes, new: bytes, *, accept_changes: bool = False) -> DiffResult:
    """The differences between two .docx drafts (bytes in, :class:`DiffResult` out)."""
    return compare_docx(old, new, accept_changes=accept_changes).result
