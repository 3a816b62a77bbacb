"""Warnings: every fact a user gives is used or warned about, and each warning is located in the facts file."""

from __future__ import annotations

import typing

import pytest
from helpers import dump, edit, line_of, minimal_speech

from docgen.api import compose_text
from docgen.domains.cppcc_publicity.model.closing import ClosingFamily
from docgen.draft import Notice

FAMILIES = [f for f in typing.get_args(ClosingFamily) if f != "exchange_humble"]
CLOSING_FACTS = {
    "addressees": "全市各级政协组织和广大委员",
    "local_goal": "建设山水相依的美丽澄阳",
    "local_theme": "团结奋进",
    "guiding_thought": "gt_2024_standard",
}


def _closing_text(draft_text: str) -> str:
    lines = draft_text.strip().splitlines()
    return lines[-1]


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("variant", ["a", "b"])
def test_every_closing_fact_is_used_or_warned_about(family: str, variant: str) -> None:
    data = edit(minimal_speech(), {"closing": {"family": family, **CLOSING_FACTS}})
    if family != "none":
        data["document"]["variants"] = {f"CLS-{family}": variant}
    draft = compose_text(dump(data))
    text = draft.text()
    closing = _closing_text(text) if family != "none" else ""
    warned = {n.path for n in draft.notices if n.code == "unused-fact" and n.path.startswith("closing.")}
    for name, value in CLOSING_FACTS.items():
        path = f"closing.{name}"
        used = ("新时代中国特色社会主义思想" if name == "guiding_thought" else value) in closing
        assert used != (path in warned), (family, variant, name, used, sorted(warned))
    if family == "none":
        assert warned == {f"closing.{name}" for name in CLOSING_FACTS}


def test_a_closing_that_uses_every_fact_given_gives_no_warning() -> None:
    facts = {k: v for k, v in CLOSING_FACTS.items() if k != "addressees"}
    data = edit(minimal_speech(), {"closing": {"family": "guided_by", **facts}})
    data["document"]["variants"] = {"CLS-guided_by": "a"}
    draft = compose_text(dump(data))
    assert [n for n in draft.notices if n.path.startswith("closing")] == []


def test_warnings_carry_the_file_line_and_column_of_their_fact() -> None:
    data = edit(minimal_speech(), {"closing": {"family": "confidence", "addressees": "全体委员"}})
    text = dump(data)
    draft = compose_text(text, file="speech.yaml")
    [notice] = [n for n in draft.notices if n.path == "closing.addressees"]
    assert (notice.file, notice.line, notice.col) == ("speech.yaml", line_of(text, "addressees: 全体委员"), 3)
    assert notice.format() == f"speech.yaml:{notice.line}:3: closing.addressees: {notice.message} [unused-fact]"


def test_the_warnings_list_is_one_counted_channel_others_append_to() -> None:
    """A checker appends a Notice with a data path; the API locates it like the composer's own."""
    from docgen.api import locate_notices
    from docgen.load import load_yaml_text

    text = dump(minimal_speech())
    loaded = load_yaml_text(text, "speech.yaml")
    located = locate_notices(
        [Notice("quality-x", "某句不通", "tasks.horizon"), Notice("quality-x", "某句不通", "tasks.horizon")], loaded
    )
    assert [(n.code, n.line) for n in located] == [("quality-x", line_of(text, "horizon:"))]
