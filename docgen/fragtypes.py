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
from typing import Any

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


Program = list[Any]  # see docgen.tplcache.is_program


def _test_of(node: nodes.Node) -> list[Any]:
    if isinstance(node, nodes.Name):
        return ["n", node.name]
    if isinstance(node, nodes.Not):
        return ["not", _test_of(node.node)]
    if isinstance(node, nodes.And):
        return ["and", _test_of(node.left), _test_of(node.right)]
    assert isinstance(node, nodes.Or)
    return ["or", _test_of(node.left), _test_of(node.right)]


def program_of(body: Sequence[nodes.Node]) -> Program:
    """The parse tree of a template :func:`_tiny` accepts as plain data (what :func:`_run` renders)."""
    out: Program = []
    for node in body:
        if isinstance(node, nodes.Output):
            for item in node.nodes:
                if isinstance(item, nodes.TemplateData):
                    out.append(item.data)
                else:
                    assert isinstance(item, nodes.Name)
                    out.append(["s", item.name])
        else:
            assert isinstance(node, nodes.If)
            branches = [[_test_of(cond.test), program_of(cond.body)] for cond in [node, *node.elif_]]
            out.append(["if", branches, program_of(node.else_)])
    return out


def _true(test: list[Any], context: dict[str, object]) -> bool:
    op = test[0]
    if op == "n":
        return bool(_slot(context, test[1]))
    if op == "not":
        return not _true(test[1], context)
    if op == "and":
        return _true(test[1], context) and _true(test[2], context)
    return _true(test[1], context) or _true(test[2], context)


def _run(program: Program, context: dict[str, object], out: list[str]) -> None:
    """Render a program of :func:`program_of` exactly as Jinja renders its template (same text, same errors)."""
    for step in program:
        if step.__class__ is str:
            out.append(step)
        elif step[0] == "s":
            out.append(str(_finalize(_slot(context, step[1]))))
        else:
            chosen = step[2]
            for test, body in step[1]:
                if _true(test, context):
                    chosen = body
                    break
            _run(chosen, context, out)


def _tiny(env: SandboxedEnvironment, text: str) -> list[nodes.Node] | None:
    """The template's body if it uses only what :func:`_run` renders, else None (compile with Jinja)."""
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

    Always built from its source text (the on-disk caches hold data only).  Most variants are plain text with
    ``{{ slot }}`` substitutions and ``{% if slot %}`` choices: those are rendered by :func:`_run` from a small
    program made from Jinja's parse tree (:func:`program_of`; same result, same errors: :func:`_finalize` for
    None, :class:`UndefinedError` for a missing slot), which skips Jinja's code generation and Python's
    compiler, and which :mod:`docgen.tplcache` remembers across processes, so a short process meeting known
    variants does not run Jinja's lexer and parser either; the rest compile with Jinja.
    """

    __slots__ = ("_compiled", "_env", "_parts", "_program", "_text")

    def __init__(self, env: SandboxedEnvironment, text: str) -> None:
        self._env = env
        self._text = text
        self._compiled: Template | None = None
        self._program: Program | None = None
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
        if self._program is None and self._compiled is None:
            self._program = self._prepare()
        if self._program is not None:
            result: list[str] = []
            _run(self._program, context, result)
            return "".join(result)
        if self._compiled is None:
            self._compiled = self._env.from_string(self._text)
        return self._compiled.render(context)

    def _prepare(self) -> Program | None:
        """The template's program (:func:`program_of`): remembered across processes (:mod:`docgen.tplcache`),
        else made from Jinja's parse tree; None when the template needs Jinja's compiler."""
        from docgen import tplcache

        known = tplcache.lookup(self._text)
        if known is not tplcache.MISSING:
            return known  # type: ignore[no-any-return]
        body = _tiny(self._env, self._text)
        program = program_of(body) if body else None
        tplcache.remember(self._text, program)
        return program


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
