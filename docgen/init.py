"""``docgen init KIND``: a commented Chinese YAML skeleton of a facts file for one document kind.

The skeleton is generated from the facts model, so it cannot drift from it:
- the top-level blocks are those the kind uses (its ``KindSpec.blocks`` in :mod:`docgen.registry`), taken from its
  domain's facts model; nested models are walked field by field;
- every field line carries a comment with the field's Chinese title and description, and an invented example
  (the Field's ``examples``, else :data:`EXAMPLES`);
- required values are left empty (``key:`` is null) and required lists are ``[]``, so ``docgen validate`` on an
  unfilled skeleton reports each field still to fill, on its own line; optional values are left empty (empty
  means not given: the default applies, and the comment shows it), so an optional block left untouched is empty;
- a list shows one commented example item under the key; uncomment it and delete the ``[]``.

No placeholder token (the validator rejects them) appears anywhere in the skeleton, comments included.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
import typing
import unicodedata
from importlib import resources
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from docgen import registry
from docgen.model.basefacts import SCHEMA_VERSION

__all__ = ["EXAMPLES", "INVENTED", "description", "example_item", "example_value", "hints", "skeleton"]

Loc = tuple[str, ...]

#: Invented names used in examples; a comment showing one of them says it is invented (虚构).
INVENTED = ("澄阳", "东岚", "青禾", "临溪", "望川", "石湾", "林远航")

#: Examples for fields whose Field has none, keyed ``Model.field``, for every domain; a domain's own (its
#: ``DomainSpec.skeleton_hints``) come first.  For a list of texts a single string is one item.
EXAMPLES: dict[str, Any] = {}

# Document fields only speeches use (which fields only some kinds use is the domain's: SkeletonHints).
_SPEECH_ONLY = frozenset({"speaker", "on_behalf_of", "salutation", "points_count", "thank_you_line"})
#: document fields a skeleton shows only for the kinds its domain's hints name (``document_only``)
_KIND_SPECIFIC = frozenset({"occasion", "section_order", "problems_placement"})
_COMMENT_COL = 40


# ---------------------------------------------------------------------------------------------------------
# annotations


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(annotation without ``None`` and ``Annotated``, whether ``None`` is allowed)."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation, nullable


def _model(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _list_item(annotation: Any) -> Any | None:
    if typing.get_origin(annotation) is list:
        inner, _ = _unwrap(typing.get_args(annotation)[0])
        return inner
    return None


def _literal_choices(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(c for a in typing.get_args(annotation) for c in _literal_choices(_unwrap(a)[0]))
    return ()


def _default(info: FieldInfo) -> tuple[bool, Any]:
    """(has a usable default, the default); ``None`` defaults count as none."""
    if info.default_factory is None and info.default in (PydanticUndefined, None):
        return False, None
    return True, info.get_default(call_default_factory=True, validated_data={})


_NO_HINTS = registry.SkeletonHints(examples={}, document_only={}, salutations={}, prefill={})


def hints(domain: str | None = None) -> registry.SkeletonHints:
    """The skeleton hints of ``domain`` (the first registered domain when None); none if it declares none."""
    spec = registry.domains()[0] if domain is None else registry.domain(domain)
    if spec.skeleton_hints is None:
        return _NO_HINTS
    found: registry.SkeletonHints = registry.load_object(spec.skeleton_hints)
    return found


def description(model: type[BaseModel], name: str, domain: str | None = None) -> str:
    """A field's description: the domain's own (its hints; the first registered domain's when None), else the
    Field's."""
    own = hints(domain).descriptions.get(f"{model.__name__}.{name}")
    return own if own is not None else model.model_fields[name].description or ""


def example_value(model: type[BaseModel], name: str, domain: str | None = None) -> tuple[bool, Any]:
    """(has an example, the example) for one field: the domain's hints (the first registered domain's when
    None), else :data:`EXAMPLES`, else the Field's ``examples``."""
    key = f"{model.__name__}.{name}"
    info = model.model_fields[name]
    inner, _ = _unwrap(info.annotation)
    own = hints(domain).examples
    if key in own:
        value = own[key]
    elif key in EXAMPLES:
        value = EXAMPLES[key]
    elif info.examples:
        value = info.examples[0]
    else:
        return False, None
    if inner is dt.date and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if _list_item(inner) is not None and not isinstance(value, list):
        value = [value]
    return True, value


def _sample(model: type[BaseModel], name: str, domain: str | None = None) -> Any:
    """The value an example item shows for a field: its example, else its default, else the first choice."""
    info = model.model_fields[name]
    inner, _ = _unwrap(info.annotation)
    found, value = example_value(model, name, domain)
    if found:
        return value
    has_default, default = _default(info)
    if has_default and not isinstance(default, BaseModel):
        return default
    choices = _literal_choices(inner)
    if choices and info.is_required():
        return choices[0]
    return None


def example_item(model: type[BaseModel], domain: str | None = None) -> dict[str, Any]:
    """A complete example mapping of ``model`` (the item a skeleton shows commented out under a list), with
    ``domain``'s examples (the first registered domain's when None)."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        inner, _ = _unwrap(info.annotation)
        sub = _model(inner)
        item = _list_item(inner)
        item_model = _model(item) if item is not None else None
        if sub is not None:
            out[name] = example_item(sub, domain)
        elif item_model is not None:
            out[name] = [example_item(item_model, domain)]
        else:
            out[name] = _sample(model, name, domain)
    return out


# ---------------------------------------------------------------------------------------------------------
# text


_PLAIN_RE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`~][^#]*$")
_NOT_STR_RE = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:eExXoObB+-]*|\.inf|\.nan|true|false|yes|no|on|off|null|~|"
    r"\d{4}-\d\d?-\d\d?.*)$",
    re.IGNORECASE,
)


def _scalar(value: Any) -> str:
    """YAML text of a scalar (strings quoted only when plain style would be misread)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (
        text
        and _PLAIN_RE.match(text)
        and not _NOT_STR_RE.match(text)
        and ": " not in text
        and not text.endswith((":", " "))
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value) or "null"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _invented(text: str) -> bool:
    return any(name in text for name in INVENTED) and "虚构" not in text


class _Writer:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.domain = registry.domain_of(kind).name
        self.hints = hints(self.domain)
        self.lines: list[str] = []
        self.prefill: dict[Loc, Any] = {
            ("schema_version",): SCHEMA_VERSION,
            ("document", "kind"): kind,
            **self.hints.prefill.get(kind, {}),
        }
        self.spec = registry.kind(kind)
        if self.spec.speech:
            self.prefill[("document", "salutation")] = self.hints.salutations.get(kind, "同志们")

    def emit(self, code: str, comment: str) -> None:
        pad = max(_COMMENT_COL - _width(code), 2)
        self.lines.append(f"{code}{' ' * pad}# {comment}")

    def note(self, indent: int, text: str) -> None:
        self.lines.append(f"{' ' * indent}# {text}")

    # -- fields of a real (uncommented) mapping --------------------------------------------------------------

    def fields(self, model: type[BaseModel], loc: Loc, indent: int) -> None:
        for name, info in model.model_fields.items():
            if not info.is_required() and f"{model.__name__}.{name}" in self.hints.omit:
                continue
            if self.wanted(loc, name):
                self.field(model, name, info, (*loc, name), indent)

    def wanted(self, loc: Loc, name: str) -> bool:
        if loc == ():
            return name in ("schema_version", "document", "org") or name in self.spec.blocks
        if loc == ("document",):
            if name in _SPEECH_ONLY and not self.spec.speech:
                return False
            only = self.hints.document_only
            if name in _KIND_SPECIFIC or name in only:
                return self.kind in only.get(name, frozenset())
        return True

    def describe(self, model: type[BaseModel], name: str, info: FieldInfo, *, lead: str = "") -> str:
        title = info.title or name
        desc = description(model, name, self.domain)
        text = title if not desc or desc == title else f"{title}：{desc}"
        found, example = example_value(model, name, self.domain)
        if found and example not in (None, [], {}):
            shown = _flow(example)
            if shown not in text:
                text += f"；例：{shown}"
        if _invented(text):
            text += "（示例为虚构）"
        return lead + text

    def field(self, model: type[BaseModel], name: str, info: FieldInfo, loc: Loc, indent: int) -> None:
        pad = " " * indent
        inner, nullable = _unwrap(info.annotation)
        required = info.is_required()
        sub = _model(inner)
        item = _list_item(inner)
        if loc in self.prefill:
            self.emit(f"{pad}{name}: {_scalar(self.prefill[loc])}", self.describe(model, name, info))
            return
        if sub is not None:
            lead = "【必填】" if required else ("（可整块删去）" if nullable else "")
            self.emit(f"{pad}{name}:", self.describe(model, name, info, lead=lead))
            self.fields(sub, loc, indent + 2)
            return
        if item is not None:
            min_items = next((m.min_length for m in info.metadata if hasattr(m, "min_length")), 0) or 0
            lead = "【必填，至少一项】" if min_items else ""
            value = "" if nullable and not required else " []"
            how = "删去 [] 后按下面的示例逐项填写" if value else "按下面的示例逐项填写"
            comment = self.describe(model, name, info, lead=lead)
            self.emit(f"{pad}{name}:{value}", f"{comment}（列表：{how}）")
            item_model = _model(item)
            if item_model is not None:
                self.commented_item(item_model, indent + 2)
            else:
                found, example = example_value(model, name, self.domain)
                values = example if found else list(_literal_choices(item)[:1])
                for value_item in values:
                    self.lines.append(f"{pad}  # - {_scalar(value_item)}")
            return
        if typing.get_origin(inner) is dict:
            self.emit(f"{pad}{name}: {{}}", self.describe(model, name, info))
            return
        # optional values stay empty (empty means not given: the default applies), the default is in the comment
        has_default, default = _default(info)
        comment = self.describe(model, name, info, lead="【必填】" if required else "")
        if has_default and default not in ("", [], {}) and not isinstance(default, BaseModel):
            comment += f"（留空即 {_flow(default)}）"
        self.emit(f"{pad}{name}:", comment)

    # -- commented example items ------------------------------------------------------------------------------

    def commented_item(self, model: type[BaseModel], indent: int) -> None:
        """One example item of a list, every line commented out with ``#`` in the same column."""
        self.commented_mapping(model, example_item(model, self.domain), indent, 0, first_prefix="- ")

    def commented_mapping(
        self, model: type[BaseModel], data: dict[str, Any], base: int, depth: int, *, first_prefix: str = ""
    ) -> None:
        for i, (name, value) in enumerate(data.items()):
            info = model.model_fields[name]
            prefix = first_prefix if i == 0 else " " * len(first_prefix)
            code = f"{' ' * base}# {' ' * depth}{prefix}{name}:"
            title = info.title or name
            note = f"{title}（示例为虚构）" if _invented(_flow(value)) else title
            inner, _ = _unwrap(info.annotation)
            sub = _model(inner)
            item = _list_item(inner)
            item_model = _model(item) if item is not None else None
            inner_depth = depth + len(first_prefix) + 2
            if sub is not None:
                self.emit(code, note)
                self.commented_mapping(sub, value, base, inner_depth)
            elif item_model is not None:
                self.emit(code, note)
                self.commented_mapping(item_model, value[0], base, inner_depth, first_prefix="- ")
            else:
                shown = _flow(value) if isinstance(value, list | dict) else _scalar(value)
                self.emit(f"{code} {shown}" if shown else code, note)


def _domain_flag(kind: str) -> str:
    """`` --domain NAME`` unless the kind is of the first domain (the schema command's default)."""
    name = registry.domain_of(kind).name
    return "" if name == registry.domains()[0].name else f" --domain {name}"


def _header(kind: str) -> list[str]:
    return [
        "# yaml-language-server: $schema=./docgen.schema.json",
        "# 上一行让编辑器（如装有 YAML 插件的 VS Code）按 JSON Schema 提示和检查字段；",
        f"# 该文件由 `docgen schema{_domain_flag(kind)} -o docgen.schema.json` 生成，放在本文件旁边。",
        "#",
        f"# docgen 事实文件骨架。文种：{kind}，{registry.kind(kind).description}",
        "# 填写方法：",
        "# - 标【必填】的字段必须填写；其余字段没有数据时留空，或连同整块删去（缺少的事实整句略去，不会编造）。",
        "# - 列表字段写成 []：删去 []，把下面以“# - ”开头的示例去掉注释号后照样填写，一项一段。",
        "# - 不知道的内容不要用占位符代替，留空即可；`docgen validate 文件名` 会逐条指出还要填写的字段和行号。",
        "# - 注释里的示例（地名、人名、报刊名）均为虚构，请换成本单位的真实情况。",
        "",
    ]


def skeleton(kind: str) -> str:
    """The commented YAML skeleton of a facts file for ``kind`` (a registered kind: ``docgen kinds``)."""
    if kind not in registry.kind_names():
        raise ValueError(registry.unknown_kind_message(kind))
    spec = registry.kind(kind)
    if spec.skeleton:  # a domain may ship a hand-written skeleton instead
        return (resources.files(registry.domain_of(kind).package) / spec.skeleton).read_text(encoding="utf-8")
    writer = _Writer(kind)
    writer.lines.extend(_header(kind))
    writer.fields(registry.facts_model(kind), (), 0)
    return "\n".join(writer.lines) + "\n"
