"""Workbooks for the facts: the sheets derived from the model, and ``docgen excel-template``.

Every list of models in the facts (outside ``document``) is a *repeating block* and gets one sheet: its items
are rows, their scalar fields (and the scalar fields of nested single models, and lists of scalars joined with
“、”) are columns.  A list nested in a list item (``tasks.sections[].targets``) gets its own sheet whose first
column names the parent row (“所属任务（序号）”).  Sheet names are the fields' Chinese titles, widened with the
parent's title where two would clash; they are the same for every kind, so :mod:`docgen.excel_import` finds a
sheet's block by its name.  Nothing is hand-listed: a field added to the model appears in the workbook.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

__all__ = [
    "KIND_PREFIX",
    "Block",
    "Column",
    "blocks",
    "blocks_for_kind",
    "domain_name",
    "facts_model",
    "template_bytes",
]

ScalarKind = Literal["int", "str", "bool", "date", "choice", "float", "int_or_text"]
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
LIST_SEP = "、"
#: the 说明 sheet's first line names the kind the workbook was made for: "文种：KIND。…"
KIND_PREFIX = "文种："
HEADER_FILL = "DDEBF7"
EXAMPLE_FONT = "808080"


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]  # field path inside the item: ("reads", "value")
    title: str
    description: str
    kind: ScalarKind
    choices: tuple[str, ...] = ()
    is_list: bool = False
    required: bool = False
    ge: float | None = None
    le: float | None = None
    example: Any = None

    @property
    def header(self) -> str:
        return self.title + ("*" if self.required else "")


@dataclass(frozen=True)
class Block:
    path: tuple[str, ...]  # facts path with "[]" after each list: ("tasks", "sections[]", "targets[]")
    titles: tuple[str, ...]  # Chinese title of each path step
    model: type[BaseModel]
    columns: tuple[Column, ...]
    parents: tuple[Block, ...] = ()  # enclosing repeating blocks, outermost first
    name: str = ""  # the sheet name
    description: str = ""
    nested: tuple[str, ...] = field(default=())  # item fields that are blocks of their own

    @property
    def top(self) -> str:
        return self.full[0].removesuffix("[]")

    @property
    def full(self) -> tuple[str, ...]:
        """The path from the facts root, through the enclosing blocks."""
        return (self.parents[-1].full if self.parents else ()) + self.path

    @property
    def dotted(self) -> str:
        return ".".join(self.full)

    def parent_header(self, parent: Block) -> str:
        return f"所属{parent.name}（序号）*"


# -- the model → blocks -----------------------------------------------------------------------------------


def _strip_optional(ann: Any) -> Any:
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return ann


def _is_model(ann: Any) -> bool:
    return isinstance(ann, type) and issubclass(ann, BaseModel)


def _scalar(ann: Any) -> tuple[ScalarKind, tuple[str, ...]] | None:
    ann = _strip_optional(ann)
    if typing.get_origin(ann) is typing.Annotated:
        ann = typing.get_args(ann)[0]
    if set(typing.get_args(ann)) == {int, Decimal}:  # model.base.Number: a statistic, decimals allowed
        return "float", ()
    if typing.get_origin(ann) is Literal:
        return "choice", tuple(str(a) for a in typing.get_args(ann))
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        args = typing.get_args(ann)
        if int in args and all(a is int or typing.get_origin(a) is Literal for a in args):
            return "int_or_text", ()
        return None
    simple: dict[Any, ScalarKind] = {int: "int", str: "str", bool: "bool", dt.date: "date", float: "float"}
    kind = simple.get(ann)
    return (kind, ()) if kind else None


def _bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    ge = le = None
    for m in info.metadata:
        ge = getattr(m, "ge", None) if getattr(m, "ge", None) is not None else ge
        if getattr(m, "gt", None) is not None:
            ge = m.gt + 1
        le = getattr(m, "le", None) if getattr(m, "le", None) is not None else le
    return ge, le


def _example(model: type[BaseModel], name: str, domain: str | None) -> Any:
    """The example row's value of a field: the domain's invented example (what ``docgen init`` shows), else a
    text field's own default (a unit: “篇”), else None (:func:`example_value` then picks one by kind)."""
    from docgen.init import example_value as init_example

    found, value = init_example(model, name, domain)
    if found:
        return value
    default = model.model_fields[name].default
    return default if isinstance(default, str) and default else None


def _columns(
    model: type[BaseModel], prefix: tuple[str, ...], titles: tuple[str, ...], domain: str | None = None
) -> Iterator[Column | str]:
    """The columns of an item model; a nested list of models is yielded as its field name (a block)."""
    for name, info in model.model_fields.items():
        ann = _strip_optional(info.annotation)
        title = "·".join((*titles, info.title or name))
        required = info.is_required() and not prefix
        example = _example(model, name, domain)
        if typing.get_origin(ann) is list:
            (inner,) = typing.get_args(ann) or (str,)
            if _is_model(inner):
                if not prefix:
                    yield name
                continue
            sc = _scalar(inner)
            if sc is not None:
                desc = (info.description or "") + f"（多项用“{LIST_SEP}”分隔）"
                yield Column((*prefix, name), title, desc, sc[0], sc[1], True, required, example=example)
            continue
        if _is_model(ann):
            yield from _columns(ann, (*prefix, name), (*titles, info.title or name), domain)
            continue
        sc = _scalar(ann)
        if sc is None:
            continue  # a mapping such as document.variants: YAML only
        ge, le = _bounds(info)
        yield Column(
            (*prefix, name), title, info.description or "", sc[0], sc[1], False, required, ge, le, example
        )


def _walk(
    model: type[BaseModel],
    path: tuple[str, ...],
    titles: tuple[str, ...],
    parents: tuple[Block, ...],
    domain: str | None = None,
) -> Iterator[Block]:
    for name, info in model.model_fields.items():
        if not path and name == "document":
            continue
        ann = _strip_optional(info.annotation)
        title = info.title or name
        if _is_model(ann):
            yield from _walk(ann, (*path, name), (*titles, title), parents, domain)
        elif typing.get_origin(ann) is list and _is_model(typing.get_args(ann)[0]):
            item = typing.get_args(ann)[0]
            cols = list(_columns(item, (), (), domain))
            block = Block(
                (*path, name + "[]"),
                (*titles, title),
                item,
                tuple(c for c in cols if isinstance(c, Column)),
                parents,
                description=info.description or title,
                nested=tuple(c for c in cols if isinstance(c, str)),
            )
            yield block
            yield from _walk(item, (), (), (*parents, block), domain)


def facts_model(domain: str | None = None) -> type[BaseModel]:
    """The root facts model of ``domain`` (the first registered domain when None), from the registry."""
    from docgen import registry

    spec = registry.domains()[0] if domain is None else registry.domain(domain)
    model: type[BaseModel] = registry.load_object(spec.facts_model)
    return model


def domain_name(domain: str | None = None) -> str:
    """``domain``, or the name of the first registered domain."""
    from docgen import registry

    return registry.domains()[0].name if domain is None else domain


@functools.cache
def _blocks(domain: str) -> tuple[Block, ...]:
    raw = []
    for b in _walk(facts_model(domain), (), (), (), domain):
        full = tuple(t for p in b.parents for t in p.titles) + b.titles
        raw.append((b, full))
    names: list[str] = []
    for b, full in raw:
        for n in range(1, len(full) + 1):
            candidate = _sheet_name("-".join(full[-n:]))
            clash = [o for o, ofull in raw if o is not b and _sheet_name("-".join(ofull[-n:])) == candidate]
            if not clash:
                break
        names.append(candidate)
    out: list[Block] = []
    by_path: dict[str, Block] = {}
    for (b, _), name in zip(raw, names, strict=True):
        parents = tuple(by_path[p.dotted] for p in b.parents)
        nb = Block(b.path, b.titles, b.model, b.columns, parents, name, b.description, b.nested)
        by_path[b.dotted] = nb
        out.append(nb)
    return tuple(out)


def blocks(domain: str | None = None) -> tuple[Block, ...]:
    """Every repeating block of ``domain``'s facts model (the first registered domain when None), with unique
    sheet names, in model order."""
    return _blocks(domain_name(domain))


def _sheet_name(text: str) -> str:
    return _BAD_SHEET.sub("_", text)[:31]


def blocks_for_kind(kind: str) -> tuple[Block, ...]:
    from docgen import registry

    allowed = {"org", *registry.kind(kind).blocks}
    return tuple(b for b in blocks(registry.domain_of(kind).name) if b.top in allowed)


# -- the template -----------------------------------------------------------------------------------------

_EXAMPLES: dict[ScalarKind, Any] = {
    "int": 10,
    "str": "示例（虚构）",
    "bool": "是",
    "date": dt.date(2024, 12, 6),
    "float": 10,  # a counted value: an integer suits every unit (a decimal only 万/亿 units and money)
    "int_or_text": "auto",
}


def example_value(col: Column) -> Any:
    """What the example row shows in a column (the field's own example when it has one)."""
    if col.example is not None:
        value = col.example
        if isinstance(value, list):
            return LIST_SEP.join(map(str, value))
        if isinstance(value, bool):
            return "是" if value else "否"
        return value
    if col.kind == "choice":
        return next((c for c in col.choices if c), "")
    if col.kind == "int" and col.ge is not None:
        return max(int(col.ge), 1)
    return _EXAMPLES[col.kind]


def _help_rows(kind: str, sheets: tuple[Block, ...]) -> list[tuple[str, str]]:
    rows = [
        ("docgen 统计表", f"{KIND_PREFIX}{kind}。每个工作表是事实文件中的一个“可重复”部分，每行一项。"),
        (
            "填写",
            "第1行是列名（带 * 的必填；把鼠标停在列名上可看说明），第2行是灰色的示例行：覆盖它或删去它。",
        ),
        ("可选值", "有下拉箭头的格子只能选列出的值；数字格只能填阿拉伯数字（不加单位、不写“余”“多”）。"),
        ("多项", f"一个格子里写多项时用“{LIST_SEP}”分隔。日期写成 2024-12-06（或 2024年12月6日）。"),
        (
            "导入",
            "docgen import 本文件.xlsx --into 事实.yaml -o 事实.yaml：只替换本工作簿中填了数据的部分，其余不变。",
        ),
        ("注意", "不要合并单元格；公式须有计算结果（在 Excel/WPS 中保存过）；空行会被跳过。"),
    ]
    rows += [(b.name, f"{b.dotted}：{b.description}") for b in sheets]
    return rows


def template_bytes(kind: str, *, extra: Callable[[Any], None] | None = None) -> bytes:
    """The workbook for ``kind``: a 说明 sheet, then one sheet per repeating block the kind uses; ``extra``
    adds more sheets to the openpyxl workbook (:func:`docgen.mailmerge.template_with_units`: the ``units``
    sheet)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    help_ws = wb.active
    assert help_ws is not None
    help_ws.title = "说明"
    sheets = blocks_for_kind(kind)
    for row in _help_rows(kind, sheets):
        help_ws.append(row)
    help_ws.column_dimensions["A"].width = 24
    help_ws.column_dimensions["B"].width = 100
    for b in sheets:
        ws = wb.create_sheet(b.name)
        headers: list[tuple[str, str, Column | None]] = [
            (b.parent_header(p), f"这一行属于“{p.name}”表的第几项（从 1 数起）", None) for p in b.parents[-1:]
        ]
        headers += [(c.header, c.description, c) for c in b.columns]
        for j, (text, desc, col) in enumerate(headers, start=1):
            cell = ws.cell(1, j, text)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            where = ".".join(col.path) if col else "上级序号"
            comment = Comment(f"{desc}\n字段：{b.dotted}.{where}", "docgen")
            comment.width, comment.height = 300, 120
            cell.comment = comment
            ws.column_dimensions[get_column_letter(j)].width = max(10, min(40, 2 * len(text) + 4))
            example = 1 if col is None else example_value(col)
            ex = ws.cell(2, j, example)
            ex.font = Font(italic=True, color=EXAMPLE_FONT)
            if isinstance(example, dt.date):
                ex.number_format = "yyyy-mm-dd"
            letter = get_column_letter(j)
            rng = f"{letter}2:{letter}1000"
            dv = _validation(col, DataValidation)
            if dv is not None:
                dv.add(rng)
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
    if extra is not None:
        extra(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _validation(col: Column | None, dv_cls: Any) -> Any:
    if col is None:
        return dv_cls(
            "whole",
            operator="greaterThanOrEqual",
            formula1="1",
            allow_blank=True,
            showErrorMessage=True,
            error="请填写从 1 起的序号",
            errorTitle="序号",
        )
    if col.is_list:
        return None
    if col.kind == "choice":
        options = ",".join(c for c in col.choices if c)
        if len(options) > 250 or not options:
            return None
        return dv_cls(
            "list",
            formula1=f'"{options}"',
            allow_blank=True,
            showErrorMessage=True,
            error=f"只能选：{options}",
            errorTitle=col.title,
        )
    if col.kind == "bool":
        return dv_cls(
            "list",
            formula1='"是,否"',
            allow_blank=True,
            showErrorMessage=True,
            error="只能选：是、否",
            errorTitle=col.title,
        )
    if col.kind in ("int", "float"):
        low = int(col.ge) if col.ge is not None else 0
        kind = "whole" if col.kind == "int" else "decimal"
        if col.le is not None:
            return dv_cls(
                kind,
                operator="between",
                formula1=str(low),
                formula2=str(int(col.le)),
                allow_blank=True,
                showErrorMessage=True,
                error=f"请填写 {low}—{int(col.le)} 之间的数",
                errorTitle=col.title,
            )
        return dv_cls(
            kind,
            operator="greaterThanOrEqual",
            formula1=str(low),
            allow_blank=True,
            showErrorMessage=True,
            error=f"请填写不小于 {low} 的阿拉伯数字",
            errorTitle=col.title,
        )
    if col.kind == "date":
        return dv_cls("date", operator="greaterThan", formula1="1", allow_blank=True, showErrorMessage=False)
    return None
