"""On-disk cache of a validated fragment library, so a cold ``docgen`` process skips re-validating it.

The cache is data, never code: one JSON file holding the validated families, their variants' texts and the
slots each variant uses.  Nothing in it is unpickled, unmarshalled or executed; the Jinja templates are compiled
from their source text in this process, on first use.  Every value is checked for its type and shape when the
file is read, and the file's own key must match the key it is stored under; anything else (garbage, a planted
pickle, a truncated or hand-edited file) is ignored and the library is loaded from the fragment files again,
which rewrites the cache.

The key is a SHA-256 over the format, the Python version, the loader's own source and every fragment file's
name and bytes: any change to a fragment file or to the loader invalidates it.  It lives in
``$DOCGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/docgen``, else ``~/.cache/docgen``; ``DOCGEN_NO_CACHE=1`` turns it
off.  Any problem reading or writing the cache silently falls back to a full load.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

__all__ = ["FORMAT", "Cached", "cache_dir", "digest", "read", "write"]

FORMAT = "docgen-fragcache-2"
MAX_CACHE_BYTES = 64 * 1024 * 1024

Key2 = tuple[str, str]


class _Bad(Exception):
    """The cache file does not have the expected shape."""


class Cached:
    """What the cache holds, as plain data: ``families`` (dicts shaped like :class:`docgen.fragments.Family`,
    dates as :class:`datetime.date`), ``slots_used`` and ``texts`` keyed by (family id, variant id)."""

    __slots__ = ("families", "slots_used", "texts")

    def __init__(
        self, families: list[dict[str, Any]], slots_used: dict[Key2, frozenset[str]], texts: dict[Key2, str]
    ) -> None:
        self.families, self.slots_used, self.texts = families, slots_used, texts


def cache_dir() -> Path | None:
    if os.environ.get("DOCGEN_NO_CACHE"):
        return None
    base = os.environ.get("DOCGEN_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "docgen"


def digest(location: Traversable, loader_source: bytes) -> str:
    h = hashlib.sha256(FORMAT.encode() + sys.version.encode() + loader_source)
    for p in sorted(
        (p for p in location.iterdir() if p.name.endswith(".yaml") and p.is_file()), key=lambda p: p.name
    ):
        data = p.read_bytes()
        h.update(p.name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def _path(d: Path, key: str) -> Path:
    return d / f"fragments-{key}.json"


# -- shape checks ------------------------------------------------------------------------------------------


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise _Bad
    return v


def _opt_str(v: Any) -> str | None:
    return None if v is None else _str(v)


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise _Bad
    return v


def _list(v: Any) -> list[Any]:
    if not isinstance(v, list):
        raise _Bad
    return v


def _obj(v: Any, keys: frozenset[str]) -> dict[str, Any]:
    if not isinstance(v, dict) or v.keys() != keys:
        raise _Bad
    return v


def _date(v: Any) -> date | None:
    if v is None:
        return None
    try:
        return date.fromisoformat(_str(v))
    except ValueError:
        raise _Bad from None


_VARIANT = frozenset({"id", "text", "valid_from", "valid_to", "approved", "approved_by", "note"})
_FAMILY = frozenset({"id", "area", "says", "needs", "variants", "political", "source_file"})
_TOP = frozenset({"format", "key", "families", "slots_used"})


def _variant(raw: Any) -> dict[str, Any]:
    v = _obj(raw, _VARIANT)
    return {
        "id": _str(v["id"]),
        "text": _str(v["text"]),
        "valid_from": _date(v["valid_from"]),
        "valid_to": _date(v["valid_to"]),
        "approved": _bool(v["approved"]),
        "approved_by": _opt_str(v["approved_by"]),
        "note": _opt_str(v["note"]),
    }


def _family(raw: Any) -> dict[str, Any]:
    f = _obj(raw, _FAMILY)
    return {
        "id": _str(f["id"]),
        "area": _str(f["area"]),
        "says": _str(f["says"]),
        "needs": tuple(_str(n) for n in _list(f["needs"])),
        "variants": [_variant(v) for v in _list(f["variants"])],
        "political": _bool(f["political"]),
        "source_file": _str(f["source_file"]),
    }


def parse(raw: bytes, key: str) -> Cached:
    """The cache contents from the bytes of a cache file; :class:`ValueError` on any mismatch."""
    try:
        top = _obj(json.loads(raw.decode("utf-8")), _TOP)
        if top["format"] != FORMAT or top["key"] != key:
            raise _Bad
        families = [_family(f) for f in _list(top["families"])]
        texts = {(f["id"], v["id"]): v["text"] for f in families for v in f["variants"]}
        slots: dict[Key2, frozenset[str]] = {}
        for row in _list(top["slots_used"]):
            fid, vid, names = _list(row)
            slots[(_str(fid), _str(vid))] = frozenset(_str(n) for n in _list(names))
        if slots.keys() != texts.keys() or len({f["id"] for f in families}) != len(families):
            raise _Bad
    except (_Bad, ValueError, TypeError, RecursionError):
        raise ValueError("docgen fragment cache: unexpected shape") from None
    return Cached(families, slots, texts)


def read(key: str) -> Cached | None:
    """The cached library for ``key``, or None (no cache, or a file that is not exactly what we write)."""
    d = cache_dir()
    if d is None:
        return None
    try:
        p = _path(d, key)
        if p.stat().st_size > MAX_CACHE_BYTES:
            return None
        return parse(p.read_bytes(), key)
    except (OSError, ValueError):
        return None


def dump(key: str, families: list[dict[str, Any]], slots_used: dict[Key2, frozenset[str]]) -> bytes:
    def plain(v: Any) -> Any:
        return v.isoformat() if isinstance(v, date) else v

    body = {
        "format": FORMAT,
        "key": key,
        "families": [
            {
                **{k: plain(v) for k, v in f.items() if k != "variants"},
                "needs": list(f["needs"]),
                "variants": [{k: plain(x) for k, x in v.items()} for v in f["variants"]],
            }
            for f in families
        ],
        "slots_used": [[fid, vid, sorted(names)] for (fid, vid), names in sorted(slots_used.items())],
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(key: str, families: list[dict[str, Any]], slots_used: dict[Key2, frozenset[str]]) -> None:
    d = cache_dir()
    if d is None:
        return
    with contextlib.suppress(Exception):
        d.mkdir(parents=True, exist_ok=True)
        from docgen.fsutil import atomic_write

        atomic_write(_path(d, key), dump(key, families, slots_used), durable=False)
