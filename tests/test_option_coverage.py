"""Every option, every value: a fact the chosen shape of the document has no place for is warned about.

An option (``document.problems_placement: omit``, ``achievements.presentation: narrative``, an agenda item's
``type``, an honour's ``kind``, ``situation.style: none``…) changes which facts a document can say.  The fact
coverage tests check the files as written; this one sets each enumeration and boolean of each example of each
domain to each value the schema allows and checks the same promise: the draft says every fact it was given,
or a warning names it.  A value the cross-field rules refuse (a second problem of one code) must be refused
with a located Chinese message (``FactsError``), never an internal error.  ``benchmarks/option_sweep.py`` runs
the same sweep over the whole corpus.  Every variant must also read without a finding of the text-seam checker.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from docgen import registry
from docgen.api import compose_text, load_facts
from docgen.errors import FactsError
from docgen.quality.coverage import option_losses, uncovered
from docgen.schema import json_schema, option_fields

ROOT = Path(__file__).resolve().parent


def rules_module(domain: str) -> ModuleType:
    """The test module that holds a domain's option and reference leaves (SKIP) and its leaves printed as
    written (EXACT): its corpus test under tests/domains/<name>/, else the built-in fact coverage test."""
    own = sorted((ROOT / "domains" / domain).glob("test_*corpus.py"))
    path = own[0] if own else ROOT / "test_fact_coverage.py"
    spec = importlib.util.spec_from_file_location(f"_coverage_rules_{domain}", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))  # the module's own helpers sit beside it
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(path.parent))
    return mod


def sweep(domain: str, path: Path) -> tuple[int, list[str], list[str]]:
    """The option sweep of one facts file: variants composed, facts lost without a warning, and the checker's
    findings on every variant (an org level among them)."""
    rules = rules_module(domain)
    data = load_facts(path).model_dump(mode="json", exclude_none=True)
    findings: list[str] = []

    def compose_variant(variant: dict[str, Any]) -> tuple[str, list[str]] | None:
        try:
            draft = compose_text(json.dumps(variant, ensure_ascii=False), mode="final")
        except FactsError as exc:
            assert ":" in str(exc)  # refused with its located message: <facts>:LINE:COL
            return None
        # every variant, every org level: the composed wording is level-aware, and the user's own words wrong for
        # a level (各级政协 in a county) are a warning on that fact (level-wording), not a seam of ours
        findings.extend(f"[{n.code}] {n.message[:90]}" for n in draft.notices if n.code.startswith("quality-"))
        return draft.text(), [n.path for n in draft.notices if not n.code.startswith("quality-")]

    options = [
        (p, v)
        for p, v in option_fields(json_schema(domain), data)
        if p[:2] not in (("document", "kind"), ("document", "mode"))
    ]
    tried, lost = option_losses(data, options, compose_variant, skip=rules.SKIP, exact=rules.EXACT)
    return tried, lost, findings


def _examples(domain: str) -> list[Path]:
    return sorted((ROOT.parent / "docgen" / "domains" / domain / "examples").glob("*.yaml"))


CASES = [(d.name, p) for d in registry.domains() for p in _examples(d.name)]


@pytest.mark.parametrize(("domain", "path"), CASES, ids=lambda x: x.stem if isinstance(x, Path) else x)
def test_every_value_of_every_option_says_each_fact_or_warns(domain: str, path: Path) -> None:
    tried, lost, findings = sweep(domain, path)
    assert tried > 5, "the example has options to vary"
    assert lost == []
    assert findings == []  # and reads without a seam the checker knows


def test_the_sweep_finds_a_fact_an_option_drops_silently() -> None:
    """The sweep itself can fail: a composer that ignores a field under some option is reported."""
    data = {"a": {"style": "full", "text": "委员履职故事"}}
    options = [(("a", "style"), ["full", "none"])]

    def compose(variant: dict[str, Any]) -> tuple[str, list[str]]:
        a = variant["a"]
        return ("委员履职故事。" if a["style"] == "full" else "", [])

    tried, lost = option_losses(data, options, compose)
    assert tried == 1
    assert lost == ["a.style=none: a.text=委员履职故事"]
    tried, lost = option_losses(data, options, lambda v: ("", ["a"]))
    assert (tried, lost) == (1, [])  # warned about: not lost
    assert uncovered(data, "委员履职故事。") == []
