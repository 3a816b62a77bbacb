"""``docgen import``: a filled workbook (see :mod:`docgen.excel`) → the facts format.

Each sheet is matched to its repeating block by name and each column to its field by title (order free, “*”
ignored).  Every cell is read and checked — numbers, dates (a date typed as text such as “2024年12月6日” is
accepted), choices, required fields, the domain's own cross-sheet checks (ids) — and every problem is collected
and reported at once, located in the workbook's terms: ``统计表.xlsx:SHEET!C7: COLUMN: 应为整数（阿拉伯数字，不加单位），
实际为“四十” [not-int]``.  The sheets are those of one registered domain's facts model (see :func:`read_workbook`).
Empty rows and the untouched grey example row are skipped; merged cells and formulas without a computed value
are refused.  With ``into``, the blocks that have rows replace those of an existing facts file, read and written
with ruamel.yaml's round trip so its other blocks and its comments are kept; the merged facts are then validated
as a whole and problems in imported values are reported at their cells.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.errors import EXIT_PROBLEMS, DocgenError, UsageError, os_reason, reason_zh
from docgen.excel import KIND_PREFIX, Block, Column, blocks, example_value

__all__ = ["CellProblem", "Imported", "WorkbookError", "read_workbook"]

HELP_SHEET = "说明"
UNITS_SHEET = "units"
_SPLIT = re.compile(r"[、,，;；\n]+")
_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$")
_INT_TEXT = re.compile(r"^[+]?\d{1,3}(?:,\d{3})+$|^[+]?\d+$")
_SCALED_TEXT = re.compile(r"\d+(?:\.\d+)?\s*[万亿]")


@dataclass(frozen=True, order=True)
class CellProblem:
    """One problem in a workbook: ``FILE:SHEET!CELL: 列名: 说明 [code]``."""

    file: str
    sheet: str
    row: int
    col: int
    column: str
    code: str
    message: str

    @property
    def cell(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.col)}{self.row}" if self.col else str(self.row)

    def format(self) -> str:
        column = f"{self.column}: " if self.column else ""
        return f"{self.file}:{self.sheet}!{self.cell}: {column}{self.message} [{self.code}]"


class WorkbookError(DocgenError):
    """Problems found in a workbook (exit 1), every one located at its sheet and cell."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, problems: list[CellProblem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.sheet, p.row, p.col, p.code))
        super().__init__("\n".join(p.format() for p in self.problems))


@dataclass
class Row:
    number: int  # the worksheet row
    item: dict[str, Any]
    parent: int | None  # 1-based position of the parent in the parent sheet
    cells: dict[str, tuple[int, str]] = field(default_factory=dict)  # field path -> (column, header)


@dataclass
class Imported:
    """What a workbook holds: rows per block, the problems found, and where each value came from."""

    file: str
    domain: str = ""  # the registered domain whose facts model the sheets belong to
    rows: dict[str, list[Row]] = field(default_factory=dict)  # Block.dotted -> rows
    sheets: dict[str, str] = field(default_factory=dict)  # Block.dotted -> sheet name
    problems: list[CellProblem] = field(default_factory=list)


# -- reading cells ----------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def convert(value: Any, col: Column) -> Any:
    """A cell's value as the facts format wants it; :class:`_Bad` with a Chinese message otherwise."""
    if col.is_list:
        parts = [p.strip() for p in _SPLIT.split(str(value))] if isinstance(value, str) else [value]
        return [_one(p, col) for p in parts if p != ""]
    return _one(value, col)


def _one(value: Any, col: Column) -> Any:
    kind = col.kind
    if isinstance(value, str):
        value = value.strip()
    if kind in ("int", "int_or_text"):
        if isinstance(value, bool):
            raise _Bad("not-int", f"应为整数，实际为“{value}”")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT_TEXT.match(value):
            return int(value.replace(",", "").lstrip("+"))
        if kind == "int_or_text" and isinstance(value, str):
            return value
        raise _Bad("not-int", f"应为整数（阿拉伯数字，不加单位），实际为“{_shown(value)}”")
    if kind == "float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        with contextlib.suppress(ValueError):
            return float(str(value))
        if isinstance(value, str) and _SCALED_TEXT.fullmatch(value):
            return value  # "8.6万": the facts model joins 万 to the unit (docgen.model.quantity)
        raise _Bad(
            "not-number", f"应为数值（阿拉伯数字，不加单位；大数可写“8.6万”“1.2亿”），实际为“{_shown(value)}”"
        )
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("是", "true", "yes", "1", "对"):
            return True
        if text in ("否", "false", "no", "0", "不"):
            return False
        raise _Bad("not-bool", f"应为“是”或“否”，实际为“{_shown(value)}”")
    if kind == "date":
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0):
                raise _Bad("bad-date", "应为日期，不要带时间")
            return value.date()
        if isinstance(value, dt.date):
            return value
        m = _DATE_TEXT.match(str(value))
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
        raise _Bad("bad-date", f"应为日期，如 2024-12-06 或 2024年12月6日，实际为“{_shown(value)}”")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, str) else str(value)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- reading sheets ---------------------------------------------------------------------------------------


def _header_key(text: Any) -> str:
    return re.sub(r"\s+", "", str(text or "")).rstrip("*＊")


def workbook_kind(values_wb: Any) -> str | None:
    """The kind the 说明 sheet says the workbook was made for (``文种：KIND。…``), if it says so."""
    if HELP_SHEET not in values_wb.sheetnames:
        return None
    ws = values_wb[HELP_SHEET]
    text = ws.cell(1, 2).value if ws.max_row >= 1 else None
    if not isinstance(text, str) or not text.startswith(KIND_PREFIX):
        return None
    return text[len(KIND_PREFIX) :].split("。", 1)[0].strip() or None


def _domain(file: str, values_wb: Any, kind: str | None) -> str:
    """The domain whose sheets the workbook holds: the one of the kind its 说明 sheet names, else of ``kind``
    (the facts file's), else the first registered domain.  Two different domains are refused in Chinese."""
    from docgen import registry

    book = workbook_kind(values_wb)
    known = [k for k in (book, kind) if k is not None and k in registry.kind_names()]
    found = {registry.domain_of(k).name: k for k in known}
    if len(found) > 1:
        (d1, k1), (d2, k2) = found.items()
        raise UsageError(
            f"工作簿“{file}”是文种 {k1}（{registry.domain(d1).label}）的统计表，事实文件的文种 {k2} 属于"
            f"{registry.domain(d2).label}：请用 docgen excel-template {k2} 生成的工作簿"
        )
    return next(iter(found), None) or registry.domains()[0].name


def read_workbook(path: str | os.PathLike[str], *, kind: str | None = None) -> Imported:
    """Read every sheet of a workbook made by ``docgen excel-template`` (sheets may be missing or reordered).
    The sheets are those of the domain of the kind the 说明 sheet names (else of ``kind``, the facts file's;
    else the first registered domain).  Problems are collected in :attr:`Imported.problems`; nothing is
    raised for them."""
    file = os.fspath(path)
    values_wb, formulas_wb = _open(file)
    out = Imported(file, _domain(file, values_wb, kind))
    by_name = {b.name: b for b in blocks(out.domain)}
    for ws in values_wb.worksheets:
        if ws.title in (HELP_SHEET, UNITS_SHEET) or ws.sheet_state != "visible":
            continue
        block = by_name.get(ws.title)
        if block is None:
            message = f"不认识的工作表“{ws.title}”：工作表名须与 docgen excel-template 生成的一致"
            out.problems.append(CellProblem(file, ws.title, 1, 1, "", "unknown-sheet", message))
            continue
        out.sheets[block.dotted] = ws.title
        out.rows[block.dotted] = _read_sheet(out, block, ws, formulas_wb[ws.title])
    _check_parents(out)
    return out


def _open(file: str) -> tuple[Any, Any]:
    import zipfile

    from openpyxl import load_workbook

    try:
        with Path(file).open("rb") as handle:
            data = handle.read(MAX_WORKBOOK_BYTES + 1)  # a larger file is refused without reading it all
    except FileNotFoundError:
        raise UsageError(f"找不到工作簿“{file}”") from None
    except OSError as exc:
        raise UsageError(f"无法读取工作簿“{file}”（{os_reason(exc)}）") from None
    problem = workbook_work_problem(data)
    if problem:
        raise UsageError(f"工作簿“{file}”{problem}")
    try:
        values = load_workbook(io.BytesIO(data), data_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, zlib.error) as exc:
        raise UsageError(
            f"“{file}”不是有效的 .xlsx 工作簿（{'缺少必需的部件' if isinstance(exc, KeyError) else reason_zh(exc)}）；"
            "旧的 .xls 请先在 Excel/WPS 中另存为 .xlsx"
        ) from None
    return values, formulas


MAX_WORKBOOK_BYTES = 20 * 1024 * 1024  # the .xlsx file: a filled statistics workbook is well under 1 MB
MAX_WORKBOOK_UNPACKED = 50 * 1024 * 1024  # its parts decompressed, all together
MAX_WORKBOOK_ENTRIES = 2_000
MAX_SHEET_ROWS = 10_000  # rows of one worksheet: a year's statistics or a mail merge's units
MAX_WORKBOOK_CELLS = 500_000  # cells of all worksheets
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")


def workbook_work_problem(data: bytes) -> str | None:
    """Why a workbook is refused before openpyxl reads it (Chinese, to follow its name), or None: the file,
    its zip (entries, unpacked bytes: zip bombs), and the work its sheets ask for (rows, cells, DOCTYPE), so a
    hostile workbook costs seconds, not minutes and gigabytes.  Decompressed sizes are those the zip declares:
    :mod:`zipfile` never reads more than a member declares."""
    import zipfile

    from docgen.docxlimits import xml_work_problem

    if len(data) > MAX_WORKBOOK_BYTES:
        return f"过大（超过 {MAX_WORKBOOK_BYTES // 1024 // 1024} MB），不像是一份统计表"
    if not data.startswith(b"PK\x03\x04"):
        return "不是有效的 .xlsx 工作簿（文件开头不是 zip 格式）；旧的 .xls 请先在 Excel/WPS 中另存为 .xlsx"
    cells = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_WORKBOOK_ENTRIES:
                return f"压缩包内文件过多（{len(infos):,} 个），拒绝处理"
            names = {i.filename for i in infos}
            if "word/document.xml" in names and not any(n.startswith("xl/") for n in names):
                return "是 Word 文档（.docx），不是 .xlsx 工作簿；统计表用 docgen excel-template 生成"
            if sum(i.file_size for i in infos) > MAX_WORKBOOK_UNPACKED:
                return f"解压后过大（超过 {MAX_WORKBOOK_UNPACKED // 1024 // 1024} MB），疑为压缩炸弹"
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                part = zf.read(info)
                bad = xml_work_problem(part)
                if bad:
                    return f"的部件 {info.filename} {bad}"
                if info.filename.startswith("xl/worksheets/"):
                    rows = len(_ROW_TAG.findall(part))
                    if rows > MAX_SHEET_ROWS:
                        return f"的工作表（{info.filename}）有 {rows:,} 行，超过上限 {MAX_SHEET_ROWS:,} 行"
                    cells += len(_CELL_TAG.findall(part))
                    if cells > MAX_WORKBOOK_CELLS:
                        return f"的单元格过多（超过 {MAX_WORKBOOK_CELLS:,} 个），不像是一份统计表"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
        return f"不是有效的 .xlsx 工作簿（{reason_zh(exc)}）"
    return None


def _read_sheet(out: Imported, block: Block, ws: Any, fws: Any) -> list[Row]:
    file, sheet = out.file, ws.title

    def problem(row: int, col: int, column: str, code: str, message: str) -> None:
        out.problems.append(CellProblem(file, sheet, row, col, column, code, message))

    by_title = {c.title: c for c in block.columns}
    parent = block.parents[-1] if block.parents else None
    parent_key = _header_key(block.parent_header(parent)) if parent else None
    columns: dict[int, Column | None] = {}  # worksheet column -> Column (None: the parent column)
    for cell in ws[1] if ws.max_row >= 1 else ():
        if _empty(cell.value):
            continue
        key = _header_key(cell.value)
        if key == parent_key:
            columns[cell.column] = None
        elif key in by_title:
            columns[cell.column] = by_title[key]
        else:
            known = "、".join(c.title for c in block.columns)
            problem(1, cell.column, str(cell.value), "unknown-column", f"不认识的列名；本表的列为：{known}")
    for rng in ws.merged_cells.ranges:
        problem(
            rng.min_row,
            rng.min_col,
            "",
            "merged-cells",
            f"合并了单元格 {rng.coord}：每行每格都要有自己的值，请取消合并后逐格填写",
        )
    merged = {(r, c) for rng in ws.merged_cells.ranges for r, c in rng.cells}
    rows: list[Row] = []
    present = {c.path for c in columns.values() if c is not None}
    missing_required = [c for c in block.columns if c.required and c.path not in present]
    examples = {j: (1 if col is None else example_value(col)) for j, col in columns.items()}
    for r in range(2, ws.max_row + 1):
        raw = {j: ws.cell(r, j).value for j in columns}
        if all(_empty(v) for v in raw.values()):
            continue
        if r == 2 and all(_same(raw[j], examples[j]) for j in columns):
            continue  # the grey example row, untouched
        row = Row(r, {}, None)
        for j, col in columns.items():
            value = raw[j]
            header = block.parent_header(parent) if col is None and parent else (col.header if col else "")
            formula = fws.cell(r, j).value
            if isinstance(formula, str) and formula.startswith("=") and value is None:
                problem(
                    r,
                    j,
                    header,
                    "formula-no-value",
                    "公式没有计算结果（文件未经 Excel/WPS 保存）：请在 Excel/WPS 中打开并保存，或改填数值",
                )
                continue
            if _empty(value) or (r, j) in merged:
                if col is not None and col.required and (r, j) not in merged:
                    problem(r, j, header, "missing-field", f"必填：“{col.title}”不能留空")
                elif col is None and (r, j) not in merged:
                    problem(
                        r,
                        j,
                        header,
                        "missing-field",
                        f"必填：这一行属于“{parent.name if parent else ''}”表的第几项",
                    )
                continue
            if col is None:
                try:
                    row.parent = convert(value, Column((), "序号", "", "int"))
                except _Bad as bad:
                    problem(r, j, header, bad.code, bad.message)
                continue
            try:
                _put(row.item, col.path, convert(value, col))
                row.cells[".".join(col.path)] = (j, col.header)
            except _Bad as bad:
                problem(r, j, header, bad.code, bad.message)
        for col in missing_required:
            problem(r, 1, col.header, "missing-column", f"缺少必填列“{col.header}”")
        _validate_row(out, block, ws.title, row)
        rows.append(row)
    return rows


def _same(value: Any, example: Any) -> bool:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str) and not isinstance(example, str):
        return value.strip() == str(example)
    return bool(value == example)


def _put(item: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        item = item.setdefault(key, {})
    item[path[-1]] = value


def _validate_row(out: Imported, block: Block, sheet: str, row: Row) -> None:
    """The row against its item model (its nested blocks left out), each error at its cell."""
    from pydantic import ValidationError

    from docgen.model.validate import _placeholder_issues, _translate

    for loc, code, message in _placeholder_issues(row.item):  # 某某, ××, 20XX in a cell: said at the cell
        key = ".".join(str(part) for part in loc if isinstance(part, str))
        j, header = row.cells.get(key, (1, ""))
        out.problems.append(CellProblem(out.file, sheet, row.number, j, header, code, message))
    try:
        block.model.model_validate(row.item)
    except ValidationError as exc:
        seen: set[tuple[int, str]] = set()
        for err in exc.errors(include_url=False):
            if err["type"] == "missing" and err["loc"] and err["loc"][0] in block.nested:
                continue
            loc, code, message, _ = _translate(dict(err), row.item, block.model)
            key = ".".join(str(part) for part in loc if isinstance(part, str))
            j, header = row.cells.get(key, (1, ""))
            if code == "missing-field" and key not in row.cells:
                continue  # reported above as an empty required cell or a missing column
            if (j, code) not in seen:
                seen.add((j, code))
                out.problems.append(CellProblem(out.file, sheet, row.number, j, header, code, message))


def _check_parents(out: Imported) -> None:
    """A nested sheet's rows name a row of their parent sheet: it must exist when that sheet is there."""
    by_path = {b.dotted: b for b in blocks(out.domain)}
    for dotted, rows in out.rows.items():
        block = by_path[dotted]
        if not block.parents:
            continue
        parent = block.parents[-1]
        count = len(out.rows.get(parent.dotted, []))
        if parent.dotted not in out.rows or not count:
            continue  # resolved against the facts file (or reported there)
        for row in rows:
            if row.parent is not None and not 1 <= row.parent <= count:
                out.problems.append(
                    CellProblem(
                        out.file,
                        out.sheets[dotted],
                        row.number,
                        1,
                        block.parent_header(parent),
                        "bad-parent",
                        f"“{parent.name}”表只有 {count} 项，没有第 {row.parent} 项",
                    )
                )
