"""Reading and validating the fragment files (the loader behind :meth:`docgen.fragments.FragmentLibrary.load`).

Every problem of every file is collected, then reported at once as ``FILE:LINE: 片段族 ID：说明``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib.resources.abc import Traversable
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from docgen.fragtypes import (
    POLITICAL_AREA,
    SUFFIX,
    Family,
    FragmentError,
    Variant,
    _LazyTemplate,
    _make_env,
)

#: what :meth:`Loader.build` returns: the families, their templates and the slots each variant uses
Built = tuple[list[Family], dict[tuple[str, str], _LazyTemplate], dict[tuple[str, str], frozenset[str]]]

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


# -- loader ------------------------------------------------------------------------------------------------


class Loader:
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

    def build(self) -> Built:
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
        return self.families, self.templates, self.slots_used

    def _problem(self, file: str, line: int, message: str, fid: str | None = None) -> None:
        prefix = f"片段族 {fid}：" if fid else ""
        self.problems.append(f"{file}:{line}: {prefix}{message}")

    def _load_file(self, path: Traversable) -> None:
        shown = str(path)
        try:
            text = path.read_text(encoding="utf-8")
            # fast: libyaml via ruamel.yaml.clib, no positions (problems trigger a second, exact pass)
            data = (
                YAML(typ="safe", pure=False).load(text) if self.fast else YAML(typ="rt", pure=True).load(text)
            )
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
