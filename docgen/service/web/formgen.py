"""The form view of the common blocks, generated from the facts model (same Chinese titles and descriptions).

``form_fields(text)`` walks the models of :data:`FORM_BLOCKS` and reads the current values from the YAML text;
``apply_form(text, values)`` writes the submitted values back into the YAML text with ruamel's round-trip
mode, so comments and the rest of the file are kept and the form and the YAML editor edit the same revision.
Fields the form cannot show well (lists of objects, mappings) are left to the YAML editor.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from docgen.model.basefacts import BaseFacts

__all__ = [
    "FORM_BLOCKS",
    "FormError",
    "FormField",
    "FormGroup",
    "apply_form",
    "choice_label",
    "form_groups",
    "load_rt",
    "rt_yaml",
]

#: The blocks shown in the form view (every kind uses them); the rest is edited in YAML.
FORM_BLOCKS = ("document", "org", "period", "meeting")

Widget = Literal["text", "number", "date", "select", "lines", "bool"]


class FormError(Exception):
    """The YAML text cannot be read or written by the form (the message is Chinese)."""


@dataclass
class FormField:
    path: str  # dotted, e.g. "document.date"
    title: str
    description: str
    widget: Widget
    value: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    default: str = ""

    @property
    def choice_labels(self) -> list[tuple[str, str]]:
        """(value, label) of each choice: the words the description gives it, e.g. ``county`` → 一、/1./一是."""
        return [(c, choice_label(self.description, c)) for c in self.choices]

    @property
    def dom_id(self) -> str:
        return "f-" + self.path.replace(".", "-").replace("_", "-")


@dataclass
class FormGroup:
    path: str
    title: str
    description: str
    fields: list[FormField] = field(default_factory=list)
    groups: list[FormGroup] = field(default_factory=list)


def choice_label(description: str, value: str) -> str:
    """“standard：一、/（一）；county：…” or “leadership_speech 领导讲话 | …” → the words for ``value``."""
    m = re.search(rf"(?:^|[|；;，,\s]){re.escape(value)}\s*[：:\s]\s*([^|；;]+)", description)
    return m.group(1).strip() if m else ""


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(inner annotation, optional?) for ``X | None``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            return args[0], optional
        return annotation, optional
    return annotation, False


def _literals(annotation: Any) -> tuple[str, ...]:
    if typing.get_origin(annotation) is Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    return ()


def _widget(annotation: Any) -> tuple[Widget | None, tuple[str, ...]]:
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "number", ()
    if annotation is dt.date:
        return "date", ()
    if annotation is str:
        return "text", ()
    choices = _literals(annotation)
    if choices:
        return "select", choices
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):  # int | Literal["auto"]: free text
        return "text", ()
    if origin is list:
        inner, _ = _unwrap(typing.get_args(annotation)[0])
        if inner is str or _literals(inner):
            return "lines", ()
    return None, ()


def _show(value: Any, widget: Widget) -> str:
    if value is None:
        return ""
    if widget == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if widget == "bool":
        return "true" if value is True else "false" if value is False else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _group(model: type[BaseModel], path: str, title: str, desc: str, data: Any, depth: int) -> FormGroup:
    group = FormGroup(path, title, desc)
    values = data if isinstance(data, Mapping) else {}
    for name, info in model.model_fields.items():
        ann, _ = _unwrap(info.annotation)
        sub = f"{path}.{name}"
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            if depth < 1:
                group.groups.append(
                    _group(ann, sub, info.title or name, info.description or "", values.get(name), depth + 1)
                )
            continue
        widget, choices = _widget(ann)
        description = info.description or ""
        if sub == "document.kind":  # a registered kind: the registry lists them with their labels
            from docgen import registry

            widget, choices = "select", registry.kind_names()
            description += "：" + " | ".join(f"{k.name} {k.label}" for k in registry.kinds())
        if widget is None:
            continue
        default = info.get_default() if not info.is_required() and info.default_factory is None else None
        group.fields.append(
            FormField(
                sub,
                info.title or name,
                description,
                widget,
                _show(values.get(name), widget),
                info.is_required(),
                choices,
                _show(default, widget) if default is not None else "",
            )
        )
    return group


def rt_yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load_rt(text: str) -> Any:
    try:
        return rt_yaml().load(text) if text.strip() else CommentedMap()
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else "文件中"
        raise FormError(f"YAML 写法有误（{where}），请先在 YAML 编辑器中改正，再使用表单。") from None


def form_groups(text: str) -> list[FormGroup]:
    """The form of the common blocks, filled with the values in ``text`` (empty when the text is unreadable)."""
    try:
        data = load_rt(text)
    except FormError:
        data = {}
    if not isinstance(data, Mapping):
        data = {}
    out = []
    for block in FORM_BLOCKS:
        info = BaseFacts.model_fields[block]
        model, _ = _unwrap(info.annotation)
        out.append(_group(model, block, info.title or block, info.description or "", data.get(block), 0))
    return out


def _all_fields(groups: list[FormGroup]) -> list[FormField]:
    out: list[FormField] = []
    for g in groups:
        out += g.fields
        out += _all_fields(g.groups)
    return out


def _parse(f: FormField, raw: str) -> Any:
    raw = raw.strip()
    if f.widget == "lines":
        return [line.strip() for line in raw.splitlines() if line.strip()]
    if not raw:
        return None
    if f.widget == "number" or (f.widget == "text" and raw.isdigit() and f.path.endswith("points_count")):
        try:
            return int(raw)
        except ValueError:
            return raw  # the validator reports it with its line
    if f.widget == "bool":
        return raw == "true"
    if f.widget == "date":
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    return raw


def apply_form(text: str, values: Mapping[str, str]) -> str:
    """Write the submitted form values into the YAML text; unchanged values leave the text as it is."""
    data = load_rt(text)
    if not isinstance(data, CommentedMap):
        raise FormError("YAML 顶层应是“键: 值”的映射，请先在 YAML 编辑器中改正。")
    changed = False
    for f in _all_fields(form_groups(text)):
        if f.path not in values:
            continue
        raw = values[f.path]
        if raw.strip() == f.value.strip() and f.widget != "lines":
            continue
        new = _parse(f, raw)
        if f.widget == "lines" and new == [line.strip() for line in f.value.splitlines() if line.strip()]:
            continue
        keys = f.path.split(".")
        node = data
        for key in keys[:-1]:
            nxt = node.get(key)
            if not isinstance(nxt, CommentedMap):
                if new in (None, []):
                    break
                nxt = CommentedMap()
                node[key] = nxt
            node = nxt
        else:
            last = keys[-1]
            if new in (None, []) and last in node and not f.required:
                del node[last]
            elif new not in (None, []) or last in node:
                node[last] = new
            changed = True
    if not changed:
        return text
    buf = io.StringIO()
    rt_yaml().dump(data, buf)
    return buf.getvalue()
