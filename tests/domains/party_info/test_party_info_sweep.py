"""Thinned versions of every 党政信息工作 example and corpus file still read cleanly: each optional block left out
in turn, and every list cut to its first item (groups of one), compose in both modes with no finding of the
text-seam checker and no placeholder in the final text."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import dump
from pi_helpers import CORPUS, EXAMPLES

from docgen.api import compose_text
from docgen.errors import FactsError
from docgen.load import load_yaml
from docgen.zh import find_placeholders

FILES = EXAMPLES + CORPUS
BLOCKS = ("period", "meeting", "results", "problems", "situation", "tasks", "closing", "summary")


def _firsts(node: Any) -> Any:
    """Every list cut to its first item."""
    if isinstance(node, dict):
        return {k: _firsts(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_firsts(v) for v in node[:1]]
    return node


def _variants(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "groups-of-one", _firsts(data)
    for block in BLOCKS:
        if block in data:
            out = copy.deepcopy(data)
            del out[block]
            yield f"without-{block}", out
    results = data.get("results") or {}
    for sub in results:
        out = copy.deepcopy(data)
        del out["results"][sub]
        if out["results"]:
            yield f"without-results.{sub}", out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_thinned_files_read_cleanly(path: Path) -> None:
    data = load_yaml(path).data
    checked = 0
    for name, variant in _variants(data):
        text = dump(variant)
        for mode in ("final", "draft"):
            try:
                draft = compose_text(text, file=f"{path.stem}-{name}.yaml", mode=mode)  # type: ignore[arg-type]
            except FactsError as exc:  # a kind that requires the block: refused with a located reason
                assert all(p.code in ("kind-requires",) for p in exc.problems), (name, [p.format() for p in exc.problems])
                continue
            findings = [n.format() for n in draft.notices if n.code.startswith("quality-")]
            assert findings == [], (name, mode, findings)
            if mode == "final":
                assert find_placeholders(draft.text()) == [] and "〔待补" not in draft.text(), name
            checked += 1
    assert checked >= 4
