"""The phrase library: ``fragments/*.yaml`` → families of Jinja2 snippets, chosen deterministically.

A *family* is one thing a document says (「会议由谁同意召开」); its *variants* are interchangeable wordings.
The variant used by a document is a stable hash of ``document.id`` and the family id, so a regenerated draft
changes only where the facts changed.  Political families (``fragments/political.yaml``) are dated and
editor-approved: a variant is used only on dates inside its validity and only if it is approved, and among
those only the newest (latest ``valid_from``) are used, so a speech dated after a plenary names it.

Slots are filled by the composer.  Slot *values* are inserted as text and never rendered as templates.
The file format for writers is documented in ``fragments/README.md``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError, nodes
from jinja2.environment import Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from docgen import fragcache
from docgen.errors import DocgenError
from docgen.resources import data_dir

__all__ = ["Family", "FragmentError", "FragmentLibrary", "Variant", "choice_index", "describe"]

ENV_VAR = "DOCGEN_FRAGMENTS"
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


class FragmentLibrary:
    """All fragment families of one directory, validated and compiled."""

    def __init__(
        self,
        families: Sequence[Family],
        templates: Mapping[tuple[str, str], _LazyTemplate],
        slots_used: Mapping[tuple[str, str], frozenset[str]],
    ) -> None:
        self._families: dict[str, Family] = {f.id: f for f in families}
        self._templates: dict[tuple[str, str], _LazyTemplate] = dict(templates)
        self._slots_used: dict[tuple[str, str], frozenset[str]] = dict(slots_used)

    # -- loading -------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: str | Path | None = None, *, domain: str | None = None) -> FragmentLibrary:
        """Load and validate every ``*.yaml`` file of ``directory``.

        Without a directory: ``$DOCGEN_FRAGMENTS``, else the fragments of ``domain`` (default: the first
        registered domain) — its package's ``fragments/`` resource folder (``DomainSpec.fragments``), else the
        repository's ``fragments/`` beside the package, else the packaged copy.  The default library is loaded
        once per process and directory.
        """
        if directory is None:
            return _load_default(_default_directory(domain))
        return _build(Path(directory))

    # -- queries -------------------------------------------------------------------------------------------

    def family(self, fid: str) -> Family:
        try:
            return self._families[fid]
        except KeyError:
            raise FragmentError(f"片段族“{fid}”不存在") from None

    def families(self) -> list[Family]:
        return list(self._families.values())

    def slots_of(self, fid: str, vid: str) -> frozenset[str]:
        """The slots variant ``vid`` of family ``fid`` actually uses (a composer prefers variants that say every
        fact it has)."""
        return self._slots_used.get((fid, vid), frozenset())

    def political_ids(self) -> list[str]:
        return [f.id for f in self._families.values() if f.political]

    def political_status(self, fid: str, on: date) -> str | None:
        """None if ``fid`` is a political family with an approved variant valid on ``on``; else the reason."""
        fam = self._families.get(fid)
        if fam is None:
            return "不存在"
        if not fam.political:
            return "不是政治表述片段"
        approved = [v for v in fam.variants if v.approved]
        if not approved:
            return "未经审定"
        if any(v.valid_on(on) for v in approved):
            return None
        future = [v.valid_from for v in approved if v.valid_from is not None and on < v.valid_from]
        if future:
            return f"尚未生效（自{_zh_date(min(future))}起有效）"
        past = [v.valid_to for v in approved if v.valid_to is not None and v.valid_to < on]
        return f"已过期（有效期至{_zh_date(max(past))}）" if past else "未经审定"

    def political_valid_on(self, fid: str, on: date) -> bool:
        return self.political_status(fid, on) is None

    def valid_until(self, fid: str, on: date) -> date | None:
        """The last day any variant usable on ``on`` stays valid (None: open-ended or none usable).

        Lets the composer warn about a political fragment near its expiry.
        """
        ends = [v.valid_to for v in self.eligible(fid, on=on)]
        return None if not ends or None in ends else max(d for d in ends if d is not None)

    # -- choosing and rendering ----------------------------------------------------------------------------

    def eligible(self, fid: str, *, on: date | None = None) -> list[Variant]:
        """The variants a document may use: approved, and valid on ``on`` if a date is given."""
        return [v for v in self.family(fid).variants if v.approved and (on is None or v.valid_on(on))]

    def choose(
        self, fid: str, doc_id: str, *, override: str | None = None, on: date | None = None
    ) -> Variant:
        """The variant ``doc_id`` uses for family ``fid`` (see :func:`choice_index`).

        ``override`` names a variant explicitly; it must exist and be eligible.  ``on`` (the document date)
        drops variants not valid on that date and is required for political families; unapproved variants
        are never used.
        """
        fam = self.family(fid)
        if fam.political and on is None:
            raise FragmentError(f"片段族 {fid} 是政治表述，必须按文稿日期选择变体（缺少 on）")
        pool = self.eligible(fid, on=on)
        when = f"在{_zh_date(on)}" if on is not None else ""
        if override is not None:
            chosen = fam.variant(override)
            if chosen not in pool:
                reason = "未经审定" if not chosen.approved else "不在有效期内"
                raise FragmentError(f"片段族 {fid} 的变体“{override}”{when}不可用：{reason}")
            return chosen
        if not pool:
            reason = (self.political_status(fid, on) if fam.political and on else None) or "没有有效的变体"
            raise FragmentError(f"片段族 {fid} {when}没有可用的变体：{reason}")
        if fam.political:
            pool = newest(pool)
        return pool[choice_index(doc_id, fid, len(pool))]

    def political_horizon(self) -> date | None:
        """The last day any approved political variant is valid (None: the library has none, or one is open)."""
        ends = [v.valid_to for f in self._families.values() if f.political for v in f.variants if v.approved]
        return None if not ends or None in ends else max(d for d in ends if d is not None)

    def render(
        self,
        fid: str,
        slots: Mapping[str, object],
        doc_id: str,
        *,
        override: str | None = None,
        on: date | None = None,
    ) -> str:
        """Choose a variant and fill its slots.  Slot values are inserted as text, never evaluated."""
        variant = self.choose(fid, doc_id, override=override, on=on)
        key = (fid, variant.id)
        missing = sorted(self._slots_used[key] - slots.keys())
        if missing:
            raise FragmentError(
                f"片段族 {fid} 变体 {variant.id}：缺少槽位 {'、'.join(missing)}（渲染前应由组稿程序提供或删去该句）"
            )
        try:
            return self._templates[key].render(dict(slots)).strip()
        except _NoneSlot:
            raise FragmentError(f"片段族 {fid} 变体 {variant.id}：有槽位的值为空（None）") from None
        except UndefinedError as exc:
            raise FragmentError(f"片段族 {fid} 变体 {variant.id}：槽位缺少内容（{exc.message}）") from None
        except SecurityError as exc:
            raise FragmentError(f"片段族 {fid} 变体 {variant.id}：模板执行了不允许的操作（{exc}）") from None
        except (TemplateError, TypeError, ValueError, ArithmeticError) as exc:
            raise FragmentError(f"片段族 {fid} 变体 {variant.id}：渲染失败（{exc}）") from None


def describe(lib: FragmentLibrary) -> list[dict[str, Any]]:
    """One JSON-friendly row per family, in library order (for ``docgen fragments``)."""
    rows: list[dict[str, Any]] = []
    for fam in lib.families():
        rows.append(
            {
                "id": fam.id,
                "area": fam.area,
                "says": fam.says,
                "needs": list(fam.needs),
                "variants": [v.id for v in fam.variants],
                "political": fam.political,
                "valid_from": fam.valid_from.isoformat() if fam.valid_from else None,
                "valid_to": fam.valid_to.isoformat() if fam.valid_to else None,
                "approved": all(v.approved for v in fam.variants),
                "source_file": fam.source_file,
            }
        )
    return rows


# -- default location --------------------------------------------------------------------------------------


def _default_directory(domain: str | None = None) -> Path:
    """The default fragment directory: ``$DOCGEN_FRAGMENTS``, else the domain's own, else the repository's or
    the packaged copy."""
    env = os.environ.get(ENV_VAR)
    if env:
        if not Path(env).is_dir():
            raise FragmentError(f"环境变量 {ENV_VAR} 指定的片段目录不存在：{env}（请改正或删去这个环境变量）")
        return Path(env)
    from importlib import resources

    from docgen import registry

    spec = registry.domain(domain) if domain is not None else registry.domains()[0]
    own = resources.files(spec.package) / spec.fragments
    if own.is_dir() and any(p.name.endswith(".yaml") for p in own.iterdir()):
        return Path(str(own))
    found = data_dir("fragments")
    if found.is_dir():
        return found
    raise FragmentError(f"找不到片段目录：请设置环境变量 {ENV_VAR}，或在仓库中保留 fragments/ 目录")


@functools.cache
def _load_default(directory: Path) -> FragmentLibrary:
    return _build(directory)


def _build(location: Traversable) -> FragmentLibrary:
    """Load from the on-disk cache when the files are unchanged; else parse with libyaml (fast), and on any
    problem parse again with the round-trip parser for exact line numbers."""
    from docgen import fragload  # the loader needs this module's classes: imported on use
    from docgen.fragload import Loader

    if not location.is_dir():
        return Loader(location).build()  # raises the loader's own message
    loader_source = Path(__file__).read_bytes() + Path(fragload.__file__).read_bytes()
    key = fragcache.digest(location, loader_source)
    cached = fragcache.read(key)
    if cached is not None:
        env = _make_env()
        families = [
            Family(**{**f, "variants": tuple(Variant(**v) for v in f["variants"])}) for f in cached.families
        ]
        templates = {k: _LazyTemplate(env, text) for k, text in cached.texts.items()}
        return FragmentLibrary(families, templates, cached.slots_used)
    try:
        lib = Loader(location, fast=True).build()
    except FragmentError:
        return Loader(location).build()
    with contextlib.suppress(Exception):
        rows = [{**asdict(f), "variants": [asdict(v) for v in f.variants]} for f in lib._families.values()]
        fragcache.write(key, rows, dict(lib._slots_used))
    return lib
