"""A stored render is addressed by the hash of facts + template + docgen version + options (issue 13): the same
inputs give the same address (a repeated render is a lookup); changing any one of them gives a new address."""

from __future__ import annotations

import dataclasses

import pytest

from docgen.service import rendering
from docgen.service.rendering import Options, render_key


def test_the_same_inputs_have_one_address() -> None:
    assert render_key("f" * 64, "t" * 64, Options()) == render_key("f" * 64, "t" * 64, Options())


def test_facts_template_version_and_each_option_change_the_address(monkeypatch: pytest.MonkeyPatch) -> None:
    base = render_key("f" * 64, "", Options())
    seen = {base}
    for key in (render_key("e" * 64, "", Options()), render_key("f" * 64, "t" * 64, Options())):
        assert key not in seen
        seen.add(key)
    changed = {"fmt": "pdf", "mode": "draft", "font_profile": "windows", "bold_leads": True, "page_numbers": "none"}
    for name in (f.name for f in dataclasses.fields(Options)):
        key = render_key("f" * 64, "", dataclasses.replace(Options(), **{name: changed[name]}))
        assert key not in seen, name
        seen.add(key)
    monkeypatch.setattr(rendering, "docgen_version", lambda: "99.0")
    assert render_key("f" * 64, "", Options()) not in seen
