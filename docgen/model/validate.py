"""From a loaded YAML mapping to a validated facts model (the domain's subclass of :class:`BaseFacts`), with every problem located.

Three passes, all problems collected before stopping once:
1. a walk over the raw data (placeholder tokens such as ×, xx, 20xx, 某某 anywhere);
2. Pydantic field validation, each error translated to Chinese and mapped back to its line and column;
3. the cross-field rules (the kind's :class:`~docgen.registry.KindSpec`, then its domain's ``rules``), on the whole model, or when pass 2 found errors on the parts
   that did validate (``docgen.model.salvage``): field errors and rule errors are reported together.

An optional field written empty (``key:``, ``key: null``) is the same as the field left out (``FactModel``);
a required field written empty is reported as not yet filled.
"""

from __future__ import annotations

import difflib
import re
from os import PathLike
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from docgen import registry
from docgen.errors import FactsError, Problem
from docgen.load import Loaded, format_loc, load_yaml
from docgen.model.basefacts import BaseFacts
from docgen.model.issues import Issue
from docgen.model.kindcheck import check_kind_spec
from docgen.model.libcheck import STEP, Libraries, check_library
from docgen.model.salvage import model_at, salvage
from docgen.zh import find_placeholders
from docgen.zhtext import may_hold_placeholder

Loc = tuple[str | int, ...]


def root_model(data: Any) -> type[BaseFacts]:
    """The facts model that validates ``data``: that of the domain of its ``document.kind``, read first; the
    first domain's when the kind is missing or unknown (validation then reports the kind with the rest)."""
    doc = data.get("document") if isinstance(data, dict) else None
    name = doc.get("kind") if isinstance(doc, dict) else None
    if isinstance(name, str) and name in registry.kind_names():
        model: type[BaseFacts] = registry.facts_model(name)
    else:
        model = registry.facts_model(registry.domains()[0].kinds[0].name)
    return model


def rules_for(facts: BaseModel, skip: frozenset[str] = frozenset()) -> list[Issue]:
    """The cross-field findings on a validated (or salvaged) model: the kind's KindSpec checks, then the rules
    of its domain (``DomainSpec.rules``)."""
    kind: str = getattr(facts, "document").kind  # noqa: B009 - every facts model has one
    issues = list(check_kind_spec(facts, registry.kind(kind)))
    domain = registry.domain_of(kind)
    if domain.rules is not None:
        issues.extend(registry.load_object(domain.rules)(facts, skip=skip))
    return issues


def field_at(loc: Loc, root: type[BaseModel]) -> FieldInfo | None:
    keys = [c for c in loc if isinstance(c, str)]
    if not keys:
        return None
    parent = model_at(tuple(c for c in loc[: max(i for i, c in enumerate(loc) if isinstance(c, str))]), root)
    if parent is None:
        return None
    return parent.model_fields.get(keys[-1])


def _title(loc: Loc, root: type[BaseModel]) -> str:
    info = field_at(loc, root)
    return f"（{info.title}）" if info is not None and info.title else ""


def _data_prefix(data: Any, loc: Loc) -> tuple[Loc, Any, bool]:
    """The longest prefix of ``loc`` that exists in the data, the value there, and whether all of loc exists."""
    node = data
    for i, comp in enumerate(loc):
        if isinstance(node, dict) and isinstance(comp, str) and comp in node:
            node = node[comp]
            continue
        if isinstance(node, list) and isinstance(comp, int) and 0 <= comp < len(node):
            node = node[comp]
            continue
        return loc[:i], node, False
    return loc, node, True


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


_SIMPLE = {
    "int_type": ("not-int", "应为整数"),
    "int_parsing": ("not-int", "应为整数（阿拉伯数字，不加单位）"),
    "int_from_float": ("not-int", "应为整数"),
    "bool_type": ("not-bool", "应为 true 或 false"),
    "bool_parsing": ("not-bool", "应为 true 或 false"),
    "string_type": ("not-text", "应为文字"),
    "date_type": ("bad-date", "应为日期，格式如 2024-12-06"),
    "date_parsing": ("bad-date", "应为日期，格式如 2024-12-06"),
    "date_from_datetime_parsing": ("bad-date", "应为日期，格式如 2024-12-06"),
    "date_from_datetime_inexact": ("bad-date", "应为日期，不要带时间"),
    "list_type": ("not-list", "应为列表（每项以“- ”开头）"),
    "dict_type": ("not-mapping", "应为下一级字段的映射（缩进写出各字段）"),
    "model_type": ("not-mapping", "应为下一级字段的映射（缩进写出各字段）"),
    "model_attributes_type": ("not-mapping", "应为下一级字段的映射（缩进写出各字段）"),
    "string_pattern_mismatch": ("bad-format", "格式不符：以字母开头，只用字母、数字、下划线和连字符"),
    "finite_number": ("not-number", "应为有限的数值（不能是 .inf 或 .nan）"),
    "int_parsing_size": ("too-large", "数值过大：绝对值不能超过 1,000,000,000,000（一万亿）"),
    "float_type": ("not-number", "应为数值"),
    "float_parsing": ("not-number", "应为数值（阿拉伯数字，不加单位）"),
    "string_too_long": ("text-too-long", "文字过长"),
    "too_long": ("too-many", "项数过多"),
}


_KEY_TYPO = re.compile(r"([A-Za-z_][A-Za-z0-9_]*) *(?:：|:(?=[^\s:/]))")


def _translate(err: dict[str, Any], data: Any, root: type[BaseModel]) -> tuple[Loc, str, str, bool]:
    """(data loc, code, Chinese message, point at key?) for one Pydantic error."""
    typ: str = err["type"]
    raw_loc: Loc = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    if typ == "missing":
        loc, _, _ = _data_prefix(data, raw_loc)
        key = raw_loc[len(loc)] if len(raw_loc) > len(loc) else raw_loc[-1]
        full = (*loc, key)
        return full, "missing-field", f"缺少必填字段“{key}”{_title(full, root)}", True
    if typ == "extra_forbidden":
        key = raw_loc[-1]
        parent = model_at(raw_loc[:-1], root)
        allowed = list(parent.model_fields) if parent is not None else []
        best = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f"，是否应为“{best[0]}”？" if best else f"。可用字段：{'、'.join(allowed)}"
        return raw_loc, "unknown-key", f"未知字段“{key}”{hint}", True
    loc, value, _ = _data_prefix(data, raw_loc)
    if value is None and loc:  # written but left empty ("key:" or "key: null")
        last = loc[-1]
        if isinstance(last, int):
            return loc, "missing-field", f"列表第 {last + 1} 项尚未填写", False
        return loc, "missing-field", f"必填字段“{last}”{_title(loc, root)}尚未填写", False
    if typ == "literal_error":
        expected = str(ctx.get("expected", ""))
        shown = "、".join(c or "（空）" for c in re.findall(r"'([^']*)'", expected)) or expected
        return loc, "bad-choice", f"取值“{_show(value)}”无效，可选：{shown}", False
    if typ in ("greater_than_equal", "greater_than"):
        return loc, "too-small", f"数值 {_show(value)} 过小：不能小于 {ctx.get('ge', ctx.get('gt'))}", False
    if typ in ("less_than_equal", "less_than"):
        return loc, "too-large", f"数值 {_show(value)} 过大：不能大于 {ctx.get('le', ctx.get('lt'))}", False
    if typ == "too_short":
        return loc, "too-few", f"至少需要 {ctx.get('min_length', 1)} 项", False
    if typ == "string_too_short":
        return loc, "empty-text", "不能为空", False
    if typ in _SIMPLE:
        code, msg = _SIMPLE[typ]
        typo = _KEY_TYPO.match(value) if code == "not-mapping" and isinstance(value, str) else None
        if typo:  # "- key：value": a key whose colon YAML could not see
            msg += f"；“{typo.group(1)}”后面的冒号要写成半角冒号加空格“{typo.group(1)}: ”"
        return loc, code, f"{msg}，实际为“{_show(value)}”" if value is not None else msg, False
    if typ.startswith("docgen-"):
        field = ctx.get("field")  # a model-level check that names its field (a counted value's number)
        if isinstance(field, str) and loc == raw_loc:
            loc = (*loc, field)
        return loc, typ.removeprefix("docgen-"), str(err.get("msg", "")), False
    if typ == "value_error":
        return loc, "invalid-value", str(ctx.get("error", err.get("msg", ""))), False
    return loc, "invalid-value", f"值“{_show(value)}”不合法", False


def _placeholder_issues(node: Any) -> list[tuple[Loc, str, str]]:
    """Every text of the raw data that holds a placeholder (×、xx、某某…), with its location."""
    out: list[tuple[Loc, str, str]] = []
    _scan_placeholders(node, (), out)
    return out


def _scan_placeholders(node: Any, loc: Loc, out: list[tuple[Loc, str, str]]) -> None:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else None
    if items is None:
        if isinstance(node, str):
            _placeholder_in(node, loc, out)
        return
    for k, v in items:
        if isinstance(v, str):
            if may_hold_placeholder(v):  # most texts have none of the characters: no location made
                _placeholder_in(v, (*loc, k), out)
        elif isinstance(v, dict | list):
            _scan_placeholders(v, (*loc, k), out)


def _placeholder_in(text: str, loc: Loc, out: list[tuple[Loc, str, str]]) -> None:
    hits = find_placeholders(text)
    if hits:
        tokens = "、".join(dict.fromkeys(f"“{tok}”" for _, tok in hits))
        out.append((loc, "placeholder", f"含占位符{tokens}：请填写真实内容，或删除该项（缺少的事实会整句略去）"))


def validate_loaded(loaded: Loaded, *, libraries: Libraries | None = None) -> BaseFacts:
    """Validate a loaded mapping; raise :class:`FactsError` with every problem, sorted by line.

    Validation never loads the fragment library: with ``libraries`` (domain name → its library) the checks
    that read it (:mod:`docgen.model.libcheck`) run too; :func:`docgen.api.validate_facts` hands it."""
    src = loaded.source
    problems: list[Problem] = []

    def add(loc: Loc, code: str, message: str, *, key: bool = False) -> None:
        _, node, exists = _data_prefix(loaded.data, loc)
        if exists and isinstance(node, dict | list):  # a whole block: point at its key, not its first child
            key = True
        line, col = src.locate(loc, prefer_key=key)
        problems.append(Problem(loaded.file, line, col, format_loc(loc), code, message))

    for loc, code, msg in _placeholder_issues(loaded.data):
        add(loc, code, msg)
    root = root_model(loaded.data)
    facts: BaseFacts | None = None
    try:
        facts = root.model_validate(loaded.data)
    except ValidationError as exc:
        grouped: dict[Loc, tuple[str, bool, list[str]]] = {}
        for err in exc.errors(include_url=False):
            loc, code, msg, key = _translate(dict(err), loaded.data, root)
            _, _, msgs = grouped.setdefault(loc, (code, key, []))
            if msg not in msgs:
                msgs.append(msg)
        for loc, (code, key, msgs) in grouped.items():
            add(loc, code, msgs[0] if len(msgs) == 1 else "；或".join(msgs), key=key)
        part = salvage(loaded.data, exc, root)
        if part is not None:
            found = rules_for(part.facts, part.skip_rules)
            if libraries is not None and STEP not in part.skip_rules:
                found += check_library(part.facts, libraries)
            for issue in found:
                at = part.file_loc(issue.loc)
                if part.keeps(at, issue.code):
                    add(at, issue.code, issue.message)
    else:
        found = rules_for(facts)
        if libraries is not None:
            found += check_library(facts, libraries)
        for issue in found:
            add(issue.loc, issue.code, issue.message)
    if problems:
        raise FactsError(problems)
    assert facts is not None
    return facts


def load_facts(path: str | PathLike[str], *, libraries: Libraries | None = None) -> BaseFacts:
    """Read, parse and validate a facts file.  Raises :class:`FactsError` listing every problem."""
    return validate_loaded(load_yaml(path), libraries=libraries)
