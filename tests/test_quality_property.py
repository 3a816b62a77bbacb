"""Property: whatever the facts look like, the composed text has no seams.

Facts files (the examples, and tests/corpus when present) are perturbed by hypothesis through
:mod:`fuzzfacts` — blocks dropped, lists of 1 to 6 user phrases, phrases as verb phrase / noun phrase / clause,
counts with and without 约数, groups of one — and each generated document is composed in both modes and read
back by the checker for every finding code.  The run is split into shards, each its own derandomized sequence
of ``DOCUMENTS`` valid documents, so the suite reads ``SHARDS * DOCUMENTS`` generated documents (a finding of
any code in any of them fails, with its code and sentence).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, TypeVar

import pytest
from fuzzfacts import perturb, sources
from helpers import dump
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from docgen.api import compose_loaded
from docgen.errors import FactsError
from docgen.load import load_yaml_text

T = TypeVar("T")
DOCUMENTS = 300  # valid generated documents per shard (each composed in both modes)
SOURCES = sources()


class DataChooser:
    """Every decision drawn from hypothesis, so a failing document shrinks to the decisions that matter."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, lo: int, hi: int) -> int:
        return self.data.draw(st.integers(lo, hi))

    def pick(self, options: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(options))


@functools.lru_cache(maxsize=2048)
def _findings(text: str) -> tuple[tuple[str, str, str], ...] | None:
    """(mode, code, sentence) of every quality finding of both modes; None when the facts are invalid."""
    out: list[tuple[str, str, str]] = []
    try:
        for mode in ("final", "draft"):
            draft = compose_loaded(load_yaml_text(text, "generated.yaml"), mode=mode)  # type: ignore[arg-type]
            out.extend((mode, n.code, n.message) for n in draft.notices if n.code.startswith("quality-"))
    except FactsError:
        return None
    return tuple(out)


SHARDS = 8  # independent runs (pytest gives each parametrisation its own derandomized sequence)


@pytest.mark.parametrize("shard", range(SHARDS))
@settings(
    max_examples=DOCUMENTS,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_generated_documents_have_no_seams(shard: int, data: st.DataObject) -> None:
    name, facts = data.draw(st.sampled_from(SOURCES))
    generated: dict[str, Any] = perturb(facts, DataChooser(data))
    findings = _findings(dump(generated))
    assume(findings is not None)
    assert findings is not None
    seams = [f"[{mode}] [{code}] {sentence}" for mode, code, sentence in findings]
    assert not seams, f"{name} perturbed (shard {shard}): {seams}"
