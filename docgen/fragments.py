"""The phrase library: ``fragments/*.yaml`` → families of Jinja2 snippets, chosen deterministically.

A *family* is one thing a document says (「会议由谁同意召开」); its *variants* are interchangeable wordings.
The variant used by a document is a stable hash of ``document.id`` and the family id, so a regenerated draft
changes only where the facts changed.  Political families (``fragments/political.yaml``) are dated and
editor-approved: a variant is used only on dates inside its validity and only if it is approved.

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
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.environment import Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from docgen import fragcache
from docgen.errors import DocgenError

__all__ = ["Family", "FragmentError", "FragmentLibrary", "Variant", "choice_index", "describe"]

ENV_VAR = "DOCGEN_FRAGMENTS"
POLITICAL_AREA = "political"
SUFFIX = ".yaml"

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_VARIANT_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_SLOT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Names Jinja gives a meaning of its own: a slot with one of these names would never receive the data.
_RESERVED_SLOTS = frozenset(
    {"self", "super", "loop", "caller", "varargs", "kwargs", "true", "false", "none", "True", "False", "None"}
)
# Placeholder tokens of the seed texts (reference §5.3): never in a fragment, whatever the mode.
_PLACEHOLDERS = ("×", "xx", "某某", "**", "〔待补")
_HALF_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", '"': "“”"}

_FILE_KEYS = frozenset({"area", "families"})
_VALIDITY_KEYS = frozenset({"valid_from", "valid_to", "approved", "approved_by", "note"})
_FAMILY_KEYS = frozenset({"id", "says", "needs", "variants"}) | _VALIDITY_KEYS
_VARIANT_KEYS = frozenset({"id", "text"}) | _VALIDITY_KEYS


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


def _zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class _LazyTemplate:
    """A variant's template, compiled on first use: a document renders a few dozen of several hundred.

    ``code`` (from the on-disk cache, see :mod:`docgen.fragcache`) skips Jinja's parser and code generator.
    """

    __slots__ = ("_code", "_compiled", "_env", "_text")

    def __init__(self, env: SandboxedEnvironment, text: str, code: CodeType | None = None) -> None:
        self._env = env
        self._text = text
        self._code = code
        self._compiled: Template | None = None

    def code(self) -> CodeType:
        if self._code is None:
            self._code = self._env.compile(self._text)
        return self._code

    def render(self, context: dict[str, object]) -> str:
        if self._compiled is None:
            env = self._env
            self._compiled = env.template_class.from_code(env, self.code(), env.make_globals(None))
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
    def load(cls, directory: str | Path | None = None) -> FragmentLibrary:
        """Load and validate every ``*.yaml`` file of ``directory``.

        Without a directory: ``$DOCGEN_FRAGMENTS``, else the repository's ``fragments/`` beside the package
        (clean clone or editable install), else ``docgen/fragments`` inside an installed package.  The
        default library is loaded once per process and directory.
        """
        if directory is None:
            return _load_default(_default_directory())
        return _build(Path(directory))

    # -- queries -------------------------------------------------------------------------------------------

    def family(self, fid: str) -> Family:
        try:
            return self._families[fid]
        except KeyError:
            raise FragmentError(f"片段族“{fid}”不存在") from None

    def families(self) -> list[Family]:
        return list(self._families.values())

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
        return pool[choice_index(doc_id, fid, len(pool))]

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


def _default_directory() -> Path | None:
    """The default fragment directory; None means the copy packaged inside ``docgen``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    beside = Path(__file__).resolve().parent.parent / "fragments"
    if beside.is_dir():
        return beside
    if resources.files("docgen").joinpath("fragments").is_dir():
        return None
    raise FragmentError(f"找不到片段目录：请设置环境变量 {ENV_VAR}，或在仓库中保留 fragments/ 目录")


@functools.cache
def _load_default(directory: Path | None) -> FragmentLibrary:
    location = resources.files("docgen").joinpath("fragments") if directory is None else directory
    return _build(location)


def _build(location: Traversable) -> FragmentLibrary:
    """Load from the on-disk cache when the files are unchanged; else parse with libyaml (fast), and on any
    problem parse again with the round-trip parser for exact line numbers."""
    if not location.is_dir():
        return _Loader(location).build()  # raises the loader's own message
    key = fragcache.digest(location, Path(__file__).read_bytes())
    cached = fragcache.read(key)
    if cached is not None:
        (families, slots_used, texts), codes = cached
        env = _make_env()
        templates = {k: _LazyTemplate(env, texts[k], codes.get(k)) for k in texts}
        return FragmentLibrary(families, templates, slots_used)
    try:
        lib = _Loader(location, fast=True).build()
    except FragmentError:
        return _Loader(location).build()
    with contextlib.suppress(Exception):
        texts = {k: t._text for k, t in lib._templates.items()}
        codes = {k: t.code() for k, t in lib._templates.items()}
        fragcache.write(key, (list(lib._families.values()), dict(lib._slots_used), texts), codes)
    return lib


# -- loader ------------------------------------------------------------------------------------------------


class _Loader:
    """Reads one directory, collects every problem, then builds the library or raises once."""

    def __init__(self, location: Traversable, *, fast: bool = False) -> None:
        self.location = location
        self.fast = fast
        self.env = _make_env()
        self.problems: list[str] = []
        self.families: list[Family] = []
        self.templates: dict[tuple[str, str], _LazyTemplate] = {}
        self.slots_used: dict[tuple[str, str], frozenset[str]] = {}
        self.seen: dict[str, str] = {}  # family id -> "file:line" of its first definition

    def build(self) -> FragmentLibrary:
        if not self.location.is_dir():
            raise FragmentError(f"片段目录不存在：{self.location}")
        files = sorted(
            (p for p in self.location.iterdir() if p.name.endswith(SUFFIX) and p.is_file()),
            key=lambda p: p.name,
        )
        for file in files:
            self._load_file(file)
        if self.problems:
            raise FragmentError("\n".join(self.problems), self.problems)
        return FragmentLibrary(self.families, self.templates, self.slots_used)

    def _problem(self, file: str, line: int, message: str, fid: str | None = None) -> None:
        prefix = f"片段族 {fid}：" if fid else ""
        self.problems.append(f"{file}:{line}: {prefix}{message}")

    def _load_file(self, path: Traversable) -> None:
        shown = str(path)
        try:
            text = path.read_text(encoding="utf-8")
            # fast: libyaml via ruamel.yaml.clib, no positions (problems trigger a second, exact pass)
            data = YAML(typ="safe", pure=False).load(text) if self.fast else YAML(typ="rt", pure=True).load(text)
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self._problem(shown, line, f"YAML 格式错误：{problem}")
            return
        except UnicodeDecodeError:
            self._problem(shown, 1, "文件不是 UTF-8 编码")
            return
        if not isinstance(data, Mapping):
            self._problem(shown, 1, "文件顶层应是含 area 和 families 的映射")
            return
        self._unknown_keys(shown, data, _FILE_KEYS, None)
        stem = path.name[: -len(SUFFIX)]
        area = data.get("area")
        if area != stem:
            self._problem(shown, _line(data, "area"), f"area 应与文件名一致，写作“{stem}”（现为“{area}”）")
            return
        families = data.get("families")
        if not isinstance(families, Sequence) or isinstance(families, str):
            self._problem(shown, _line(data, "families"), "families 应是片段族的列表")
            return
        for index, raw in enumerate(families):
            line = _line(families, index)
            if not isinstance(raw, Mapping):
                self._problem(shown, line, "片段族应是含 id、says、needs、variants 的映射")
                continue
            fam = self._family(shown, path.name, stem, raw, line)
            if fam is not None:
                self.families.append(fam)

    def _unknown_keys(
        self, file: str, raw: Mapping[Any, Any], allowed: frozenset[str], fid: str | None
    ) -> None:
        for key in raw:
            if key not in allowed:
                known = "、".join(sorted(allowed))
                self._problem(file, _line(raw, key), f"未知的键“{key}”（可用：{known}）", fid)

    def _family(self, file: str, name: str, area: str, raw: Mapping[Any, Any], line: int) -> Family | None:
        fid = raw.get("id")
        if not isinstance(fid, str) or not _ID_RE.match(fid):
            self._problem(file, line, f"片段族 id 应以字母开头，只含字母、数字、- 和 _（现为“{fid}”）")
            return None
        ok = True
        if fid in self.seen:
            self._problem(file, line, f"片段族 id 重复（已在 {self.seen[fid]} 定义）", fid)
            ok = False
        else:
            self.seen[fid] = f"{file}:{line}"
        self._unknown_keys(file, raw, _FAMILY_KEYS, fid)
        political = area == POLITICAL_AREA

        says = raw.get("says")
        if not isinstance(says, str) or not says.strip():
            self._problem(file, _line(raw, "says", line), "缺少 says（用中文说明这一族说的是什么）", fid)
            ok = False
        else:
            ok &= self._check_placeholders(file, _line(raw, "says", line), fid, "says", says)

        needs_raw = raw.get("needs", [])
        needs: list[str] = []
        nline = _line(raw, "needs", line)
        if not isinstance(needs_raw, Sequence) or isinstance(needs_raw, str):
            self._problem(file, nline, "needs 应是槽位名的列表，如 [org, year]", fid)
            needs_raw, ok = [], False
        for slot in needs_raw:
            if not isinstance(slot, str) or not _SLOT_RE.match(slot):
                msg = f"槽位名“{slot}”不合法：只用字母、数字和下划线，不以数字开头"
            elif slot in _RESERVED_SLOTS:
                msg = f"槽位名“{slot}”是 Jinja 保留名，请换一个名字（如 {slot}_name）"
            elif slot in needs:
                msg = f"槽位“{slot}”重复"
            else:
                needs.append(slot)
                continue
            self._problem(file, nline, msg, fid)
            ok = False

        defaults = self._validity(file, raw, line, fid, inherited=None)
        if defaults is None:
            ok = False
            defaults = _Validity()

        variants_raw = raw.get("variants")
        variants: list[Variant] = []
        if not isinstance(variants_raw, Sequence) or isinstance(variants_raw, str) or not variants_raw:
            self._problem(file, _line(raw, "variants", line), "variants 应是至少含一个变体的列表", fid)
            return None
        templates: dict[tuple[str, str], tuple[_LazyTemplate, frozenset[str]]] = {}
        for index, vraw in enumerate(variants_raw):
            vline = _line(variants_raw, index)
            built = self._variant(
                file, fid, vraw, vline, needs, defaults, political, {v.id for v in variants}
            )
            if built is None:
                ok = False
                continue
            variant, template, used = built
            variants.append(variant)
            templates[(fid, variant.id)] = (template, used)
        if not ok:
            return None
        for key, (template, used) in templates.items():
            self.templates[key] = template
            self.slots_used[key] = used
        return Family(
            id=fid,
            area=area,
            says=str(says).strip(),
            needs=tuple(needs),
            variants=tuple(variants),
            political=political,
            source_file=name,
        )

    def _validity(
        self, file: str, raw: Mapping[Any, Any], line: int, fid: str, inherited: _Validity | None
    ) -> _Validity | None:
        """The validity keys of ``raw``, falling back to ``inherited`` (the family's) for absent keys."""
        values: dict[str, Any] = dict(vars(inherited or _Validity()))
        ok = True
        for key, expected in _VALIDITY_TYPES.items():
            if key not in raw:
                continue
            value = raw[key]
            if expected is date and isinstance(value, str):
                with contextlib.suppress(ValueError):
                    value = date.fromisoformat(value)
            if not isinstance(value, expected) or (expected is date and isinstance(value, datetime)):
                self._problem(file, _line(raw, key, line), f"{key} 应是{_TYPE_WORDS[expected]}", fid)
                ok = False
            values[key] = value
        if not ok:
            return None
        result = _Validity(**values)
        if result.valid_from and result.valid_to and result.valid_from > result.valid_to:
            self._problem(file, line, "valid_from 晚于 valid_to", fid)
            return None
        return result

    def _variant(
        self,
        file: str,
        fid: str,
        raw: object,
        line: int,
        needs: Sequence[str],
        defaults: _Validity,
        political: bool,
        taken: set[str],
    ) -> tuple[Variant, _LazyTemplate, frozenset[str]] | None:
        if not isinstance(raw, Mapping):
            self._problem(file, line, "变体应是含 id 和 text 的映射", fid)
            return None
        vid = raw.get("id")
        if not isinstance(vid, str) or not _VARIANT_ID_RE.match(vid):
            self._problem(file, line, f"变体 id 应是字母或数字开头的短名，如 a、b（现为“{vid}”）", fid)
            return None
        where = f"变体 {vid}："
        if vid in taken:
            self._problem(file, line, f"{where}变体 id 重复", fid)
            return None
        self._unknown_keys(file, raw, _VARIANT_KEYS, fid)
        validity = self._validity(file, raw, line, fid, inherited=defaults)
        if validity is None:
            return None
        ok = True
        if political:
            absent = [k for k in ("valid_from", "valid_to") if getattr(validity, k) is None]
            if absent:
                self._problem(file, line, f"{where}政治表述片段必须写明 {'、'.join(absent)}", fid)
                ok = False
            if validity.approved and not validity.approved_by:
                self._problem(file, line, f"{where}已审定（approved: true）的政治表述应写明 approved_by", fid)
                ok = False
        text = raw.get("text")
        tline = _line(raw, "text", line)
        if not isinstance(text, str) or not text.strip():
            self._problem(file, tline, f"{where}缺少 text", fid)
            return None
        text = text.strip()
        ok &= self._check_placeholders(file, tline, fid, f"{where}text", text)
        try:
            ast = self.env.parse(text)
        except TemplateSyntaxError as exc:
            self._problem(file, tline, f"{where}模板语法错误（第 {exc.lineno} 行）：{exc.message}", fid)
            return None
        used = meta.find_undeclared_variables(ast)
        undeclared = sorted(used - set(needs))
        if undeclared:
            self._problem(file, tline, f"{where}使用了 needs 中没有的槽位 {'、'.join(undeclared)}", fid)
            ok = False
        for name_node in ast.find_all(nodes.Name):
            if name_node.name in _RESERVED_SLOTS - {"loop", "true", "false", "none", "True", "False", "None"}:
                self._problem(file, tline, f"{where}不能使用 Jinja 保留名“{name_node.name}”", fid)
                ok = False
        if any(True for _ in ast.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport))):
            self._problem(file, tline, f"{where}片段不能引用其他模板（extends/include/import）", fid)
            ok = False
        for chunk in ast.find_all(nodes.TemplateData):
            ok &= self._check_literal(file, tline, fid, where, chunk.data)
        if not ok:
            return None
        template = _LazyTemplate(self.env, text)
        variant = Variant(
            id=vid,
            text=text,
            valid_from=validity.valid_from,
            valid_to=validity.valid_to,
            approved=validity.approved if validity.approved is not None else not political,
            approved_by=validity.approved_by,
            note=validity.note,
        )
        return variant, template, frozenset(used)

    def _check_placeholders(self, file: str, line: int, fid: str, what: str, text: str) -> bool:
        lowered = text.lower()
        found = [tok for tok in _PLACEHOLDERS if tok in lowered]
        if found:
            self._problem(file, line, f"{what} 含占位符 {'、'.join(found)}：片段中不能出现占位符", fid)
            return False
        return True

    def _check_literal(self, file: str, line: int, fid: str, where: str, data: str) -> bool:
        ok = True
        if any(ch in data for ch in " \t\r\n"):
            msg = f"{where}正文含半角空格或换行：中文正文不用空格，长句请用双引号写在一行"
            self._problem(file, line, msg, fid)
            ok = False
        bad = [ch for ch in _HALF_WIDTH if ch in data]
        if bad:
            hints = "、".join(f"{ch}→{_HALF_WIDTH[ch]}" for ch in bad)
            self._problem(file, line, f"{where}正文含半角标点，请改用全角（{hints}）", fid)
            ok = False
        if "*" in data:
            self._problem(file, line, f"{where}正文含占位符 *", fid)
            ok = False
        return ok


@dataclass(frozen=True)
class _Validity:
    valid_from: date | None = None
    valid_to: date | None = None
    approved: bool | None = None
    approved_by: str | None = None
    note: str | None = None


_VALIDITY_TYPES: dict[str, type] = {
    "valid_from": date,
    "valid_to": date,
    "approved": bool,
    "approved_by": str,
    "note": str,
}
_TYPE_WORDS = {date: "日期，写作 2024-01-01", bool: " true 或 false", str: "文字"}


def _line(node: object, key: object, default: int = 1) -> int:
    """1-based line of a mapping key or a sequence item (ruamel keeps positions in ``.lc``)."""
    lc = getattr(node, "lc", None)
    try:
        pos = lc.item(key) if isinstance(key, int) else lc.key(key)  # type: ignore[union-attr]
        return int(pos[0]) + 1
    except (KeyError, TypeError, AttributeError, IndexError):
        return default
