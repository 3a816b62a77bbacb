"""A finding of a cross-field rule: a data location, a stable code and a Chinese message."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Issue", "Loc"]

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    loc: Loc
    code: str
    message: str
