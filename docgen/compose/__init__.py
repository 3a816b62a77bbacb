"""Composition: validated facts → a :class:`~docgen.draft.Draft` of ordered blocks."""

from __future__ import annotations

from docgen.compose.context import Ctx
from docgen.compose.kinds import PointsMismatch, composer_for
from docgen.draft import Draft
from docgen.errors import RenderError
from docgen.fragments import FragmentLibrary
from docgen.model.facts import Facts

__all__ = ["PointsMismatch", "compose"]


def compose(facts: Facts, *, lib: FragmentLibrary | None = None) -> Draft:
    """Compose the document described by ``facts``.  Deterministic: same facts → same draft."""
    composer = composer_for(facts.document.kind)
    if composer is None:
        raise RenderError(f"文种 {facts.document.kind} 的组稿功能尚未实现")
    return composer(Ctx(facts, lib or FragmentLibrary.load()))
