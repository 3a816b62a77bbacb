"""The memo of template programs (docgen/tplcache.py): a second process renders the variants it has met without
Jinja's parser; the memo is data whose shape is checked, and a file of another shape is ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docgen import tplcache
from docgen.fragtypes import _LazyTemplate, _make_env

CITY = Path(__file__).resolve().parent.parent / "docgen/domains/cppcc_publicity/examples/city_leadership_speech.yaml"

COUNT_PARSES = """
import sys
from jinja2 import Environment
calls = []
real = Environment._parse
def counting(self, *a, **k):
    calls.append(1)
    return real(self, *a, **k)
Environment._parse = counting
from docgen.api import compose_file, render_draft
render_draft(compose_file(sys.argv[1]), "docx")
print(len(calls))
"""


def _parses(cache: Path) -> int:
    env = {**os.environ, "DOCGEN_CACHE_DIR": str(cache)}
    env.pop("DOCGEN_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", COUNT_PARSES, str(CITY)], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def test_a_second_process_does_not_parse_the_variants_again(tmp_path: Path) -> None:
    first = _parses(tmp_path)
    assert list(tmp_path.glob("template-programs-*.json"))
    second = _parses(tmp_path)
    assert first > 100 and second <= 5, (first, second)


@pytest.fixture
def memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DOCGEN_NO_CACHE", raising=False)
    monkeypatch.setattr(tplcache, "_STATE", {})
    return tmp_path


TEXT = "{% if a %}有{{ a }}{% elif not b %}无{% else %}{{ b }}{% endif %}。"


def test_a_remembered_program_renders_as_jinja_does(memo: Path) -> None:
    env = _make_env()
    first = _LazyTemplate(env, TEXT)
    cases: list[dict[str, object]] = [{"a": "甲", "b": "乙"}, {"a": "", "b": ""}, {"a": "", "b": "乙"}]
    assert [first.render(c) for c in cases] == ["有甲。", "无。", "乙。"]
    tplcache._save()
    (path,) = memo.glob("template-programs-*.json")
    stored = json.loads(path.read_text(encoding="utf-8"))["data"][TEXT]
    assert tplcache.is_program(stored)
    tplcache._STATE.clear()  # a new process
    again = _LazyTemplate(env, TEXT)
    assert [again.render(c) for c in cases] == [env.from_string(TEXT).render(c) for c in cases]
    assert again._program == stored


@pytest.mark.parametrize(
    "data",
    [
        {TEXT: [["x", "a"]]},
        {TEXT: [["s"]]},
        {TEXT: [["if", [], []]]},
        {TEXT: [["if", [[["n", 1], []]], []]]},
        {TEXT: [["if", [[["eval", "a"], []]], []]]},
        {TEXT: "{{ a }}"},
        [TEXT],
    ],
    ids=["unknown-step", "slot-without-name", "if-without-branch", "test-not-text", "unknown-test", "text", "list"],
)
def test_a_memo_of_another_shape_is_ignored(memo: Path, data: object) -> None:
    path = tplcache._file()
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": tplcache._FORMAT, "data": data}), encoding="utf-8")
    assert tplcache.lookup(TEXT) is tplcache.MISSING
    assert _LazyTemplate(_make_env(), TEXT).render({"a": "甲", "b": ""}) == "有甲。"
