"""Composition: validated facts → a :class:`~docgen.draft.Draft` of ordered blocks."""

from __future__ import annotations

from docgen.compose.context import Ctx
from docgen.compose.expected import mark_expected
from docgen.compose.kinds import PointsMismatch, composer_for
from docgen.compose.normalise import normalise
from docgen.draft import Draft, Notice
from docgen.errors import RenderError
from docgen.fragments import FragmentLibrary
from docgen.model.facts import Facts

__all__ = ["PointsMismatch", "compose"]


def compose(facts: Facts, *, lib: FragmentLibrary | None = None) -> Draft:
    """Compose the document described by ``facts``.  Deterministic: same facts → same draft."""
    composer = composer_for(facts.document.kind)
    if composer is None:
        raise RenderError(f"文种 {facts.document.kind} 的组稿功能尚未实现")
    lib = lib or FragmentLibrary.load()
    draft = composer(Ctx(normalise(facts), lib))
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
