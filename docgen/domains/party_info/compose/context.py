"""This domain's composition context: the machinery's :class:`~docgen.compose.context.Ctx` with its facts
model, the words each org level avoids, and the names the genre uses for the office's own level."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from docgen.compose.context import Ctx as BaseCtx
from docgen.compose.context import ParaBuilder, sentence
from docgen.domains.party_info.model.facts import Facts

__all__ = ["LEVEL_AVOID", "Ctx", "ParaBuilder", "sentence"]

#: a province has no 乡镇 under its direct view; a county or district has no 县（市、区） below it
LEVEL_AVOID: dict[str, tuple[str, ...]] = {
    "province": ("乡镇",),
    "county": ("县（市、区）",),
    "district": ("县（市、区）",),
    "county_city": ("县（市、区）",),
}

_PARTY_GOV = {
    "province": "省委、省政府",
    "city": "市委、市政府",
    "county": "县委、县政府",
    "district": "区委、区政府",
    "county_city": "市委、市政府",
}
_SUBUNITS = {
    "province": "各市",
    "city": "各县（市、区）",
    "county": "各乡镇",
    "district": "各镇（街道）",
    "county_city": "各乡镇（街道）",
}
#: fields of the shared org block that no kind of this domain says (a general office has no 党组)
_ORG_UNUSED = {
    "province": "所在省",
    "party_group": "党组",
    "grassroots_label": "基层平台称谓",
    "subunits_count": "下级单位数",
}


@dataclass
class Ctx(BaseCtx):
    facts: Facts
    level_avoid: ClassVar[Mapping[str, tuple[str, ...]]] = LEVEL_AVOID

    def warn_unused_org(self) -> None:
        """An unused-fact warning for each org field given that this domain's documents never say."""
        org = self.facts.org
        for name, label in _ORG_UNUSED.items():
            if getattr(org, name) is not None:
                self.notice("unused-fact", f"党政信息工作文稿不用“{label}”，未写入文稿", f"org.{name}")

    @property
    def party_gov(self) -> str:
        """区委、区政府: the Party committee and government the office serves."""
        return _PARTY_GOV[self.facts.org.level]

    @property
    def own_leaders(self) -> str:
        """区委主要领导 / 区政府主要领导: the principal leaders the office itself serves — a Party committee's
        office the committee's, a government's office the government's, a joint or unnamed office both."""
        party, gov = self.party_gov.split("、")
        short = self.facts.org.short_name
        is_gov = "政府" in short
        is_party = "委" in short.replace("政府", "")
        if is_gov and not is_party:
            return f"{gov}主要领导"
        if is_party and not is_gov:
            return f"{party}主要领导"
        return f"{self.party_gov}主要领导"

    @property
    def subunits(self) -> str:
        """各乡镇（街道）: the units below (org.subunits_label, else by level)."""
        return self.facts.org.subunits_label or _SUBUNITS[self.facts.org.level]

    @property
    def unit(self) -> str:
        """The place-qualified name of the office: 青禾 + 县委办公室 → 青禾县委办公室."""
        return self.facts.org.unit_name()
