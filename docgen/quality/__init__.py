"""The text-seam checker: every composed :class:`~docgen.draft.Draft` is read back for the seams a reader
would mark by hand (repeated sentences and boilerplate, doubled words, counts and years, lists of one, 要
before a clause with its own subject, stub clauses, nested 顿号 lists, dangling punctuation, neighbouring
paragraphs with the same opening, repeated discourse markers, placeholders, claims the data does not make).

:func:`check_draft` returns :class:`Finding` objects; :func:`notices` turns them into the counted warnings
every render reports (``render --strict`` fails on them).  Pure functions over the draft's text: the checker
knows Chinese punctuation and grammar, never the vocabulary of a domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docgen.draft import Draft, Notice
from docgen.quality.findings import CODES, Finding
from docgen.quality.rules import QualityRule, check_text
from docgen.quality.units import Sentence, units_of

__all__ = ["CODES", "Finding", "QualityRule", "Sentence", "check_draft", "notices"]


def check_draft(
    draft: Draft, *, mode: str = "final", data: object = None, rules: Sequence[QualityRule] = ()
) -> list[Finding]:
    """Every seam in ``draft``, in document order.

    ``mode`` is the document's mode: in ``final`` a 〔待补：…〕 marker is a placeholder too.  ``data`` (optional) is the facts as a plain mapping (``Facts.model_dump()``); with it the checker also
    finds user list items that carry their own 、 joined into a 、-list, and tells legitimate qualifiers that
    come from the data from invented ones.  ``rules`` are the checks the document's domain adds
    (``DomainSpec.quality_rules``; :func:`docgen.api.quality_rules` loads them for a facts object): the checker
    itself knows no domain's words.
    """
    return check_text(units_of(draft), final=mode != "draft", data=data, rules=rules)


def notices(findings: Iterable[Finding]) -> list[Notice]:
    """The findings as counted warnings (code, message with the sentence, data paths)."""
    return [f.notice() for f in findings]
