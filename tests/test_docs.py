"""Docs cannot drift: every problem code, kind and CLI command is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from click import Group
from kindlists import ALL_KINDS

from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SOURCES = ["docgen/load.py", "docgen/domains/cppcc_publicity/model/rules.py", "docgen/model/validate.py", "docgen/api.py"]


def _codes() -> set[str]:
    codes = {"placeholder", "not-utf8"}
    for rel in SOURCES:
        codes |= set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', (ROOT / rel).read_text(encoding="utf-8")))
    return codes


def test_every_problem_code_is_documented() -> None:
    missing = sorted(c for c in _codes() if f"`{c}`" not in README)
    assert missing == []


def test_every_cli_command_is_documented() -> None:
    assert isinstance(main, Group)
    missing = [name for name in main.commands if f"docgen {name}" not in README]
    assert missing == []


def test_every_kind_is_named_in_the_cli_help() -> None:
    from click.testing import CliRunner

    out = CliRunner().invoke(main, ["kinds"]).output
    assert all(k in out for k in ALL_KINDS)
