"""Normalisation of the user-written text of a facts file before composition.

Clerks end phrases with 。 or ；, or leave a 、 after the last item of a list they trimmed; the composer's
frames add their own punctuation, so every string of the facts loses its trailing 。；，、 here (the frames
that take a whole sentence put the full stop back).  They also number items and headings themselves (一是……,
（一）……, 1.……): the document numbers its own, so every string loses a leading numbering too
(:func:`docgen.zhtext.strip_enumerator`).  Consecutive titles in 书名号 take no 顿号 between them (GB/T 15834:
《A》、《B》 → 《A》《B》; “A”、“B” → “A”“B”); full-width digits and letters (２０２５年６月) are written in half
width.  The facts are copied, never changed in place.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel

from docgen.model.basefacts import BaseFacts
from docgen.zhtext import halfwidth_alnum, strip_enumerator

__all__ = ["normalise"]

F = TypeVar("F", bound=BaseFacts)

_TRAILING = "。；;，,、 \t\u3000"
# the first characters of a numbering (a cheap filter before the pattern)
_NUMBER_STARTS = frozenset("一二三四五六七八九十（(0123456789第①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳ \t\u3000")


def _clean(value: Any) -> Any:
    """A deep copy of ``value`` (models, lists and dicts copied; strings, numbers and dates are immutable) with
    every string's trailing punctuation removed — one walk instead of a deep copy and a second walk."""
    if isinstance(value, str):
        bare = halfwidth_alnum(value.rstrip(_TRAILING) or value)
        if "》、《" in bare or "”、“" in bare:
            bare = bare.replace("》、《", "》《").replace("”、“", "”“")
        return strip_enumerator(bare.lstrip(" \t\u3000")) if bare[:1] in _NUMBER_STARTS else bare
    if isinstance(value, BaseModel):
        out = copy.copy(value)  # pydantic's __copy__: a new instance with its own __dict__, fields set, extras
        d = out.__dict__
        for name, old in d.items():
            if isinstance(old, _NESTED):
                d[name] = _clean(old)
        return out
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, set | tuple | frozenset):  # pragma: no cover - the facts model uses lists
        return copy.deepcopy(value)
    return value


_NESTED = (str, BaseModel, list, dict, set, tuple, frozenset)


def normalise(facts: F) -> F:
    """A copy of ``facts`` whose strings carry no trailing 。；，、 and no leading numbering (see the module docstring)."""
    out: F = _clean(facts)
    return out
