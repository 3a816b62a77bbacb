"""This domain's checks of the composed text, added to the text-seam checker (``DomainSpec.quality_rules``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.quality import Finding, Sentence

__all__ = ["LEVEL_WORDING", "check", "check_levels", "check_two_bodies"]

_LOWEST_LEVELS = frozenset({"county", "district", "county_city"})
# one 政协 named right after another as if both were the subject (区政协市政协宣传信息工作……位居第二位): the
# second belongs in its own phrase (在市政协……考核中，区政协……); a list or a possessive has 、/和/的 between them
_TWO_BODIES_RE = re.compile(r"[省市县区]政协[省市县区]政协(?![委员会]|主席|常委|秘书|办公)")


#: 各级政协(组织), 各级政协主要领导…: said of an office with no 政协 below it
_EACH_LEVEL_RE = re.compile("各级政协")
#: the warning on a user's own fact that says it (not a seam of ours: the writer's words, said as written)
LEVEL_WORDING = "level-wording"
_TRAILING = "。；;，,、 \t\u3000"


def check(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    """Every check of this domain."""
    yield from check_levels(sentences, data)
    yield from check_two_bodies(sentences, data)


def _user_strings(data: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of every string of the facts that says 各级政协."""
    if isinstance(data, str):
        if _EACH_LEVEL_RE.search(data):
            yield path, data.strip().rstrip(_TRAILING)  # as the text says it (normalised: no final 。)
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _user_strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _user_strings(v, f"{path}[{i}]")


def check_levels(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    """各级政协(组织) said of an office that has no 政协 below it (a county, district or county-level city).

    Composed text (our frames) is a seam, ``quality-claim``; the words of a user's own fact said as written
    (closing.addressees: 全县各级政协组织和广大政协委员) are the writer's: a ``level-wording`` warning on that
    fact, once, asking to reword it."""
    org = data.get("org") if isinstance(data, dict) else None
    if not isinstance(org, dict) or org.get("level") not in _LOWEST_LEVELS:
        return
    users = sorted(_user_strings(data), key=lambda pt: -len(pt[1]))
    warned: set[str] = set()
    for s in sentences:
        if not _EACH_LEVEL_RE.search(s.text):
            continue
        ours = s.text
        for path, text in users:
            if text in ours:
                ours = ours.replace(text, "")
                if path not in warned:
                    warned.add(path)
                    yield Finding(
                        LEVEL_WORDING,
                        f"县、区一级没有下级政协，事实“{text}”说“各级政协”，宜改写（如“全县政协系统”“县政协各专委会”）",
                        s.text,
                        (path,),
                        s.unit.block,
                    )
        if _EACH_LEVEL_RE.search(ours):
            yield s.finding("quality-claim", "县、区一级没有下级政协，不宜说“各级政协”")


def check_two_bodies(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    """Two 政协 run together as one subject (区政协市政协宣传信息工作在全市……)."""
    for s in sentences:
        m = _TWO_BODIES_RE.search(s.text)
        if m:
            yield s.finding("quality-subject", f"两个机构名连在一起作主语（“{m.group()}”）")
