"""Every problem in one pass: the parts of a facts file that did validate, so the cross-field rules can run
even when some fields are wrong.

:func:`salvage` copies the data and cuts away each part Pydantic refused — the field itself when it is
optional, else the smallest enclosing optional field or list item — and validates again until the rest
validates (or nothing usable is left: a broken required top-level field such as ``document.kind``).  The rules
then run on that model; :class:`Salvaged` maps their locations back to the file (list items cut away shift
the indices) and holds back a finding that may only be a consequence of a cut (see :meth:`Salvaged.keeps`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from docgen.model.basefacts import BaseFacts

Loc = tuple[str | int, ...]

_MAX_ROUNDS = 12

#: Required parts no rule (or only the named rules) reads: a broken one is replaced by a stand-in instead of
#: giving up, and the findings of the rules that read it are held back.
STAND_INS: dict[Loc, tuple[Any, frozenset[str]]] = {
    ("org",): ({"short_name": "本单位", "level": "city", "place": "本地"}, frozenset()),
    ("document", "id"): ("stand-in", frozenset()),
    ("document", "date"): (dt.date(2000, 1, 1), frozenset({"check_dates", "check_political", "check_library"})),
}


def inner_models(annotation: Any) -> list[type[BaseModel]]:
    """Every BaseModel class inside an annotation such as ``list[X] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out.extend(inner_models(arg))
    return out


def is_dict(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(is_dict(a) for a in typing.get_args(annotation))
    return False


def model_at(loc: Loc, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class whose fields live at ``loc`` under ``root`` (list indices skipped); None past a leaf."""
    model: type[BaseModel] = root
    for comp in loc:
        if isinstance(comp, int):
            continue
        info = model.model_fields.get(comp)
        if info is None:
            return None
        inner = inner_models(info.annotation)
        if not inner:
            return None
        model = inner[0]
    return model


class _Kept(list[Any]):
    """A list that remembers, for each item, its index in the file."""

    orig: list[int]


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        out = _Kept(_copy(v) for v in node)
        out.orig = list(range(len(node)))
        return out
    return node


def _existing(data: Any, loc: Loc) -> Loc:
    """The longest prefix of ``loc`` present in ``data``."""
    node = data
    for i, comp in enumerate(loc):
        in_map = isinstance(node, dict) and isinstance(comp, str) and comp in node
        in_list = isinstance(node, list) and isinstance(comp, int) and 0 <= comp < len(node)
        if not (in_map or in_list):
            return loc[:i]
        node = node[comp]
    return loc


def _to_file(data: Any, loc: Loc) -> Loc:
    """A location in the cut copy → the same location in the file."""
    out: list[str | int] = []
    node = data
    for i, comp in enumerate(loc):
        if isinstance(node, _Kept) and isinstance(comp, int) and 0 <= comp < len(node):
            out.append(node.orig[comp])
            node = node[comp]
        elif isinstance(node, dict) and comp in node:
            out.append(comp)
            node = node[comp]
        else:
            return (*out, *loc[i:])
    return tuple(out)


def _to_copy(data: Any, loc: Loc) -> Loc | None:
    """A location in the file → the same location in the cut copy; None when it was cut away."""
    out: list[str | int] = []
    node = data
    for comp in loc:
        if isinstance(node, _Kept) and isinstance(comp, int):
            if comp not in node.orig:
                return None
            idx = node.orig.index(comp)
            out.append(idx)
            node = node[idx]
        elif isinstance(node, dict) and comp in node:
            out.append(comp)
            node = node[comp]
        else:
            return None
    return tuple(out)


def _cut_point(data: Any, loc: Loc, root: type[BaseModel]) -> Loc:
    """Where to cut for an error at ``loc``: the field if optional, else up to the nearest optional field or
    list item; () when only the whole file would do."""
    at = _existing(data, loc)
    while at:
        last = at[-1]
        if isinstance(last, int):
            return at
        model = model_at(at[:-1], root)
        info = model.model_fields.get(last) if model is not None else None
        if info is None or not info.is_required():  # unknown key, a key of a free mapping, an optional field
            return at
        at = at[:-1]
    return ()


def _is_field(loc: Loc, root: type[BaseModel]) -> bool:
    """Whether ``loc`` is a list item or a field of the model (not an unknown key)."""
    if isinstance(loc[-1], int):
        return True
    model = model_at(loc[:-1], root)
    return model is None or loc[-1] in model.model_fields


def _cut(data: Any, loc: Loc) -> None:
    node = data
    for comp in loc[:-1]:
        node = node[comp]
    last = loc[-1]
    if isinstance(node, _Kept) and isinstance(last, int):
        del node.orig[last]
    del node[last]


@dataclass
class Salvaged:
    """The model of the parts that validated, and the parts of the model cut away (file locations)."""

    facts: BaseFacts
    data: Any
    cut: list[Loc] = field(default_factory=list)
    skip_rules: frozenset[str] = frozenset()
    unknown: list[Loc] = field(default_factory=list)

    def file_loc(self, loc: Loc) -> Loc:
        return _to_file(self.data, loc)

    def keeps(self, loc: Loc, code: str) -> bool:
        """Whether a rule finding at file location ``loc`` stands on its own.  Held back: a finding on a part
        that was cut, or on the part holding it (e.g. "kind needs a speaker" when the speaker was refused), and a
        reference finding when the referenced block lost a part, and a finding on a field an unknown key beside it
        misspells."""
        for c in self.cut:
            if loc[: len(c)] == c or (c[: len(loc)] == loc and len(c) - len(loc) <= 1):
                return False
            if type(self.facts).REFERENCE_CODES.get(code) == c[0]:  # the domain's (BaseFacts)
                return False
        for u in self.unknown:  # a misspelt key already reported: "salutaton" stands for the missing salutation
            if loc and u[:-1] == loc[:-1] and difflib.get_close_matches(str(loc[-1]), [str(u[-1])], cutoff=0.6):
                return False
        return True


def _stand_in(loc: Loc) -> Loc | None:
    return next((part for part in STAND_INS if loc[: len(part)] == part), None)


def salvage(data: Any, first: ValidationError, root: type[BaseFacts]) -> Salvaged | None:
    """Cut away what ``first`` (the errors of validating ``data`` as ``root``) refused, until the rest
    validates."""
    work = _copy(data)
    cut: list[Loc] = []
    parts: list[Loc] = []  # the cuts that took away part of the model
    unknown: list[Loc] = []  # the unknown keys cut away
    skip: set[str] = set()
    errors: Iterable[Any] = first.errors(include_url=False)
    for _ in range(_MAX_ROUNDS):
        targets: set[Loc] = set()
        for err in errors:
            loc = tuple(err["loc"])
            point = _cut_point(work, loc, root)
            if point:
                targets.add(_to_file(work, point))
                continue
            part = _stand_in(loc)
            if part is None:
                return None
            value, readers = STAND_INS[part]
            node = work
            for comp in part[:-1]:
                node = node[comp]
            if not isinstance(node, dict):
                return None
            node[part[-1]] = _copy(value)
            skip.update(readers)
        for target in sorted(targets, key=len):
            if any(target[: len(c)] == c for c in cut):
                continue
            here = _to_copy(work, target)
            if here is not None:
                known = _is_field(here, root)  # checked before the cut: an unknown key is no part of the model
                _cut(work, here)
                cut.append(target)
                (parts if known else unknown).append(target)
        try:
            facts = root.model_validate(work)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            continue
        return Salvaged(facts, work, parts, frozenset(skip), unknown)
    return None
