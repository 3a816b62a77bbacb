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

__all__ = ["LEVEL_AVOID", "LEVEL_WORDS", "LOWEST_LEVELS", "Ctx", "ParaBuilder", "join_book_titles", "outlet_text", "sentence"]

#: The lowest levels have no CPPCC body below them: no 各级政协(组织), no 上下贯通 among 政协 bodies, and the
#: units below (各乡镇) are not 政协.  The fragments say these through the level slots of :meth:`Ctx.level_slots`;
#: LEVEL_AVOID is the fallback for a library that still writes the words (a variant without them is preferred).
LOWEST_LEVELS = frozenset({"county", "district", "county_city"})
LEVEL_AVOID: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(LOWEST_LEVELS, ("各级政协", "上下贯通")),
    "province": ("兄弟市县",),
}
#: the words a fragment must not write itself (tests/test_level_words.py): each has a level slot
LEVEL_WORDS = ("各级政协", "上下贯通", "兄弟市县")


@dataclass
class Ctx(BaseCtx):
    facts: Facts
    level_avoid: ClassVar[Mapping[str, tuple[str, ...]]] = LEVEL_AVOID

    @property
    def lowest(self) -> bool:
        """A county, district or county-level city: no 政协 of its own below it."""
        return self.facts.org.level in LOWEST_LEVELS

    def level_slots(self) -> Mapping[str, object]:
        """all_bodies 全市各级政协组织 | 全县政协系统; each_level 各级政协 | 县政协; linked 上下贯通 | 内外联动;
        peers 兄弟市县 | 兄弟省份 (a province)."""
        scope, low = self.scope, self.lowest
        return {
            "all_bodies": f"{scope}政协系统" if low else f"{scope}各级政协组织",
            "each_level": self.org if low else "各级政协",
            "linked": "内外联动" if low else "上下贯通",
            "peers": "兄弟省份" if self.facts.org.level == "province" else "兄弟市县",
        }

    def sub_bodies(self, label: str) -> str:
        """The units below as the subject of what their 政协 did: 各县（市、区）政协; below a county the units
        themselves (各乡镇（街道）), which have no 政协."""
        label = label.strip()
        return label if self.lowest or label.endswith("政协") else f"{label}政协"

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
