"""This domain's checks of the composed text, added to the text-seam checker (``DomainSpec.quality_rules``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.quality import Finding, Sentence

__all__ = ["check", "check_levels", "check_two_bodies"]

_LOWEST_LEVELS = frozenset({"county", "district", "county_city"})
# one 政协 named right after another as if both were the subject (区政协市政协宣传信息工作……位居第二位): the
# second belongs in its own phrase (在市政协……考核中，区政协……); a list or a possessive has 、/和/的 between them
_TWO_BODIES_RE = re.compile(r"[省市县区]政协[省市县区]政协(?![委员会]|主席|常委|秘书|办公)")


def check(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    """Every check of this domain."""
    yield from check_levels(sentences, data)
    yield from check_two_bodies(sentences, data)


def check_levels(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    """各级政协组织 said of an office that has no 政协 below it (a county, district or county-level city)."""
    org = data.get("org") if isinstance(data, dict) else None
    if not isinstance(org, dict) or org.get("level") not in _LOWEST_LEVELS:
        return
    for s in sentences:
        if "各级政协组织" in s.text:
            yield s.finding("quality-claim", "县、区一级没有下级政协，不宜说“各级政协组织”")


def check_two_bodies(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    """Two 政协 run together as one subject (区政协市政协宣传信息工作在全市……)."""
    for s in sentences:
        m = _TWO_BODIES_RE.search(s.text)
        if m:
            yield s.finding("quality-subject", f"两个机构名连在一起作主语（“{m.group()}”）")
