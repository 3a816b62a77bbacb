"""A persistent memo of the small programs the fragment variants compile to, so a short process renders the
variants it has met before without Jinja's lexer and parser.

Most variants are plain text with ``{{ slot }}`` and ``{% if %}`` on slots (:func:`docgen.fragtypes._tiny`);
their Jinja parse tree becomes a small program of plain data (:func:`docgen.fragtypes.program_of`), which is
what this memo keeps, keyed by the variant's text and the installed Jinja (its version: the parse, and so the
program, is Jinja's) and the source of :mod:`docgen.fragtypes`.  One JSON file in docgen's cache directory (:mod:`docgen.jsoncache`; ``DOCGEN_NO_CACHE=1``
turns it off): data whose shape is checked on reading (:func:`is_program`), never code; a file of any other
shape is ignored and rebuilt.  New entries are merged into the file at exit (read again, updated, replaced
atomically).  A text whose template needs Jinja itself is remembered as ``null``.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
from pathlib import Path
from typing import Any

from docgen import jsoncache

__all__ = ["is_program", "lookup", "remember"]

_FORMAT = "docgen-template-programs-1"
_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}
_MAX_DEPTH = 50


def _file() -> Path | None:
    """Keyed by the installed Jinja and by the source of :mod:`docgen.fragtypes` (its environment's options
    and the program form), so a change to either starts a new memo."""
    import hashlib

    from jinja2 import __version__ as jinja

    from docgen.fragcache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    h = hashlib.sha256(f"{_FORMAT}\0{jinja}\0".encode())
    with contextlib.suppress(OSError):  # a zipped install: the version alone
        h.update(Path(__file__).with_name("fragtypes.py").read_bytes())
    return folder / f"template-programs-{h.hexdigest()[:24]}.json"


def is_program(value: Any, depth: int = 0) -> bool:
    """A list of steps: a text (str), ``["s", name]`` (a slot) or ``["if", [[test, program], …], program]``;
    a test is ``["n", name]``, ``["not", test]``, ``["and", test, test]`` or ``["or", test, test]``."""
    if depth > _MAX_DEPTH or not isinstance(value, list):
        return False
    for step in value:
        if isinstance(step, str):
            continue
        if not isinstance(step, list) or not step:
            return False
        if step[0] == "s":
            if len(step) != 2 or not isinstance(step[1], str):
                return False
        elif step[0] == "if":
            if len(step) != 3 or not isinstance(step[1], list) or not step[1]:
                return False
            for branch in step[1]:
                if not (isinstance(branch, list) and len(branch) == 2 and _is_test(branch[0], depth + 1)):
                    return False
                if not is_program(branch[1], depth + 1):
                    return False
            if not is_program(step[2], depth + 1):
                return False
        else:
            return False
    return True


def _is_test(value: Any, depth: int) -> bool:
    if depth > _MAX_DEPTH or not isinstance(value, list) or not value:
        return False
    if value[0] == "n":
        return len(value) == 2 and isinstance(value[1], str)
    if value[0] == "not":
        return len(value) == 2 and _is_test(value[1], depth + 1)
    if value[0] in ("and", "or"):
        return len(value) == 3 and _is_test(value[1], depth + 1) and _is_test(value[2], depth + 1)
    return False


def _shape(data: Any) -> bool:
    """``{text: program or null, …}``."""
    return isinstance(data, dict) and all(v is None or is_program(v) for v in data.values())


def _memo() -> dict[str, Any]:
    if "memo" not in _STATE:
        path = _file()
        _STATE["path"] = path
        data = jsoncache.read(path, _FORMAT, _shape) if path is not None else None
        _STATE["memo"] = data if isinstance(data, dict) else {}
        _STATE["new"] = {}
    memo: dict[str, Any] = _STATE["memo"]
    return memo


_MISSING = object()


def lookup(text: str) -> Any:
    """The remembered program of ``text`` (None: it needs Jinja), or :data:`MISSING` when not remembered."""
    with _LOCK:
        return _memo().get(text, _MISSING)


def remember(text: str, program: list[Any] | None) -> None:
    with _LOCK:
        _memo()[text] = program
        new = _STATE["new"]
        if not new:
            atexit.register(_save)
        new[text] = program


def _save() -> None:
    new, path = _STATE.get("new"), _STATE.get("path")
    if not new or not isinstance(path, Path):
        return
    merged = jsoncache.read(path, _FORMAT, _shape)
    merged = merged if isinstance(merged, dict) else {}
    merged.update(new)
    if jsoncache.write(path, _FORMAT, merged):
        new.clear()


MISSING = _MISSING
