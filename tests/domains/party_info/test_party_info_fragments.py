"""The 党政信息工作 wording library: loads, every sentence family has at least three variants, political wording is
dated, approved and chosen by the document date (the newest valid wording wins; a date past the library's
horizon is flagged for review), and no sentence of the seeds is copied."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from helpers import dump, edit
from pi_helpers import minimal_speech, problems_of

from docgen.api import compose_text
from docgen.fragments import FragmentLibrary

LIB = FragmentLibrary.load(domain="party_info")
#: clause-level families (an agenda item inside “刚才，……”) may have fewer wordings than a sentence
CLAUSES = re.compile(r"^OPN-agenda-")
SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "seeds"


def test_every_sentence_family_has_three_variants() -> None:
    thin = [f.id for f in LIB.families() if not f.political and not CLAUSES.match(f.id) and len(f.variants) < 3]
    assert thin == []


def test_political_families_are_dated_and_approved() -> None:
    political = [f for f in LIB.families() if f.political]
    assert {f.id for f in political} >= {f"pi_{k}_{y}" for k in ("pc", "gt") for y in range(2023, 2027)}
    for f in political:
        for v in f.variants:
            assert v.approved and v.approved_by and v.valid_from and v.valid_to, (f.id, v.id)
            assert v.valid_from.year == v.valid_to.year == int(f.id[-4:])


def _speech_on(day: dt.date) -> str:
    data = edit(
        minimal_speech(),
        {
            "document.date": day,
            "period.end": dt.date(day.year, 1, 31) if day.month > 1 else day,
            "period.start": dt.date(day.year, 1, 1),
            "tasks.horizon": f"{day.year + 1}年",
            "situation": {"political_context": f"pi_pc_{day.year}"},
        },
    )
    return compose_text(dump(data)).text()


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (dt.date(2024, 7, 10), False),
        (dt.date(2024, 7, 19), True),  # the day after the Third Plenary Session closed
        (dt.date(2025, 10, 23), False),
        (dt.date(2025, 10, 24), True),  # the day after the Fourth Plenary Session closed
    ],
)
def test_the_newest_political_wording_valid_on_the_date_is_chosen(day: dt.date, said: bool) -> None:
    plenum = "三中全会" if day.year == 2024 else "四中全会"
    assert (plenum in _speech_on(day)) == said


def test_political_wording_outside_its_year_is_refused_with_the_valid_ids() -> None:
    data = edit(minimal_speech(), {"situation": {"political_context": "pi_pc_2024"}})
    problems = [p for p in problems_of(dump(data)) if p.code == "political-invalid"]
    assert problems and "pi_pc_2025" in problems[0].message


def test_a_date_past_the_library_asks_for_review() -> None:
    data = edit(
        minimal_speech(),
        {"document.date": dt.date(2027, 3, 1), "period.start": dt.date(2027, 1, 1), "period.end": dt.date(2027, 2, 28),
         "tasks.horizon": "2027年"},
    )
    draft = compose_text(dump(data))
    assert any(n.code == "political-review" for n in draft.notices)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are beside the repository only on a developer's machine")
def test_no_fragment_copies_a_seed_sentence() -> None:
    seeds = "".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    seeds = re.sub(r"\s", "", seeds).replace(",", "，").replace(";", "；").replace(":", "：")
    copied = []
    for f in LIB.families():
        if f.id.startswith("pi_gt_"):  # the fixed formula of the guiding thought is a name, not a sentence
            continue
        for v in f.variants:
            for piece in re.split(r"[。！？；：]", re.sub(r"\{[{%][^}]*[}%]\}", "|", v.text)):
                for part in piece.split("|"):
                    if len(re.findall(r"[\u4e00-\u9fff]", part)) >= 14 and part in seeds:
                        copied.append((f.id, v.id, part))
    assert copied == []
