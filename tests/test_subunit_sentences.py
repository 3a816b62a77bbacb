"""The units below said once as a subject (issue 11): what the units below did (their count of reports, their own
programmes with local media) is one sentence when the two facts are told side by side — never two sentences in a
row that open with the same subject (各乡镇（街道）政协工作联络组……刊发稿件60篇。各乡镇（街道）政协也……) — and the
units below a county are not called 政协 (各乡镇（街道）也……, not 各乡镇（街道）政协也……)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from docgen.api import compose_text, load_facts

EXAMPLE = Path(__file__).resolve().parent.parent / "docgen/domains/cppcc_publicity/examples/city_leadership_speech.yaml"


def _compose(level: str, label: str, media: dict[str, Any]) -> tuple[str, list[str]]:
    data = load_facts(EXAMPLE).model_dump(mode="json", exclude_none=True)
    data["org"].update({"level": level, "short_name": "县政协" if level == "county" else "市政协", "subunits_label": label})
    data["org"].pop("scope", None)
    data["org"].pop("self_ref", None)
    data["achievements"]["media"] = media
    data.get("closing", {}).pop("addressees", None)
    draft = compose_text(json.dumps(data, ensure_ascii=False), mode="final")
    return draft.text(), [f"{n.code} {n.message}" for n in draft.notices if n.code.startswith("quality-")]


MEDIA_TOTAL = {"total": {"value": 120, "approx": "多"}}


@pytest.mark.parametrize(
    ("level", "label", "by"),
    [
        ("county", "各乡镇（街道）", "各乡镇（街道）政协工作联络组等12个单位"),
        ("county", "各镇", "各镇委员工作室"),
        ("city", "各县（市、区）", "各县（市、区）政协"),
    ],
)
def test_the_units_below_and_their_programmes_are_one_sentence(level: str, label: str, by: str) -> None:
    media = {**MEDIA_TOTAL, "subunit_total": {"value": 60, "by": by}, "subunit_programmes": True}
    text, seams = _compose(level, label, media)
    assert seams == []
    sentence = next(s for s in re.split("(?<=[。！？])", text) if by in s)
    assert "专题" in sentence  # the programmes join the units' own sentence
    assert text.count(label) == 1 or label in by  # the subject said once
    assert f"。{label}" not in text.split(by, 1)[1][:40]


@pytest.mark.parametrize(("level", "label", "said"), [("county", "各乡镇（街道）", "各乡镇（街道）也"), ("city", "各县（市、区）", "各县（市、区）政协也")])
def test_the_units_below_a_county_are_not_a_cppcc(level: str, label: str, said: str) -> None:
    media = {**MEDIA_TOTAL, "programmes": [{"name": "协商面对面", "partner": "cytv", "medium": "tv"}], "subunit_programmes": True}
    text, seams = _compose(level, label, media)
    assert seams == []
    assert said in text
    if level == "county":
        assert f"{label}政协" not in text
