"""A fingerprint of what makes the text besides the input: docgen's code, the domains' fragments, templates."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

__all__ = ["code_fingerprint"]

_FINGERPRINT: list[str] = []


def _iter_code_files() -> Iterator[Path]:
    from docgen.resources import PACKAGE_DIR, data_dir

    yield from sorted(PACKAGE_DIR.rglob("*.py"))
    yield from sorted(PACKAGE_DIR.joinpath("domains").rglob("*.yaml"))  # the domains' fragments
    for sub in ("fragments", "templates"):
        with contextlib.suppress(Exception):
            yield from sorted(data_dir(sub).glob("*.*"))


def code_fingerprint() -> str:
    """SHA-256 over names, sizes and modification times of docgen's code, fragments and templates (cheap; a
    changed fragment file or composer re-renders everything on the next run).  Computed once per process."""
    if not _FINGERPRINT:
        h = hashlib.sha256()
        for p in _iter_code_files():
            with contextlib.suppress(OSError):
                st = p.stat()
                h.update(f"{p.name}\x00{st.st_size}\x00{st.st_mtime_ns}\n".encode())
        _FINGERPRINT.append(h.hexdigest())
    return _FINGERPRINT[0]
