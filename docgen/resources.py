"""Where docgen's data lives: ``fragments/``, ``templates/`` and ``styles/``.

In a clean clone or an editable install they sit beside the package (the repository root); a built wheel carries a
copy inside the package, under ``docgen/_data/`` (see ``setup.py``).  The repository copy wins when both exist.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
NAMES = ("fragments", "templates", "styles")


def data_dir(name: str) -> Path:
    """The directory of ``name`` (one of :data:`NAMES`); the repository's copy if present, else the packaged one."""
    if name not in NAMES:
        raise ValueError(f"unknown data directory {name!r}")
    beside = PACKAGE_DIR.parent / name
    if beside.is_dir():
        return beside
    return PACKAGE_DIR / "_data" / name
