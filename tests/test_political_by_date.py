"""Political wording follows the document's date: the newest approved fragment valid on that date is used,
hash variants only among fragments equally recent; a date past the library's political horizon warns."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import dump, edit, minimal_speech

from docgen.compose import compose
from docgen.fragments import FragmentLibrary, newest
from docgen.load import load_yaml_text
from docgen.model.validate import validate_loaded


def _speech(on: dt.date, pc: str | None, doc_id: str = "t-speech") -> str:
    changes: dict[str, object] = {
        "document.id": doc_id,
        "document.date": on,
        "period.start": dt.date(on.year, 1, 1),
        "period.end": dt.date(on.year, on.month, 1) - dt.timedelta(days=1),
        "tasks.horizon": f"{on.year + 1}年",
    }
    if pc is not None:
        changes["situation.political_context"] = pc
    draft = compose(validate_loaded(load_yaml_text(dump(edit(minimal_speech(), changes)), "facts.yaml")))
    return draft.text() + "\n".join(f"[{n.code}] {n.message}" for n in draft.notices)


@pytest.mark.parametrize("doc_id", [f"speech-{i}" for i in range(8)])
def test_a_december_2025_speech_names_the_fourth_plenary_held_in_october(doc_id: str) -> None:
    text = _speech(dt.date(2025, 12, 5), "pc_2025_standard", doc_id)
    assert "二十届四中全会" in text
    assert "political-review" not in text


def test_an_early_2025_speech_cannot_name_a_plenary_not_yet_held() -> None:
    texts = {_speech(dt.date(2025, 3, 10), "pc_2025_standard", f"s-{i}") for i in range(8)}
    assert not any("四中全会" in t for t in texts)
    assert len(texts) > 1  # equally valid wordings still vary by document


def test_only_the_newest_variants_are_candidates() -> None:
    lib = FragmentLibrary.load()
    dec = newest(lib.eligible("pc_2025_standard", on=dt.date(2025, 12, 5)))
    assert [v.valid_from for v in dec] == [dt.date(2025, 10, 24)]
    mar = newest(lib.eligible("pc_2025_standard", on=dt.date(2025, 3, 10)))
    assert len(mar) >= 2 and len({v.valid_from for v in mar}) == 1


def test_a_date_past_the_newest_political_fragment_asks_for_review() -> None:
    lib = FragmentLibrary.load()
    horizon = lib.political_horizon()
    assert horizon is not None
    late = horizon + dt.timedelta(days=40)
    text = _speech(late, None)
    assert "[political-review]" in text
    assert f"至{horizon.year}年{horizon.month}月{horizon.day}日" in text
    assert "[political-review]" not in _speech(dt.date(2025, 12, 5), "pc_2025_standard")
