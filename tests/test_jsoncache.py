"""The jieba caches are data, not code (issue 16, item 6): a cache file that is corrupt, truncated, hostile or of
the wrong shape is ignored and rebuilt, never trusted; writes are atomic."""

from __future__ import annotations

import json
import marshal
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docgen import jsoncache
from docgen.compose import tagcache
from docgen.quality import grammar

FMT = "test-format-1"


class _Planted:
    """Unpickling this runs code: it would create the file ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _hostile(marker: Path) -> dict[str, bytes]:
    good = json.dumps({"format": FMT, "data": ["a", "b"]}).encode()
    return {
        "garbage": os.urandom(512),
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "pickle": pickle.dumps(_Planted(marker)),
        "marshal-code": marshal.dumps(compile(f"open({str(marker)!r}, 'w')", "x", "exec")),
        "marshal-data": marshal.dumps((("a",), ("b",), ("c",))),
        "not-utf8": b'{"format": "' + FMT.encode() + b'", "data": ["\xff\xfe"]}',
        "other-format": json.dumps({"format": "other", "data": ["a"]}).encode(),
        "extra-key": json.dumps({"format": FMT, "data": ["a"], "code": "x"}).encode(),
        "wrong-shape": json.dumps({"format": FMT, "data": ["a", 1]}).encode(),
        "top-list": json.dumps([FMT, ["a"]]).encode(),
        "deep": b'{"format": "' + FMT.encode() + b'", "data": ' + b"[" * 1500 + b"]" * 1500 + b"}",
        "too-large": json.dumps({"format": FMT, "data": ["x" * 5000]}).encode(),
    }


@pytest.mark.parametrize("case", sorted(_hostile(Path("/nonexistent")).keys()))
def test_read_refuses_every_hostile_or_wrong_file(tmp_path: Path, case: str) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "c.json"
    path.write_bytes(_hostile(marker)[case])
    assert jsoncache.read(path, FMT, jsoncache.is_str_list, max_bytes=4096) is None
    assert not marker.exists()


def test_read_accepts_its_own_file_and_write_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.json"
    assert jsoncache.write(path, FMT, ["甲", "乙"])
    assert jsoncache.read(path, FMT, jsoncache.is_str_list) == ["甲", "乙"]
    assert [p.name for p in path.parent.iterdir()] == ["c.json"]  # no temporary file left


def test_read_never_blocks_on_a_fifo_and_write_never_replaces_one(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    os.mkfifo(path)
    assert jsoncache.read(path, FMT, jsoncache.is_str_list) is None
    assert jsoncache.write(path, FMT, ["a"]) is False
    assert path.is_fifo()


def test_a_directory_in_place_of_the_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "c.json").mkdir()
    assert jsoncache.read(tmp_path / "c.json", FMT, jsoncache.is_str_list) is None
    assert jsoncache.write(tmp_path / "c.json", FMT, ["a"]) is False


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("DOCGEN_NO_CACHE", raising=False)
    grammar._lexicon.cache_clear()
    yield folder
    grammar._lexicon.cache_clear()


def test_the_lexicon_cache_is_json_and_a_hostile_one_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    fresh = grammar._lexicon()
    (file,) = cache.glob("jieba-lexicon-*.json")
    top = json.loads(file.read_text(encoding="utf-8"))
    assert top["format"].startswith("docgen-jieba-lexicon") and len(top["data"]) == 3
    grammar._lexicon.cache_clear()
    assert grammar._lexicon() == fresh  # read back from the cache
    marker = tmp_path / "ran"
    for case in ("pickle", "marshal-code", "truncated", "wrong-shape", "garbage"):
        file.write_bytes(_hostile(marker)[case])
        grammar._lexicon.cache_clear()
        assert grammar._lexicon() == fresh, case
        assert not marker.exists()
        rebuilt = json.loads(file.read_text(encoding="utf-8"))  # rewritten with the right shape
        assert grammar._lexicon_shape(rebuilt["data"]), case


def test_a_lexicon_cache_of_the_right_format_but_wrong_shape_is_not_trusted(cache: Path) -> None:
    fresh = grammar._lexicon()
    (file,) = cache.glob("jieba-lexicon-*.json")
    file.write_text(
        json.dumps({"format": grammar._LEXICON_FORMAT, "data": ["要", "", 1]}), encoding="utf-8"
    )
    grammar._lexicon.cache_clear()
    assert grammar._lexicon() == fresh


@pytest.fixture
def tags_state(cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tagcache, "_STATE", {})
    path = tagcache._file()
    assert path is not None and path.suffix == ".json"
    return path


def _tagger(calls: list[str]) -> Callable[[str], tagcache.Tags]:
    def tag(text: str) -> tagcache.Tags:
        calls.append(text)
        return [(text[:2], "v"), (text[2:], "n")]

    return tag


def test_the_tag_memo_is_json_and_survives_a_process(
    tags_state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    assert tagcache.cached_tags("加强协商", _tagger(calls)) == [("加强", "v"), ("协商", "n")]
    tagcache._save()
    top = json.loads(tags_state.read_text(encoding="utf-8"))
    assert top == {"format": tagcache._FORMAT, "data": {"加强协商": [["加强", "v"], ["协商", "n"]]}}
    monkeypatch.setattr(tagcache, "_STATE", {})  # a new process
    assert tagcache.cached_tags("加强协商", _tagger(calls)) == [("加强", "v"), ("协商", "n")]
    assert calls == ["加强协商"]  # the second answer came from the file


@pytest.mark.parametrize("case", ["pickle", "marshal-code", "truncated", "garbage", "not-utf8", "top-list"])
def test_a_hostile_tag_memo_is_ignored_and_rebuilt(
    tags_state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    marker = tmp_path / "ran"
    tags_state.parent.mkdir(parents=True, exist_ok=True)
    tags_state.write_bytes(_hostile(marker)[case])
    calls: list[str] = []
    assert tagcache.cached_tags("完善机制", _tagger(calls)) == [("完善", "v"), ("机制", "n")]
    assert calls == ["完善机制"] and not marker.exists()
    tagcache._save()
    data = json.loads(tags_state.read_text(encoding="utf-8"))["data"]
    assert data == {"完善机制": [["完善", "v"], ["机制", "n"]]}


@pytest.mark.parametrize(
    "data",
    [
        {"完善机制": [["完善", "v", "x"]]},  # a triple
        {"完善机制": [["完善", 1]]},  # a number
        {"完善机制": "完善/v"},  # a string
        ["完善机制"],  # not a mapping
    ],
)
def test_a_tag_memo_of_the_wrong_shape_is_not_trusted(tags_state: Path, data: object) -> None:
    tags_state.parent.mkdir(parents=True, exist_ok=True)
    tags_state.write_text(json.dumps({"format": tagcache._FORMAT, "data": data}), encoding="utf-8")
    calls: list[str] = []
    assert tagcache.cached_tags("完善机制", _tagger(calls)) == [("完善", "v"), ("机制", "n")]
    assert calls == ["完善机制"]
