"""The parts of the phrase library: families, variants, their small Jinja2 templates and the error type.

:mod:`docgen.fragload` builds them from the fragment files; :mod:`docgen.fragments` holds the library that
uses them (and re-exports these names).  Both import this module; neither imports the other's callers.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jinja2 import StrictUndefined, TemplateError, UndefinedError, nodes
from jinja2.environment import Template
from jinja2.sandbox import SandboxedEnvironment

from docgen.errors import DocgenError

__all__ = [
    "POLITICAL_AREA",
    "SUFFIX",
    "Family",
    "FragmentError",
    "Variant",
    "choice_index",
    "newest",
]

POLITICAL_AREA = "political"
SUFFIX = ".yaml"


class FragmentError(DocgenError):
    """The fragment library is broken, or a fragment cannot be chosen or rendered (exit 3).

    ``problems`` holds one Chinese line per finding (``FILE:LINE: 片段族 ID：说明``); loading reports all of
    them at once.
    """

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        self.problems: tuple[str, ...] = tuple(problems) or (message,)
        super().__init__(message)


@dataclass(frozen=True)
class Variant:
    """One wording of a family.  ``text`` is a Jinja2 template over the family's slots."""

    id: str
    text: str
    valid_from: date | None
    valid_to: date | None
    approved: bool
    approved_by: str | None = None
    note: str | None = None

    def valid_on(self, on: date) -> bool:
        """True if ``on`` lies within the validity dates (both ends included; a missing end is open)."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


@dataclass(frozen=True)
class Family:
    """Interchangeable variants that say the same thing (``says``) with the same slots (``needs``)."""

    id: str
    area: str
    says: str
    needs: tuple[str, ...]
    variants: tuple[Variant, ...]
    political: bool
    source_file: str

    def variant(self, vid: str) -> Variant:
        for v in self.variants:
            if v.id == vid:
                return v
        known = "、".join(v.id for v in self.variants)
        raise FragmentError(f"片段族 {self.id} 没有变体“{vid}”（可用：{known}）")

    @property
    def valid_from(self) -> date | None:
        """Earliest start of validity over the variants (None if any variant has no start)."""
        starts = [v.valid_from for v in self.variants]
        return None if not starts or None in starts else min(d for d in starts if d is not None)

    @property
    def valid_to(self) -> date | None:
        """Latest end of validity over the variants (None if any variant has no end)."""
        ends = [v.valid_to for v in self.variants]
        return None if not ends or None in ends else max(d for d in ends if d is not None)


@functools.lru_cache(maxsize=1024)  # asked twice per fragment of one document
def choice_index(doc_id: str, fid: str, n: int) -> int:
    """The stable index of the variant a document uses among ``n`` eligible ones.

    ``int.from_bytes(sha256(doc_id NUL fid)[:8], "big") % n``: independent of the process, the platform and
    ``PYTHONHASHSEED``.  Changing this formula changes every regenerated draft.
    """
    digest = hashlib.sha256(f"{doc_id}\x00{fid}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % n


def newest(pool: Sequence[Variant]) -> list[Variant]:
    """The variants of ``pool`` that became valid last: a political wording written after an event (a plenary
    session…) supersedes the wordings written before it; variants equally recent stay interchangeable."""
    start = max(v.valid_from or date.min for v in pool)
    return [v for v in pool if (v.valid_from or date.min) == start]


def _zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


_SIMPLE_SLOT = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_TINY_NODES = (nodes.Output, nodes.TemplateData, nodes.Name, nodes.If, nodes.Not, nodes.And, nodes.Or)


def _slot(context: dict[str, object], name: str) -> object:
    if name not in context:
        raise UndefinedError(f"'{name}' is undefined")
    return context[name]


def _test(node: nodes.Node, context: dict[str, object]) -> bool:
    if isinstance(node, nodes.Name):
        return bool(_slot(context, node.name))
    if isinstance(node, nodes.Not):
        return not _test(node.node, context)
    if isinstance(node, nodes.And):
        return _test(node.left, context) and _test(node.right, context)
    assert isinstance(node, nodes.Or)
    return _test(node.left, context) or _test(node.right, context)


def _walk(body: Sequence[nodes.Node], context: dict[str, object], out: list[str]) -> None:
    """Render the small subset of Jinja most variants use (text, ``{{ slot }}``, ``{% if %}`` on slots with
    ``not``/``and``/``or``) exactly as Jinja does, with the same errors."""
    for node in body:
        if isinstance(node, nodes.Output):
            for item in node.nodes:
                if isinstance(item, nodes.TemplateData):
                    out.append(item.data)
                else:
                    assert isinstance(item, nodes.Name)
                    out.append(str(_finalize(_slot(context, item.name))))
        else:
            assert isinstance(node, nodes.If)
            chosen: Sequence[nodes.Node] = node.else_
            for cond in [node, *node.elif_]:
                if _test(cond.test, context):
                    chosen = cond.body
                    break
            _walk(chosen, context, out)


def _tiny(env: SandboxedEnvironment, text: str) -> list[nodes.Node] | None:
    """The template's body if it uses only what :func:`_walk` renders, else None (compile with Jinja)."""
    try:
        ast = env.parse(text)
    except TemplateError:
        return None
    for node in ast.find_all(nodes.Node):
        if not isinstance(node, _TINY_NODES):
            return None
        if isinstance(node, nodes.Name) and node.ctx != "load":
            return None
    for node in ast.body:
        if not isinstance(node, nodes.Output | nodes.If):
            return None
    return list(ast.body)


class _LazyTemplate:
    """A variant's template, prepared on first use: a document renders a few dozen of several hundred.

    Always built from its source text in this process (the on-disk cache holds data only).  Most variants are
    plain text with ``{{ slot }}`` substitutions and ``{% if slot %}`` choices: those are rendered from Jinja's
    parse tree by :func:`_walk` (same result, same errors: :func:`_finalize` for None, :class:`UndefinedError`
    for a missing slot), which skips Jinja's code generation and Python's compiler; the rest compile with Jinja.
    """

    __slots__ = ("_body", "_compiled", "_env", "_parts", "_text")

    def __init__(self, env: SandboxedEnvironment, text: str) -> None:
        self._env = env
        self._text = text
        self._compiled: Template | None = None
        self._body: list[nodes.Node] | None = None
        self._parts: list[str] | None = None
        if "\r" not in text and not any(tag in text for tag in ("{%", "{#", "%}", "#}")):
            parts = _SIMPLE_SLOT.split(text.removesuffix("\n"))
            if all("{{" not in p and "}}" not in p for p in parts[::2]):
                self._parts = parts

    def render(self, context: dict[str, object]) -> str:
        parts = self._parts
        if parts is not None:
            out = []
            for i, part in enumerate(parts):
                out.append(str(_finalize(_slot(context, part))) if i % 2 else part)
            return "".join(out)
        if self._compiled is None:
            if self._body is None:
                self._body = _tiny(self._env, self._text) or []
            if self._body:
                result: list[str] = []
                _walk(self._body, context, result)
                return "".join(result)
            self._compiled = self._env.from_string(self._text)
        return self._compiled.render(context)


class _NoneSlot(Exception):
    """A slot whose value is None reached the output (the composer should have dropped the sentence)."""


def _finalize(value: object) -> object:
    if value is None:
        raise _NoneSlot
    return value


def _make_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
