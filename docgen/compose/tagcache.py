"""A persistent memo of jieba's part-of-speech tags for phrases, so a process that meets only phrases it has seen
before never loads jieba (about 0.8 s of CPU: its tagger's tables and its dictionary).

jieba's output for a text is fixed by the installed jieba (its code and bundled dictionary), so the memo is keyed
by the installed package (path, size and time of its files) and lives in docgen's cache directory
(``docgen.fragcache.cache_dir``; ``DOCGEN_NO_CACHE=1`` turns it off) as one JSON file of plain strings
(:mod:`docgen.jsoncache`): the cache folder may be shared, so the file is data whose shape is checked on reading,
never code; a file of any other shape (truncated, hand-edited, planted) is ignored and rebuilt.  New entries are
merged into the file at exit (read again, updated, replaced atomically), so concurrent processes lose nothing but
a few entries in a race; any problem with the file just means jieba is asked.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import threading
from collections.abc import Callable
from pathlib import Path

from docgen import jsoncache

__all__ = ["cached_tags"]

Tags = list[tuple[str, str]]
_LOCK = threading.Lock()
_STATE: dict[str, object] = {}


def _file() -> Path | None:
    from docgen.fragcache import cache_dir

    folder = cache_dir()
    spec = importlib.util.find_spec("jieba")
    if folder is None or spec is None or not spec.origin:
        return None
    base = Path(spec.origin).parent
    stamp = hashlib.sha256()
    for name in ("__init__.py", "dict.txt", "posseg/__init__.py", "posseg/prob_emit.p", "posseg/char_state_tab.p"):
        with contextlib.suppress(OSError):
            st = (base / name).stat()
            stamp.update(f"{base / name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return folder / f"jieba-tags-{stamp.hexdigest()[:32]}.json"


_FORMAT = "docgen-jieba-tags-4"  # 2: idioms retagged; 3: verbs tagged as names retagged; 4: division names (信息处)


def _shape(data: object) -> bool:
    """``{text: [[word, flag], …], …}``."""
    return isinstance(data, dict) and all(jsoncache.is_pairs(v) for v in data.values())


def _read(path: Path) -> dict[str, tuple[tuple[str, str], ...]]:
    data = jsoncache.read(path, _FORMAT, _shape)
    if data is None:
        return {}
    return {text: tuple((w, f) for w, f in pairs) for text, pairs in data.items()}


def _memo() -> dict[str, tuple[tuple[str, str], ...]]:
    if "memo" not in _STATE:
        path = _file()
        _STATE["path"] = path
        _STATE["memo"] = _read(path) if path is not None else {}
        _STATE["new"] = {}
    memo = _STATE["memo"]
    assert isinstance(memo, dict)
    return memo


def _save() -> None:
    new = _STATE.get("new")
    path = _STATE.get("path")
    if not new or not isinstance(path, Path) or not isinstance(new, dict):
        return
    merged = _read(path)
    merged.update(new)
    if jsoncache.write(path, _FORMAT, {text: [list(p) for p in pairs] for text, pairs in merged.items()}):
        new.clear()


def cached_tags(text: str, tag: Callable[[str], Tags]) -> Tags:
    """``tag(text)`` (jieba's (word, flag) pairs), remembered across processes."""
    with _LOCK:
        memo = _memo()
        hit = memo.get(text)
    if hit is not None:
        return [tuple(pair) for pair in hit]  # type: ignore[misc]
    result = tag(text)
    frozen = tuple((w, f) for w, f in result)
    with _LOCK:
        memo[text] = frozen
        new = _STATE["new"]
        assert isinstance(new, dict)
        if not new:
            atexit.register(_save)
        new[text] = frozen
    return result
