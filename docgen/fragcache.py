"""On-disk cache of a validated fragment library, so a cold ``docgen`` process skips re-validating it.

The key is a SHA-256 over the loader's own source and every fragment file's name and bytes: any change to a
fragment file or to the loader invalidates it.  The cache holds the validated families (pickled dataclasses)
and each variant's compiled Jinja code (marshal), like Python's own ``.pyc`` files.  It lives in
``$DOCGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/docgen``, else ``~/.cache/docgen``; ``DOCGEN_NO_CACHE=1``
turns it off.  Any problem reading or writing the cache silently falls back to a full load.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from importlib.resources.abc import Traversable
from pathlib import Path
from types import CodeType
from typing import Any

FORMAT = b"docgen-fragcache-1"


def cache_dir() -> Path | None:
    if os.environ.get("DOCGEN_NO_CACHE"):
        return None
    base = os.environ.get("DOCGEN_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "docgen"


def digest(location: Traversable, loader_source: bytes) -> str:
    h = hashlib.sha256(FORMAT + sys.version.encode() + loader_source)
    for p in sorted(
        (p for p in location.iterdir() if p.name.endswith(".yaml") and p.is_file()), key=lambda p: p.name
    ):
        data = p.read_bytes()
        h.update(p.name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def read(key: str) -> tuple[Any, dict[tuple[str, str], CodeType]] | None:
    d = cache_dir()
    if d is None:
        return None
    try:
        raw = (d / f"fragments-{key}.bin").read_bytes()
        payload, codes_blob = pickle.loads(raw)
        codes: dict[tuple[str, str], CodeType] = marshal.loads(codes_blob)
        return payload, codes
    except Exception:
        return None


def write(key: str, payload: Any, codes: dict[tuple[str, str], CodeType]) -> None:
    d = cache_dir()
    if d is None:
        return
    with contextlib.suppress(Exception):
        d.mkdir(parents=True, exist_ok=True)
        blob = pickle.dumps((payload, marshal.dumps(codes)), protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".fragments-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, d / f"fragments-{key}.bin")
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
