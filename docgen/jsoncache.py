"""Small cache files of plain data (JSON) in docgen's cache folder: read with a size bound and a shape check,
written atomically.

A cache folder may be shared (``DOCGEN_CACHE_DIR`` or ``XDG_CACHE_HOME`` on a network drive), so what is in
it is data to check, never code to run: nothing is unpickled or unmarshalled.  :func:`read` returns the
decoded value only when the file holds the expected ``format`` tag and the caller's ``check`` accepts the
body; anything else (missing, unreadable, too large, truncated, not UTF-8, not JSON, another format, the wrong
shape) gives ``None`` and the caller rebuilds the data and :func:`write` s it again.  :func:`write` goes through
:func:`docgen.fsutil.atomic_write` (temporary file + rename, special files refused), and never raises.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["is_pairs", "is_str_list", "read", "write"]

MAX_BYTES = 64 * 1024 * 1024


def read(path: Path, fmt: str, check: Callable[[Any], bool], *, max_bytes: int = MAX_BYTES) -> Any | None:
    """The ``data`` of the cache file at ``path`` if it is ``{"format": fmt, "data": …}`` and ``check(data)``
    holds; ``None`` for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # a FIFO or device planted there
                return None
            raw = fh.read(max_bytes + 1)
        if len(raw) > max_bytes:
            return None
        top = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None
    if not isinstance(top, dict) or set(top) != {"format", "data"} or top["format"] != fmt:
        return None
    data = top["data"]
    try:
        return data if check(data) else None
    except Exception:  # a checker tripping over an odd value: the file is not ours
        return None


def write(path: Path, fmt: str, data: Any) -> bool:
    """Store ``data`` under ``format`` at ``path`` atomically; False (nothing raised) when it cannot be written."""
    from docgen.fsutil import atomic_write

    with contextlib.suppress(Exception):
        body = json.dumps({"format": fmt, "data": data}, ensure_ascii=False, separators=(",", ":"))
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, body.encode("utf-8"), durable=False)
        return True
    return False


def is_str_list(value: Any) -> bool:
    """A JSON array of strings."""
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def is_pairs(value: Any) -> bool:
    """A JSON array of two-string arrays (jieba's (word, flag) pairs)."""
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], str) for p in value
    )
