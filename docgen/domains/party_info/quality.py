"""This domain's checks of the composed text, added to the text-seam checker (``DomainSpec.quality_rules``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.quality import Finding, Sentence

__all__ = ["check_counts"]

# 有9次信息: 次 counts a leader's instructions (occasions), never the pieces of information
_TIMES_OF_INFO = re.compile(r"[近约]?\d+(?:余|多)?[件人]?次(?:以上)?信息(?=获|被)")


def check_counts(sentences: list[Sentence], data: object) -> Iterator[Finding]:
    """A count of occasions (次, 件次) put before 信息 as if it counted pieces of information."""
    for s in sentences:
        m = _TIMES_OF_INFO.search(s.text)
        if m:
            yield s.finding("quality-doubled", f"“{m.group()}”：“次”计的是批示次数，不是信息条数")
