"""A persistent memo of jieba's part-of-speech tags for phrases, so a process that meets only phrases it has seen
before never loads jieba (about 0.8 s of CPU: its tagger's tables and its dictionary).

jieba's output for a text is fixed by the installed jieba (its code and bundled dictionary), so the memo is keyed
by the installed package (path, size and time of its files) and lives in docgen's cache directory
(``docgen.fragcache.cache_dir``; ``DOCGEN_NO_CACHE=1`` turns it off) as one ``marshal`` file of plain tuples.
New entries are merged into the file at exit (read again, updated, replaced atomically), so concurrent processes
lose nothing but a few entries in a race; any problem with the file just means jieba is asked.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import marshal
import os
import threading
from collections.abc import Callable
from pathlib import Path

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
    return folder / f"jieba-tags-{stamp.hexdigest()[:32]}.marshal"


def _read(path: Path) -> dict[str, tuple[tuple[str, str], ...]]:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


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
    with contextlib.suppress(OSError):
        merged = _read(path)
        merged.update(new)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(merged))
        os.replace(tmp, path)
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
