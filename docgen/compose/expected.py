"""Draft mode shows what is missing: each fact a complete draft of the kind expects
(``KindSpec.expected`` in the registry) that is absent — left out or written empty — is marked 〔待补：…〕.

A composer marks many gaps in place (the clause that needed the fact); what it did not mark is listed in one
paragraph right under the title lines, so a clerk who left a whole block out sees it too.
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


def missing_expected(facts: BaseFacts) -> list[Expected]:
    """The expected facts of this kind that are absent (a path under an absent one is not repeated)."""
    out: list[Expected] = []
    for e in registry.kind(facts.document.kind).expected:
        if any(e.path.startswith(m.path + ".") for m in out):
            continue
        if absent(facts, e.path):
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


def mark_expected(draft: Draft, facts: BaseFacts) -> None:
    """In draft mode, add a paragraph with one 〔待补：…〕 marker naming the absent expected facts not yet marked
    in place, under the title lines, and count each as an ``expected-fact`` warning."""
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
    # one marker naming them all ("〔待补：存在问题、形势与认识〕"): a run of markers would read as a doubled word
    labels = "、".join(e.label for e in todo)
    where = tuple(e.path for e in todo)
    para = Paragraph((Segment(f"〔待补：{labels}〕", "todo", where), Segment(_NOTE, "todo", where)))
    head: tuple[type[Block], ...] = (Title, Subtitle, Byline, Salutation)
    at = 0
    while at < len(draft.blocks) and isinstance(draft.blocks[at], head):
        at += 1
    draft.blocks.insert(at, para)
    for e in todo:
        draft.notices.append(
            Notice("expected-fact", f"完整文稿应有“{e.label}”，草稿中已标出〔待补：{e.label}〕", e.path)
        )
