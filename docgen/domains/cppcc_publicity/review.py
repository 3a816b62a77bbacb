"""What the review checker (``docgen check``) needs to know of this domain: the comparisons its facts hold."""

from __future__ import annotations

from collections.abc import Iterator

from docgen.domains.cppcc_publicity.model.facts import Facts
from docgen.domains.cppcc_publicity.model.rules import comparison_value

__all__ = ["comparisons"]

Loc = tuple[str | int, ...]


def comparisons(facts: Facts) -> Iterator[tuple[Loc, int, int]]:
    """(path, current, previous) of each ``achievements.comparisons`` item whose numbers are whole (a decimal
    statistic is checked as written, not recomputed)."""
    a = facts.achievements
    if a is not None:
        for i, c in enumerate(a.comparisons):
            cur = comparison_value(a, c.ref)
            if isinstance(cur, int) and isinstance(c.previous, int):
                yield ("achievements", "comparisons", i), cur, c.previous
