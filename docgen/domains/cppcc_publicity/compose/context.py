"""This domain's composition context: the machinery's :class:`~docgen.compose.context.Ctx` with its facts
model, the words each org level avoids, and the outlet names of running text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from docgen import zh
from docgen.compose.context import Ctx as BaseCtx
from docgen.compose.context import ParaBuilder, join_book_titles, sentence
from docgen.domains.cppcc_publicity.model.facts import Facts
from docgen.domains.cppcc_publicity.model.outlets import Outlet

__all__ = ["LEVEL_AVOID", "LOWEST_LEVELS", "Ctx", "ParaBuilder", "join_book_titles", "outlet_text", "sentence"]

#: Words a level's documents avoid when a variant without them exists: the lowest levels have no CPPCC body
#: below them (各级政协组织); a province's peers are provinces, not 市县.
LOWEST_LEVELS = frozenset({"county", "district", "county_city"})
LEVEL_AVOID: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(LOWEST_LEVELS, ("各级政协",)),
    "province": ("兄弟市县",),
}


@dataclass
class Ctx(BaseCtx):
    facts: Facts
    level_avoid: ClassVar[Mapping[str, tuple[str, ...]]] = LEVEL_AVOID

    def outlet(self, oid: str) -> str:
        """An outlet's name as written in running text: 《报刊》, “栏目”, or a plain station name."""
        o = self.facts.outlet(oid)
        return outlet_text(o) if o is not None else oid

    def outlets(self, ids: Iterable[str]) -> str:
        return join_book_titles([self.outlet(i) for i in dict.fromkeys(ids)])


def outlet_text(o: Outlet) -> str:
    """An outlet's name in running text, marked once whatever the writer wrote: 《报刊》, “栏目”, “X”微信公众号, a
    plain station name; a name the clerk marked at its head (“柳沙政协”微信公众号, 《委员面对面》栏目) as
    written, whatever the type (:func:`docgen.zh.quoted` and :func:`docgen.zh.book_title` are idempotent)."""
    if o.takes_book_marks:
        return zh.book_title(o.name)
    suffix = {"wechat": ("公众号", "微信公众号"), "app": ("客户端", "客户端")}.get(o.type)
    if suffix is not None:
        if zh.marked_at_head(o.name):
            return o.name
        bare = zh.unwrap(o.name)
        return zh.quoted(bare) + ("" if bare.endswith(suffix[0]) else suffix[1])
    if o.type == "column":
        return zh.quoted(o.name)
    return o.name
