"""Mail merge: a shared facts file + a sheet ``units`` (one row per unit) → one document per row.

Row 1 of the sheet names, for each column, the facts value it sets: a facts path in brackets after any title
(``标题 [block.field.value]``, as ``docgen excel-template KIND --units`` writes them), a bare path, or one of
the short names 名称/简称 (``org.short_name``), 全称, 层级, 地名.  Each row is a copy of the shared
facts with the row's non-empty cells put at their paths, validated and rendered like any facts file by
:func:`docgen.batch.run`; a problem in a value from the sheet is reported at its cell (``units!C3``).
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from docgen.batch import BatchOptions, Job, expand_inputs, row_key, safe_stem, unique_names
from docgen.errors import UsageError
from docgen.excel import Column, _is_model, _scalar, _strip_optional, domain_name, facts_model
from docgen.excel_import import CellProblem, WorkbookError, _Bad, _empty, convert

__all__ = ["ALIASES", "UNITS_SHEET", "plan_rows", "template_with_units", "unit_columns", "units_sheet"]

UNITS_SHEET = "units"
ALIASES = {
    "名称": "org.short_name",
    "简称": "org.short_name",
    "单位": "org.short_name",
    "name": "org.short_name",
    "全称": "org.full_name",
    "层级": "org.level",
    "level": "org.level",
    "地名": "org.place",
    "place": "org.place",
}
_BRACKET = re.compile(r"\[([A-Za-z_][\w.]*)\]\s*$")
_PATH = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")


def column_at(path: str, domain: str | None = None) -> Column | None:
    """The column for a facts path (of ``domain``'s facts model; the first registered domain's when None)
    through single models to a scalar; None when there is no such field."""
    model: type[BaseModel] = facts_model(domain)
    titles: list[str] = []
    parts = path.split(".")
    for i, part in enumerate(parts):
        info = model.model_fields.get(part)
        if info is None:
            return None
        titles.append(info.title or part)
        ann = _strip_optional(info.annotation)
        if i < len(parts) - 1:
            if not _is_model(ann):
                return None
            model = ann
            continue
        sc = _scalar(ann)
        if sc is None:
            return None
        return Column(tuple(parts), "·".join(titles), info.description or "", sc[0], sc[1])
    return None


def _field_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The single model of field ``name`` (``org``, a per-unit block) of ``model``."""
    ann = _strip_optional(model.model_fields[name].annotation)
    if not _is_model(ann):
        raise TypeError(f"{model.__name__}.{name} is not a single model")
    found: type[BaseModel] = ann
    return found


def _leaves(model: type[BaseModel], prefix: tuple[str, ...]) -> Iterator[str]:
    for name, info in model.model_fields.items():
        ann = _strip_optional(info.annotation)
        if _is_model(ann):
            yield from _leaves(ann, (*prefix, name))
        elif _scalar(ann) is not None:
            yield ".".join((*prefix, name))


def unit_columns(domain: str | None = None) -> list[Column]:
    """The columns of a generated ``units`` sheet: the unit's own fields, then every count and text of the
    domain's per-unit blocks (``DomainSpec.unit_blocks``) that is not inside a list (the lists have their own
    sheets)."""
    from docgen import registry

    name = domain_name(domain)
    root = facts_model(name)
    paths = [p for p in _leaves(_field_model(root, "org"), ("org",)) if p.count(".") == 1]
    for block in registry.domain(name).unit_blocks:
        paths += list(_leaves(_field_model(root, block), (block,)))
    columns = [column_at(p, name) for p in paths]
    return [
        c for c in columns if c is not None and not c.path[-1].startswith(("presentation", "qualitative"))
    ]


def template_with_units(kind: str) -> bytes:
    """The statistics workbook of ``kind`` (:func:`docgen.excel.template_bytes`) with the ``units`` sheet."""
    from docgen import registry
    from docgen.excel import template_bytes

    domain = registry.domain_of(kind).name
    return template_bytes(kind, extra=lambda wb: units_sheet(wb, domain))


def units_sheet(wb: Any, domain: str | None = None) -> None:
    """Add the ``units`` sheet to an openpyxl workbook (headers ``标题 [path]`` with their descriptions)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    ws = wb.create_sheet(UNITS_SHEET, 1)
    for j, col in enumerate(unit_columns(domain), start=1):
        cell = ws.cell(1, j, f"{col.title} [{'.'.join(col.path)}]")
        cell.font = Font(bold=True)
        cell.comment = Comment(f"{col.description}\n每行一个单位；留空则用共用事实文件中的值。", "docgen")
    ws.freeze_panes = "A2"


def _unknown_column_message(domain: str | None) -> str:
    cols = unit_columns(domain)
    sample = next((c for c in cols if c.path[0] != "org"), cols[0] if cols else None)
    shown = f"（如“{sample.title} [{'.'.join(sample.path)}]”）" if sample else ""
    return f"不认识的列：列名写成“标题 [事实路径]”{shown}，或 名称、全称、层级、地名"


def _columns(
    ws: Any, file: str, domain: str | None = None
) -> tuple[dict[int, tuple[str, Column]], list[CellProblem]]:
    columns: dict[int, tuple[str, Column]] = {}
    problems = []
    for cell in ws[1]:
        if _empty(cell.value):
            continue
        text = str(cell.value).strip()
        m = _BRACKET.search(text)
        path = m.group(1) if m else ALIASES.get(text.rstrip("*"), text if _PATH.match(text) else "")
        col = column_at(path, domain) if path else None
        if col is None:
            message = _unknown_column_message(domain)
            problems.append(CellProblem(file, ws.title, 1, cell.column, text, "unknown-column", message))
            continue
        columns[cell.column] = (text, col)
    return columns, problems


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value


def read_rows(
    workbook: Path, sheet: str = UNITS_SHEET, domain: str | None = None
) -> list[tuple[int, dict[tuple[str, ...], Any], dict[str, str], list[str]]]:
    """Each non-empty row: (row number, {path: value}, {path: cell}, problems as lines); the columns name
    fields of ``domain``'s facts model (the first registered domain's when None)."""
    from docgen.excel_import import _open

    file = os.fspath(workbook)
    values_wb, formulas_wb = _open(file)
    if sheet not in values_wb.sheetnames:
        raise UsageError(f"工作簿“{file}”中没有名为“{sheet}”的工作表（每行一个单位）")
    ws, fws = values_wb[sheet], formulas_wb[sheet]
    columns, problems = _columns(ws, file, domain)
    if ws.merged_cells.ranges:
        rng = next(iter(ws.merged_cells.ranges))
        message = f"合并了单元格 {rng.coord}：每行每格都要有自己的值，请取消合并后逐格填写"
        problems.append(CellProblem(file, ws.title, rng.min_row, rng.min_col, "", "merged-cells", message))
    if problems:
        raise WorkbookError(problems)
    rows = []
    for r in range(2, ws.max_row + 1):
        raw = {j: ws.cell(r, j).value for j in columns}
        if all(_empty(v) for v in raw.values()):
            continue
        values: dict[tuple[str, ...], Any] = {}
        cells: dict[str, str] = {}
        errors: list[str] = []
        for j, (header, col) in columns.items():
            here = CellProblem(file, ws.title, r, j, header, "", "")
            formula = fws.cell(r, j).value
            if isinstance(formula, str) and formula.startswith("=") and raw[j] is None:
                errors.append(
                    f"{file}:{ws.title}!{here.cell}: {header}: 公式没有计算结果，请在 Excel/WPS 中保存后再用 [formula-no-value]"
                )
                continue
            if _empty(raw[j]):
                continue
            try:
                values[col.path] = convert(raw[j], col)
            except _Bad as bad:
                errors.append(f"{file}:{ws.title}!{here.cell}: {header}: {bad.message} [{bad.code}]")
                continue
            cells[".".join(col.path)] = f"{file}:{ws.title}!{here.cell}"
        rows.append((r, values, cells, errors))
    return rows


def plan_rows(
    shared: Iterable[str | os.PathLike[str]],
    workbook: Path,
    options: BatchOptions,
    *,
    sheet: str = UNITS_SHEET,
) -> list[Job]:
    """One job per row of ``sheet`` and shared facts file (usually one)."""
    from docgen.load import load_yaml

    bases = [p for p in expand_inputs(shared) if p.suffix.lower() != ".xlsx"]
    if not bases:
        raise UsageError(
            "邮件合并需要一个共用的事实文件（.yaml），如：docgen batch 共用.yaml --rows 各单位.xlsx -o 输出/"
        )
    loaded: list[Any] = []
    for base in bases:
        try:
            loaded.append(load_yaml(base).data)
        except Exception:
            loaded.append(None)  # the job reports the file's problems
    rows = read_rows(workbook, sheet, _domain_of_bases(bases, loaded))
    jobs: list[Job] = []
    stems: list[str] = []
    for base, data in zip(bases, loaded, strict=True):
        for r, values, cells, errors in rows:
            merged = copy.deepcopy(data) if isinstance(data, dict) else {}
            for path, value in values.items():
                _put(merged, path, value)
            org: dict[str, Any] = merged["org"] if isinstance(merged.get("org"), dict) else {}
            name = f"{org.get('place') or ''}{org.get('short_name') or ''}" or f"第{r}行"
            stem = name if len(bases) == 1 else f"{base.stem}-{name}"
            stems.append(safe_stem(stem))
            label = f"{workbook.name} {sheet} 第 {r} 行（{name}）"
            key = row_key(options, base, merged) if data is not None else ""
            jobs.append(Job(label, "", data=merged if data is not None else None, path=base, base=base,
                            cells=cells, key=key, errors=tuple(errors)))  # fmt: skip
    names = unique_names(stems, options.fmt)
    return [_named(job, name) for job, name in zip(jobs, names, strict=True)]


def _domain_of_bases(bases: list[Path], loaded: list[Any]) -> str | None:
    """The domain of the shared facts files' kinds (None: no registered kind given, the first domain);
    shared files of two domains are refused in Chinese (one sheet cannot fill both)."""
    from docgen import registry

    found: dict[str, Path] = {}
    for base, data in zip(bases, loaded, strict=True):
        doc = data.get("document") if isinstance(data, dict) else None
        kind = doc.get("kind") if isinstance(doc, dict) else None
        if isinstance(kind, str) and kind in registry.kind_names():
            found.setdefault(registry.domain_of(kind).name, base)
    if len(found) > 1:
        (d1, f1), (d2, f2) = list(found.items())[:2]
        raise UsageError(
            f"邮件合并的共用事实文件属于不同领域：“{f1}”是{registry.domain(d1).label}，“{f2}”是"
            f"{registry.domain(d2).label}；一个 units 表只能填一个领域的文稿，请分开运行"
        )
    return next(iter(found), None)


def _named(job: Job, name: str) -> Job:
    from dataclasses import replace

    return replace(job, name=name)


def workbook_inputs(inputs: Sequence[str]) -> tuple[list[str], Path | None]:
    """Split INPUTS into facts inputs and at most one workbook (``docgen batch shared.yaml units.xlsx``)."""
    books = [i for i in inputs if i.lower().endswith(".xlsx")]
    if len(books) > 1:
        raise UsageError("一次只能用一个工作簿做邮件合并")
    return [i for i in inputs if not i.lower().endswith(".xlsx")], (Path(books[0]) if books else None)
