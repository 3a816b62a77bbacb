"""Draft mode shows what is missing: each fact a complete draft of the kind expects
(``KindSpec.expected`` in the registry) that is absent — left out or written empty — is marked 〔待补：…〕.

A composer marks many gaps in place (the clause that needed the fact); what it did not mark — a whole block left
out — is marked in place too, where that part of the document would stand.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from docgen import registry
from docgen.draft import Block, Byline, Draft, Notice, Paragraph, Salutation, Segment, Subtitle, Title
from docgen.model.basefacts import BaseFacts
from docgen.registry import Expected

__all__ = ["absent", "mark_expected", "missing_expected"]

#: what the marker paragraph says after the marker (highlighted with it; a draft only)
_NOTE = "——完整文稿应有的事实，定稿前补齐。"


def absent(facts: BaseFacts, path: str) -> bool:
    """Whether the fact at ``path`` (dotted attribute names) is not given: None, empty text, list or mapping."""
    node: Any = facts
    for name in path.split("."):
        if node is None:
            return True
        node = getattr(node, name)
    if node is None or node in ("", [], {}):
        return True
    if isinstance(node, BaseModel):  # a block whose every field is at its default says nothing
        return not node.model_dump(exclude_defaults=True)
    return False


def _each_given(node: Any, names: list[str]) -> bool:
    """Whether the path ``names`` has a value below ``node``, in every item of each list on the way (and a
    list on the way has at least one item)."""
    if not names:
        return not (node is None or node in ("", [], {}))
    if node is None:
        return False
    child = getattr(node, names[0])
    if isinstance(child, list):
        return bool(child) and all(_each_given(x, names[1:]) for x in child)
    return _each_given(child, names[1:])


def missing_expected(facts: BaseFacts) -> list[Expected]:
    """The expected facts of this kind that are absent (a path under an absent one is not repeated); a fact
    given item by item (``Expected.or_each``) is not absent."""
    out: list[Expected] = []
    for e in registry.kind(facts.document.kind).expected:
        if any(e.path.startswith(m.path + ".") for m in out):
            continue
        if absent(facts, e.path) and not any(_each_given(facts, p.split(".")) for p in e.or_each):
            out.append(e)
    return out


def _marked(draft: Draft) -> tuple[set[str], set[str]]:
    """Texts and data paths of the 〔待补〕 markers the composer already placed."""
    texts: set[str] = set()
    paths: set[str] = set()
    for b in draft.blocks:
        if isinstance(b, Paragraph):
            for s in b.segments:
                if s.role == "todo":
                    texts.add(s.text)
                    paths.update(s.paths)
    return texts, paths


def _paths(block: Block) -> tuple[str, ...]:
    if isinstance(block, Paragraph):
        return tuple(p for s in block.segments for p in s.paths)
    return tuple(getattr(block, "paths", ()) or ())


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def _parent(path: str) -> str:
    return path.rpartition(".")[0]


def _place(blocks: list[Block], order: tuple[Expected, ...], e: Expected, start: int) -> int:
    """Where the marker of absent ``e`` goes: right after the block that draws on its siblings within a
    sub-block (exchange.lead.honour → after the lead paragraph); else before the first block drawn from a fact the kind expects after it (or from that
    fact's parent block); else after the last block drawn from one expected before it; else under the title."""

    def draws(i: int, prefixes: list[str]) -> bool:
        return any(_under(p, x) for p in _paths(blocks[i]) for x in prefixes if x)

    span = range(start, len(blocks))
    parent = _parent(e.path)
    if "." in parent:  # a sub-block (exchange.lead): its siblings share a paragraph; a whole block spans parts
        last = max((i for i in span if draws(i, [parent])), default=None)
        if last is not None:
            return last + 1
    k = order.index(e)
    later = [x.path for x in order[k + 1 :]]
    later += [_parent(x) for x in later if _parent(x) and not _under(e.path, _parent(x))]
    first = next((i for i in span if draws(i, later)), None)
    if first is not None:
        return first
    last = max((i for i in span if draws(i, [x.path for x in order[:k]])), default=None)
    return last + 1 if last is not None else start


def mark_expected(draft: Draft, facts: BaseFacts) -> None:
    """In draft mode, mark each absent expected fact not yet marked by the composer in place — where its part
    of the document would stand (before what the kind expects after it) — and count each as an
    ``expected-fact`` warning.  Absent facts that fall at the same place share one marker
    (“〔待补：存在问题、形势与认识〕”): a run of markers would read as a doubled word."""
    if facts.document.mode != "draft":
        return
    texts, paths = _marked(draft)
    todo = [
        e
        for e in missing_expected(facts)
        if f"〔待补：{e.label}〕" not in texts and not any(p == e.path or p.startswith(e.path + ".") for p in paths)
    ]
    if not todo:
        return
    head: tuple[type[Block], ...] = (Title, Subtitle, Byline, Salutation)
    start = 0
    while start < len(draft.blocks) and isinstance(draft.blocks[start], head):
        start += 1
    order = registry.kind(facts.document.kind).expected
    places: dict[int, list[Expected]] = {}
    floor = start
    for e in todo:  # in the kind's order, so markers keep that order
        floor = max(floor, _place(draft.blocks, order, e, start))
        places.setdefault(floor, []).append(e)
    first = min(places)
    for at in sorted(places, reverse=True):
        group = places[at]
        labels = "、".join(e.label for e in group)
        where = tuple(e.path for e in group)
        marker = Segment(f"〔待补：{labels}〕", "todo", where)
        # the note once, on the first marker: repeated, it would read as a repeated sentence
        para = Paragraph((marker, Segment(_NOTE, "todo", where)) if at == first else (marker,))
        draft.blocks.insert(at, para)
    for e in todo:
        draft.notices.append(
            Notice("expected-fact", f"完整文稿应有“{e.label}”，草稿中已标出〔待补：{e.label}〕", e.path)
        )
