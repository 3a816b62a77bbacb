"""Inline facts of the 党政信息工作 domain for its tests: a minimal speech and summary, validation through the
public API (every check, the fragment library's included)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from docgen.api import validate_facts
from docgen.domains.party_info.model.facts import Facts
from docgen.errors import FactsError, Problem
from docgen.load import load_yaml_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PACKAGE = ROOT / "docgen" / "domains" / "party_info"
EXAMPLES = sorted((PACKAGE / "examples").glob("*.yaml"))
CORPUS = sorted((HERE / "corpus").glob("*.yaml"))
KINDS = ("info_leadership_speech", "info_work_summary")


def minimal_speech() -> dict[str, Any]:
    """A small valid 信息工作会议讲话 (invented place) that the rule tests start from."""
    return {
        "schema_version": "0.1",
        "document": {
            "id": "t-info-speech",
            "kind": "info_leadership_speech",
            "date": dt.date(2025, 12, 10),
            "speaker": {"role": "县委常委、县委办公室主任"},
            "salutation": "同志们",
        },
        "org": {"short_name": "县委办公室", "level": "county", "place": "青禾"},
        "period": {"kind": "year_to_date", "start": dt.date(2025, 1, 1), "end": dt.date(2025, 11, 30)},
        "results": {
            "submitted": {"count": 500, "unit": "条"},
            "adopted": [{"by": "市委", "count": 40}],
        },
        "tasks": {"horizon": "2026年", "sections": [{"theme": "accurate"}, {"theme": "emergency"}]},
    }


def minimal_summary() -> dict[str, Any]:
    data = minimal_speech()
    data["document"] = {"id": "t-info-summary", "kind": "info_work_summary", "date": dt.date(2026, 1, 6)}
    data["period"] = {"kind": "calendar_year", "start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}
    return data


def validate_text(text: str, file: str = "facts.yaml") -> Facts:
    facts = validate_facts(load_yaml_text(text, file))
    assert isinstance(facts, Facts)
    return facts


def problems_of(text: str, file: str = "facts.yaml") -> list[Problem]:
    with pytest.raises(FactsError) as caught:
        validate_text(text, file)
    return caught.value.problems
