"""Every line the command line shows is Chinese: click's own usage errors and help headings included
(issue 16, item 7: no English message)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from docgen.cli import main

ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Show the version",
    "Error:",
    "Try '",
    "Missing",
    "Invalid value",
    "No such",
    "is not one of",
    "is a directory",
    "does not exist",
    "requires an argument",
    "unexpected extra",
    "not in the range",
    "[required]",
    "[default:",
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            out += _commands(command, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


@pytest.mark.parametrize("command", _commands(main), ids=lambda c: " ".join(c) or "docgen")
def test_every_help_page_has_no_english_of_clicks_own(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert [w for w in ENGLISH if w in result.output] == [], result.output


@pytest.mark.parametrize(
    "args",
    [
        ("render",),  # missing argument
        ("render", "{facts}", "--bogus"),  # no such option
        ("render", "{facts}", "--format", "xyz"),  # not a choice
        ("render", "{facts}", "-o", "{dir}"),  # a directory where a file is wanted
        ("render", "{facts}", "-o"),  # an option without its value
        ("validate", "{dir}"),
        ("validate", "{facts}", "--format", "yaml"),
        ("batch", "{facts}", "-o", "{dir}", "-j", "99"),  # out of range
        ("kinds", "extra"),  # an extra argument
        ("nosuch",),  # no such command
        ("init",),
        ("diff", "{facts}"),
    ],
    ids=lambda a: " ".join(a),
)
def test_usage_errors_are_chinese_with_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    facts = tmp_path / "事实.yaml"
    facts.write_text("a: 1\n", encoding="utf-8")
    result = run(*(a.replace("{facts}", str(facts)).replace("{dir}", str(tmp_path)) for a in args))
    assert result.exit_code == 2, result.output
    assert "错误：" in result.output
    assert [w for w in ENGLISH if w in result.output] == [], result.output
