"""Normalisation of the user-written text of a facts file before composition.

Clerks end phrases with 。 or ；, or leave a 、 after the last item of a list they trimmed; the composer's
frames add their own punctuation, so every string of the facts loses its trailing 。；，、 here (the frames
that take a whole sentence put the full stop back).  The facts are copied, never changed in place.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from docgen.model.basefacts import BaseFacts

__all__ = ["normalise"]

F = TypeVar("F", bound=BaseFacts)

_TRAILING = "。；;，,、 \t\u3000"


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.rstrip(_TRAILING) or value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _clean(old)
            if new is not old:
                object.__setattr__(value, name, new)
        return value
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def normalise(facts: F) -> F:
    """A copy of ``facts`` whose strings carry no trailing 。；，、 (see the module docstring)."""
    out = facts.model_copy(deep=True)
    _clean(out)
    return out
