"""The registry of document domains and kinds: every kind is declared once, in its domain's ``DomainSpec``.

A domain is a package (``docgen/domains/<name>/`` for the built-in ones, or any installed package) whose
``DOMAIN`` object is a :class:`DomainSpec`.  Domains register through the entry-point group ``docgen.domains``
(``[project.entry-points."docgen.domains"]`` in pyproject.toml: ``name = "package.module:DOMAIN"``); the
built-in domains register the same way.  The CLI, validation, composition, ``docgen init``, the JSON Schema,
the template build script, the docs and the tests all iterate this registry.

Everything here is data and lookup: a kind's composer, facts model and rules are ``"module:attribute"``
strings imported on first use, so listing the kinds imports no model and no composer.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

__all__ = [
    "ENTRY_POINT_GROUP",
    "DomainSpec",
    "Expected",
    "KindSpec",
    "RegistryError",
    "SkeletonHints",
    "domain",
    "domain_of",
    "domains",
    "kind",
    "kind_names",
    "kinds",
    "load_object",
    "unknown_kind_message",
]

ENTRY_POINT_GROUP = "docgen.domains"
#: the built-in domain listed first (then every other domain by name)
FIRST = "cppcc_publicity"


class RegistryError(Exception):
    """A domain declaration is broken (a kind name used twice, a spec that is not a DomainSpec…)."""


@dataclass(frozen=True)
class Expected:
    """A fact a complete draft of a kind expects: its data path and the label of its 〔待补：label〕 marker.

    ``or_each`` are paths that give the same fact item by item (``plan.agenda.host``: every row of the agenda
    names its host): the fact is given when one of them has a value in every item of its (non-empty) list."""

    path: str
    label: str
    or_each: tuple[str, ...] = ()


@dataclass(frozen=True)
class KindSpec:
    """One document kind.  ``name`` is globally unique across all domains."""

    name: str  # "leadership_speech"
    label: str  # "领导讲话"
    description: str  # one Chinese line for `docgen kinds`, the schema and the docs
    composer: str  # "module:function" taking a Ctx and returning a Draft (imported on first use)
    template: str  # file name of the .docx under templates/ (or the domain package's templates/)
    blocks: tuple[str, ...]  # top-level fact blocks the kind uses (besides document and org)
    required: tuple[str, ...] = ()  # blocks it requires ("missing block for kind")
    expected: tuple[Expected, ...] = ()  # facts a complete draft expects (draft mode marks them 〔待补〕)
    skeleton: str = (
        ""  # "": `docgen init` generates the skeleton from the facts model; else a resource file name
    )
    speech: bool = False  # a spoken kind: speaker and salutation required
    description_en: str = ""  # one English line for the docs


@dataclass(frozen=True)
class SkeletonHints:
    """What ``docgen init`` writes into a domain's skeletons beyond the facts model itself."""

    #: invented examples for fields whose Field has none (or a better one for this domain), keyed
    #: ``Model.field`` (shared models included: ``Org.short_name``); for a list of texts a string is one item
    examples: dict[str, Any]
    #: document fields only some kinds of the domain use: field → those kinds
    document_only: dict[str, frozenset[str]]
    #: the salutation a spoken kind's skeleton fills in (default “同志们”)
    salutations: dict[str, str]
    #: values a kind's skeleton fills in: kind → {(block, field): value}
    prefill: dict[str, dict[tuple[str, ...], Any]]
    #: the domain's own description of a field (shared models included), keyed ``Model.field``: used by
    #: ``docgen init``, the JSON Schema and the format page instead of the Field's description
    descriptions: dict[str, str] = field(default_factory=dict)
    #: optional fields of the shared models the domain never says, keyed ``Model.field``: its skeletons leave
    #: them out (a facts file may still give them; the domain's composers warn that they are unused)
    omit: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DomainSpec:
    """A document domain: its facts model, its kinds, and the package holding its resources."""

    name: str  # "cppcc_publicity"
    label: str  # "政协宣传信息工作"
    facts_model: str  # "module:Class": the domain's root facts model
    kinds: tuple[KindSpec, ...]
    package: str  # its fragments/, examples/, skeletons/ and templates/ are resources of this package
    rules: str | None = None  # "module:function": (facts) -> Iterable[Issue], the domain's cross-field rules
    fragments: str = "fragments"  # resource folder of its fragment YAML files
    library_rules: str | None = None  # "module:function": (facts, fragment library) -> Iterable[Issue]
    context: str | None = None  # "module:Class": its subclass of docgen.compose.context.Ctx (default: Ctx)
    comparisons: str | None = (
        None  # "module:function": (facts) -> Iterable[(loc, current, previous)] for review
    )
    #: "module:function": (docgen.excel_import.Imported, facts mapping) -> None, the domain's own checks across
    #: the sheets of an imported workbook (ids one sheet names that another lists); appends to .problems
    workbook_check: str | None = None
    #: top-level single blocks whose scalar fields the mail-merge ``units`` sheet offers per unit (besides org)
    unit_blocks: tuple[str, ...] = ()
    #: "module:attr": the domain's :class:`SkeletonHints` for ``docgen init`` (invented examples, prefills)
    skeleton_hints: str | None = None
    #: "module:function": ``(sentences, facts mapping) -> Iterable[Finding]``, a check of the composed text the
    #: domain adds to the text-seam checker (a :data:`docgen.quality.QualityRule`; say of its words only)
    quality_rules: str | None = None
    #: the description of its facts file in the JSON Schema (default: one made from ``label``)
    schema_description: str | None = None


def load_object(ref: str) -> Any:
    """Import ``"package.module:attr"`` and return the attribute."""
    module, sep, attr = ref.partition(":")
    if not sep or not module or not attr:
        raise RegistryError(f"引用“{ref}”应写成“模块:名称”")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def _builtin_refs() -> list[str]:
    """``docgen.domains.<name>:DOMAIN`` for each package under docgen/domains/ (they also register as entry
    points; listing them here keeps an editable install made before a domain was added working)."""
    pkg = importlib.import_module("docgen.domains")  # the package (``docgen.domains`` the attribute is lazy)
    return [f"{pkg.__name__}.{m.name}:DOMAIN" for m in pkgutil.iter_modules(pkg.__path__) if m.ispkg]


def _entry_point_refs() -> list[str]:
    return [ep.value for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)]


@functools.cache
def _registry() -> tuple[tuple[DomainSpec, ...], dict[str, tuple[DomainSpec, KindSpec]]]:
    found: dict[str, DomainSpec] = {}
    for ref in dict.fromkeys([*_entry_point_refs(), *_builtin_refs()]):
        spec = load_object(ref)
        if not isinstance(spec, DomainSpec):
            raise RegistryError(f"领域声明“{ref}”不是 DomainSpec")
        prev = found.get(spec.name)
        if prev is not None and prev is not spec:
            raise RegistryError(f"领域名“{spec.name}”重复声明")
        found[spec.name] = spec
    ordered = tuple(sorted(found.values(), key=lambda d: (d.name != FIRST, d.name)))
    index: dict[str, tuple[DomainSpec, KindSpec]] = {}
    for d in ordered:
        for k in d.kinds:
            if k.name in index:
                raise RegistryError(f"文种名“{k.name}”在领域 {index[k.name][0].name} 和 {d.name} 中重复")
            index[k.name] = (d, k)
    return ordered, index


def domains() -> tuple[DomainSpec, ...]:
    """Every registered domain: the built-in cppcc_publicity first, then by name."""
    return _registry()[0]


def domain(name: str) -> DomainSpec:
    """The domain called ``name`` (KeyError if none)."""
    for d in domains():
        if d.name == name:
            return d
    raise KeyError(name)


def kinds() -> tuple[KindSpec, ...]:
    """Every registered kind, domain by domain in registry order."""
    return tuple(k for d in domains() for k in d.kinds)


def kind_names() -> tuple[str, ...]:
    return tuple(_registry()[1])


def kind(name: str) -> KindSpec:
    """The kind called ``name``; KeyError if none (callers say so in Chinese: :func:`unknown_kind_message`)."""
    return _registry()[1][name][1]


def domain_of(kind_name: str) -> DomainSpec:
    """The domain that declares ``kind_name`` (KeyError if none)."""
    return _registry()[1][kind_name][0]


def unknown_kind_message(name: object) -> str:
    """The Chinese message for a kind name that is not registered: did-you-mean, else the list of kinds."""
    names = list(kind_names())
    shown = str(name)
    shown = shown if len(shown) <= 30 else shown[:29] + "…"
    best = difflib.get_close_matches(str(name), names, n=1, cutoff=0.6)
    hint = f"（是否应为“{best[0]}”？）" if best else ""
    return f"未知文种“{shown}”{hint}，可选：{'、'.join(names)}"


@functools.cache
def _loaded(ref: str) -> Any:
    return load_object(ref)


def composer(kind_name: str) -> Callable[..., Any]:
    """The composer function of ``kind_name`` (imported on first use)."""
    fn: Callable[..., Any] = _loaded(kind(kind_name).composer)
    return fn


def facts_model(kind_name: str) -> Any:
    """The root facts model class of the domain declaring ``kind_name``."""
    return _loaded(domain_of(kind_name).facts_model)
