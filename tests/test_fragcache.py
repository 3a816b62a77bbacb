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
    shutil.copytree(ROOT / "docgen" / "domains" / "cppcc_publicity" / "fragments", d)
    return d


def _render_all(lib: FragmentLibrary) -> str:
    return lib.render("OPN-transition", {"points": "三点", "on_behalf_of": None}, "doc-1")


def test_second_load_comes_from_the_cache(frag_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = FragmentLibrary.load(frag_dir)
    assert list((frag_dir.parent / "cache").glob("fragments-*.json"))

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("the loader ran although the cache is valid")

    monkeypatch.setattr(fragload.Loader, "build", boom)
    second = FragmentLibrary.load(frag_dir)
    assert [f.id for f in second.families()] == [f.id for f in first.families()]
    assert _render_all(second) == _render_all(first)


def test_a_changed_file_invalidates_the_cache(frag_dir: Path) -> None:
    FragmentLibrary.load(frag_dir)
    f = frag_dir / "opening.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("借此机会，我讲", "借此机会，我谈", 1), encoding="utf-8"
    )
    lib = FragmentLibrary.load(frag_dir)
    texts = [v.text for v in lib.family("OPN-transition").variants]
    assert any("我谈" in t for t in texts)


def test_an_invalid_change_is_still_reported_with_its_line(frag_dir: Path) -> None:
    FragmentLibrary.load(frag_dir)
    f = frag_dir / "opening.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("{{ approved_by }}", "{{ approved_byy }}", 1), encoding="utf-8"
    )
    with pytest.raises(FragmentError) as err:
        FragmentLibrary.load(frag_dir)
    assert "opening.yaml:" in str(err.value) and "approved_byy" in str(err.value)


def test_a_corrupt_cache_is_ignored(frag_dir: Path) -> None:
    FragmentLibrary.load(frag_dir)
    for p in (frag_dir.parent / "cache").glob("fragments-*.json"):
        p.write_bytes(b"garbage")
    assert _render_all(FragmentLibrary.load(frag_dir)).endswith(("：", "。"))


def test_no_cache_when_disabled(frag_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_NO_CACHE", "1")
    FragmentLibrary.load(frag_dir)
    assert not (frag_dir.parent / "cache").exists()


def _cache_file(frag_dir: Path) -> Path:
    (path,) = (frag_dir.parent / "cache").glob("fragments-*.json")
    return path


def test_the_cache_is_plain_json_data(frag_dir: Path) -> None:
    import json

    FragmentLibrary.load(frag_dir)
    data = json.loads(_cache_file(frag_dir).read_text(encoding="utf-8"))
    assert data["format"] == "docgen-fragcache-2"
    assert {"id", "variants"} <= set(data["families"][0])


def test_a_planted_pickle_is_never_executed_and_the_cache_is_rebuilt(
    frag_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import pickle

    FragmentLibrary.load(frag_dir)
    path = _cache_file(frag_dir)
    good = path.read_bytes()
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    for planted in (
        pickle.dumps(Exploit()),
        pickle.dumps(((), b"")),
        b"garbage",
        b"{}",
        b"",
        good[: len(good) // 2],
    ):
        path.write_bytes(planted)
        for old in (frag_dir.parent / "cache").glob("*"):
            if old != path:
                old.write_bytes(pickle.dumps(Exploit()))
        lib = FragmentLibrary.load(frag_dir)
        assert _render_all(lib).endswith(("：", "。"))
        assert not marker.exists()
        assert path.read_bytes() == good  # rebuilt in place


def test_a_cache_of_the_wrong_shape_is_rebuilt(frag_dir: Path) -> None:
    import json

    FragmentLibrary.load(frag_dir)
    path = _cache_file(frag_dir)
    good = json.loads(path.read_text(encoding="utf-8"))
    bad_variants = json.loads(json.dumps(good))
    bad_variants["families"][0]["variants"][0]["text"] = 42
    bad_key = {**good, "key": "0" * 64}
    extra = {**good, "code": "print(1)"}
    bad_date = json.loads(json.dumps(good))
    bad_date["families"][0]["variants"][0]["valid_from"] = "2024-13-45"
    for bad in (bad_variants, bad_key, extra, bad_date, [good], {**good, "families": "x"}):
        path.write_text(json.dumps(bad), encoding="utf-8")
        assert _render_all(FragmentLibrary.load(frag_dir)).endswith(("：", "。"))
        assert json.loads(path.read_text(encoding="utf-8")) == good
