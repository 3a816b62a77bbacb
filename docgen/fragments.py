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
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, UndefinedError
from jinja2.exceptions import SecurityError

from docgen import fragcache, fragload
from docgen.fragtypes import (
    Family,
    FragmentError,
    Variant,
    _LazyTemplate,
    _make_env,
    _NoneSlot,
    _zh_date,
    choice_index,
    newest,
)
from docgen.resources import data_dir

__all__ = ["Family", "FragmentError", "FragmentLibrary", "Variant", "choice_index", "describe"]

ENV_VAR = "DOCGEN_FRAGMENTS"
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
        when = f"在{_zh_date(on)}" if on is not None and (override is not None or not pool) else ""
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
    Loader = fragload.Loader
    if not location.is_dir():
        return FragmentLibrary(*Loader(location).build())  # raises the loader's own message
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
        lib = FragmentLibrary(*Loader(location, fast=True).build())
    except FragmentError:
        return FragmentLibrary(*Loader(location).build())
    with contextlib.suppress(Exception):
        rows = [{**asdict(f), "variants": [asdict(v) for v in f.variants]} for f in lib._families.values()]
        fragcache.write(key, rows, dict(lib._slots_used))
    return lib
