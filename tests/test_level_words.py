"""Level-aware wording is a mechanism (issue 11): words whose right form depends on the office's level (各级政协组织,
各级政协主要领导, 上下贯通, 兄弟市县, 各乡镇政协) reach the text only through the level slots a domain's Ctx offers to
every fragment (``Ctx.level_slots``), so a county, a district or a county-level city — which have no 政协 below
them — is never told 各级, and a province is not compared with 兄弟市县.  Every variant of every family that uses a
level slot is rendered at every level; the library itself may not write the words; the user's own 各级 in a
county is a warning on the user's fact (``level-wording``), not a seam of ours (``quality-claim``)."""

from __future__ import annotations

import json
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from docgen.api import compose_text, load_facts
from docgen.domains.cppcc_publicity.compose.context import LEVEL_WORDS, LOWEST_LEVELS, Ctx
from docgen.domains.cppcc_publicity.quality import LEVEL_WORDING
from docgen.fragments import FragmentLibrary
from docgen.model.org import Level

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml"
LEVELS: tuple[str, ...] = typing.get_args(Level)
LIB = FragmentLibrary.load(domain="cppcc_publicity")
LEVEL_SLOTS = ("all_bodies", "each_level", "linked", "peers")
SHORT = {"province": "省政协", "city": "市政协", "county": "县政协", "district": "区政协", "county_city": "市政协"}


def _facts(level: str, **org: Any) -> Any:
    data = load_facts(EXAMPLE).model_dump(mode="json", exclude_none=True)
    data["org"].update({"level": level, "short_name": SHORT[level], **org})
    data["org"].pop("scope", None)
    data["org"].pop("self_ref", None)
    return load_facts_text(data)


def load_facts_text(data: dict[str, Any]) -> Any:
    from docgen.api import validate_facts
    from docgen.fastload import load_fast_text

    return validate_facts(load_fast_text(json.dumps(data, ensure_ascii=False), "<facts>"))


def _level_families() -> list[tuple[str, str]]:
    return [
        (fam.id, v.id)
        for fam in LIB.families()
        for v in fam.variants
        if LIB.slots_of(fam.id, v.id) & set(LEVEL_SLOTS)
    ]


def test_the_library_says_no_level_word_itself() -> None:
    """A fragment that wants 各级政协组织 says {{ all_bodies }}: the words are the level slots' to choose."""
    said = [
        (fam.id, v.id, w) for fam in LIB.families() for v in fam.variants for w in LEVEL_WORDS if w in v.text
    ]
    assert said == []
    assert len(_level_families()) >= 8  # the slots are used (各级政协组织, 各级政协主要领导, 上下贯通, 兄弟市县)


@pytest.mark.parametrize("level", LEVELS)
def test_every_level_slot_variant_fits_every_level(level: str) -> None:
    ctx = Ctx(_facts(level), LIB)
    for fid, vid in _level_families():
        slots = {k: "某" for k in LIB.family(fid).needs if k not in LEVEL_SLOTS}
        slots.update(scope=ctx.scope, ours=ctx.ours, period="今年以来")
        text = ctx._render(fid, slots, vid)
        if level in LOWEST_LEVELS:
            assert "各级政协" not in text and "上下贯通" not in text, (fid, vid, text)
            assert ctx.scope in text or ctx.org in text or "内外联动" in text or "兄弟" in text, (fid, vid, text)
        else:
            assert "政协系统" not in text or "各级" in text or fid == "ACH-intro-domain", (fid, vid, text)
        if level == "province":
            assert "兄弟市县" not in text, (fid, vid, text)


@pytest.mark.parametrize("level", LEVELS)
def test_a_speech_at_every_level_reads_without_a_level_seam(level: str) -> None:
    """The example speech composed at each level (each variant of the level families chosen in turn)."""
    data = load_facts(EXAMPLE).model_dump(mode="json", exclude_none=True)
    data["org"].update({"level": level, "short_name": SHORT[level]})
    for k in ("scope", "self_ref", "subunits_label"):
        data["org"].pop(k, None)
    data.get("closing", {}).pop("addressees", None)  # the user's words: see the test below
    for vid in ("a", "b", "c"):
        data["document"]["variants"] = {
            fid: vid for fid, v in _level_families() if v == vid and fid.startswith(("TSK-", "ACH-intro", "PRB-"))
        }
        try:
            draft = compose_text(json.dumps(data, ensure_ascii=False), mode="final")
        except Exception as exc:  # a variant a kind does not compose (a family the speech does not use) is fine
            pytest.fail(f"{level} {vid}: {exc}")
        claims = [n.message for n in draft.notices if n.code.startswith("quality-")]
        assert claims == [], (level, vid)
        if level in LOWEST_LEVELS:
            assert "各级政协" not in draft.text()


def test_units_below_a_county_are_not_said_to_be_a_cppcc() -> None:
    assert Ctx(_facts("city"), LIB).sub_bodies("各县（市、区）") == "各县（市、区）政协"
    assert Ctx(_facts("city"), LIB).sub_bodies("各县（市、区）政协") == "各县（市、区）政协"
    for level in sorted(LOWEST_LEVELS):
        assert Ctx(_facts(level), LIB).sub_bodies("各乡镇（街道）") == "各乡镇（街道）"


@pytest.mark.parametrize(
    ("addressees", "warned"),
    [
        ("全县各级政协组织和广大政协委员", True),
        ("全县各级政协组织和广大政协委员。", True),  # the clerk's full stop: the text says it without
        ("县政协各专委会和广大政协委员", False),
    ],
)
def test_a_users_each_level_in_a_county_is_a_warning_on_the_fact(addressees: str, warned: bool) -> None:
    """The user's words said as written are the user's: a level-wording warning on closing.addressees, no
    quality finding; our own frames never say 各级 at that level."""
    data = load_facts(EXAMPLE).model_dump(mode="json", exclude_none=True)
    data["org"].update({"level": "county", "short_name": "县政协"})
    data["org"].pop("subunits_label", None)
    data["closing"] = {"family": "hope_contribution", "addressees": addressees}
    draft = compose_text(json.dumps(data, ensure_ascii=False), mode="final")
    assert [n for n in draft.notices if n.code.startswith("quality-")] == []
    level = [n for n in draft.notices if n.code == LEVEL_WORDING]
    assert [n.path for n in level] == (["closing.addressees"] if warned else [])
    assert addressees.rstrip("。") in draft.text()  # said as written: only warned about


def test_the_checker_still_finds_each_level_in_composed_text_of_a_county() -> None:
    from docgen.domains.cppcc_publicity.quality import check_levels
    from docgen.draft import Draft, DraftMeta, Paragraph, Segment
    from docgen.quality.units import units_of

    draft = Draft(DraftMeta("t", "leadership_speech", "t", date(2024, 1, 1)))
    draft.blocks.append(Paragraph((Segment("希望全县各级政协组织和委员继续努力。", "text", ()),)))
    draft.blocks.append(Paragraph((Segment("各级政协主要领导要亲自过问。", "text", ()),)))
    sentences = [s for u in units_of(draft) for s in u.sentences()]
    data = {"org": {"level": "district"}, "closing": {"addressees": "全县各级政协组织和委员"}}
    found = [(f.code, f.paths) for f in check_levels(sentences, data)]
    assert found == [(LEVEL_WORDING, ("closing.addressees",)), ("quality-claim", ())]
    assert list(check_levels(sentences, {"org": {"level": "city"}})) == []
