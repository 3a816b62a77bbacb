"""The on-disk cache of the validated fragment library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen import fragload
from docgen.fragments import FragmentError, FragmentLibrary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def frag_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    d = tmp_path / "fragments"
    shutil.copytree(ROOT / "fragments", d)
    return d


def _render_all(lib: FragmentLibrary) -> str:
    return lib.render("OPN-transition", {"points": "三点", "on_behalf_of": None}, "doc-1")


def test_second_load_comes_from_the_cache(frag_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = FragmentLibrary.load(frag_dir)
    assert list((frag_dir.parent / "cache").glob("fragments-*.bin"))

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("the loader ran although the cache is valid")

    monkeypatch.setattr(fragload.Loader, "build", boom)
    second = FragmentLibrary.load(frag_dir)
    assert [f.id for f in second.families()] == [f.id for f in first.families()]
    assert _render_all(second) == _render_all(first)


def test_a_changed_file_invalidates_the_cache(frag_dir: Path) -> None:
    FragmentLibrary.load(frag_dir)
    f = frag_dir / "opening.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("借此机会，我讲", "借此机会，我谈", 1), encoding="utf-8")
    lib = FragmentLibrary.load(frag_dir)
    texts = [v.text for v in lib.family("OPN-transition").variants]
    assert any("我谈" in t for t in texts)


def test_an_invalid_change_is_still_reported_with_its_line(frag_dir: Path) -> None:
    FragmentLibrary.load(frag_dir)
    f = frag_dir / "opening.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("{{ approved_by }}", "{{ approved_byy }}", 1), encoding="utf-8")
    with pytest.raises(FragmentError) as err:
        FragmentLibrary.load(frag_dir)
    assert "opening.yaml:" in str(err.value) and "approved_byy" in str(err.value)


def test_a_corrupt_cache_is_ignored(frag_dir: Path) -> None:
    FragmentLibrary.load(frag_dir)
    for p in (frag_dir.parent / "cache").glob("fragments-*.bin"):
        p.write_bytes(b"garbage")
    assert _render_all(FragmentLibrary.load(frag_dir)).endswith(("：", "。"))


def test_no_cache_when_disabled(frag_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_NO_CACHE", "1")
    FragmentLibrary.load(frag_dir)
    assert not (frag_dir.parent / "cache").exists()
