"""This domain's check of the composed text, added to the text-seam checker (``DomainSpec.quality_rules``)."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.quality import Finding, Sentence

__all__ = ["check_levels"]

_LOWEST_LEVELS = frozenset({"county", "district", "county_city"})


def check_levels(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    """各级政协组织 said of an office that has no 政协 below it (a county, district or county-level city)."""
    org = data.get("org") if isinstance(data, dict) else None
    if not isinstance(org, dict) or org.get("level") not in _LOWEST_LEVELS:
        return
    for s in sentences:
        if "各级政协组织" in s.text:
            yield s.finding("quality-claim", "县、区一级没有下级政协，不宜说“各级政协组织”")
