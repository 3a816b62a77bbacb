"""Composition: validated facts → a :class:`~docgen.draft.Draft` of ordered blocks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docgen import registry
from docgen.compose.context import Ctx
from docgen.compose.expected import mark_expected
from docgen.compose.normalise import normalise
from docgen.compose.scaffold import PointsMismatch
from docgen.draft import Draft, Notice
from docgen.fragments import FragmentLibrary

__all__ = ["PointsMismatch", "compose", "composer_for"]


def composer_for(kind: str) -> Callable[[Ctx], Draft]:
    """The composer of a registered kind (``KindSpec.composer``, imported on first use)."""
    fn: Callable[[Ctx], Draft] = registry.composer(kind)
    return fn


def compose(facts: Any, *, lib: FragmentLibrary | None = None) -> Draft:
    """Compose the document described by ``facts``.  Deterministic: same facts → same draft."""
    composer = composer_for(facts.document.kind)
    domain = registry.domain_of(facts.document.kind)
    lib = lib or FragmentLibrary.load(domain=domain.name)
    ctx_class: type[Ctx] = registry.load_object(domain.context) if domain.context else Ctx
    draft = composer(ctx_class(normalise(facts), lib))
    mark_expected(draft, facts)
    horizon = lib.political_horizon()
    on = facts.document.date
    if horizon is not None and on > horizon:
        draft.notices.append(
            Notice(
                "political-review",
                f"文稿日期{on.year}年{on.month}月{on.day}日晚于措辞片段库中政治表述的有效期"
                f"（至{horizon.year}年{horizon.month}月{horizon.day}日），政治表述须按最新精神人工审核",
                "document.date",
            )
        )
    return draft
