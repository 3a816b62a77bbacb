"""The libyaml fast path reads exactly what the positioned loader reads, and leaves every file with anything
unusual — and every file with a problem — to it, so messages and positions are the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docgen.errors import FactsError
from docgen.fastload import _LazySource, load_fast, load_fast_text
from docgen.load import load_yaml, load_yaml_text

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted([*(ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples").glob("*.yaml"), *(ROOT / "tests" / "corpus").glob("*.yaml")])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_same_data_as_the_positioned_loader_and_positions_on_demand(path: Path) -> None:
    fast, full = load_fast(path), load_yaml(path)
    assert fast.data == full.data
    assert isinstance(fast.source, _LazySource)  # the example and corpus files take the fast path
    some = [loc for loc in full.source.values if len(loc) > 2][:20]
    assert [fast.source.locate(loc) for loc in some] == [full.source.locate(loc) for loc in some]
    assert fast.source.keys == full.source.keys


SCALARS = """\
a: 12
b: -0x1F
c: 1_000
d: 2.5
e: .inf
f: true
g: False
h: ~
i:
j: 2024-12-06
k: "2024-12-06"
l: 'yes'
m: yes
n: 0o17
o: 1e3
p: 2024-12-06 10:00:00
q: 《人民政协报》
"""


def test_scalars_resolve_as_yaml_1_2_like_the_positioned_loader() -> None:
    fast, full = load_fast_text(SCALARS, "s.yaml"), load_yaml_text(SCALARS, "s.yaml")
    assert fast.data == full.data
    assert (
        fast.data["j"] == dt.date(2024, 12, 6) and fast.data["k"] == "2024-12-06" and fast.data["m"] == "yes"
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 1\n",  # a tag
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: 1\na: 2\n",  # a duplicate key
        "a:\n\tb: 1\n",  # a tab
        "1: a\n",  # a key that is not text
        "a: [1, 2\n",  # a syntax error
        "- a\n",  # not a mapping
        "%YAML 1.1\n---\na: yes\n",  # a directive
        'a: "\\x01"\n',  # an escape
        "a: b\x07\n",  # a control character
        "<<: {a: 1}\n",  # a merge key
    ],
)
def test_anything_unusual_goes_to_the_positioned_loader(text: str) -> None:
    try:
        expected: object = load_yaml_text(text, "f.yaml").data
    except FactsError as exc:
        expected = [p.format() for p in exc.problems]
    try:
        loaded = load_fast_text(text, "f.yaml")
        got: object = loaded.data
        assert not isinstance(loaded.source, _LazySource)
    except FactsError as exc:
        got = [p.format() for p in exc.problems]
    assert got == expected


def test_a_validation_problem_is_located_through_the_lazy_positions(tmp_path: Path) -> None:
    from docgen.api import load_facts

    text = (ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "meeting_plan.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("kind: meeting_plan", "kind: plan", 1), encoding="utf-8")
    with pytest.raises(FactsError) as info:
        load_facts(bad)
    (problem,) = info.value.problems
    line = next(
        i for i, ln in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "kind: plan" in ln
    )
    assert (problem.line, problem.code) == (line, "bad-choice")


def test_files_the_loader_refuses_are_refused_the_same_way(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("单位: 市政协\n".encode("gbk"))
    for path in (gbk, tmp_path / "missing.yaml", tmp_path):
        with pytest.raises(FactsError) as fast:
            load_fast(path)
        with pytest.raises(FactsError) as full:
            load_yaml(path)
        assert fast.value.problems == full.value.problems
