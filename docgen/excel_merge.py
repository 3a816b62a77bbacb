"""Merge what a workbook holds into the facts format (``docgen import``).

The blocks that have rows replace the same blocks of the facts file given with ``into`` — read and written with
ruamel.yaml's round trip (its indentation guessed), so every other block and every comment stays as it was.
A replaced item keeps the nested lists the workbook does not give (a task keeps its targets when only the task
sheet was filled).  Without ``into`` the result holds only the imported blocks.
"""

from __future__ import annotations

import io
import itertools
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import FactsError, UsageError
from docgen.excel import Block, blocks
from docgen.excel_import import CellProblem, Imported, Row, WorkbookError, read_workbook

__all__ = ["ImportResult", "import_workbook", "merge"]

Cell = tuple[str, int, int, str]  # sheet, row, column, header


@dataclass
class ImportResult:
    text: str  # the facts file, YAML
    data: Any  # the merged mapping (ruamel CommentedMap)
    cells: dict[str, Cell]  # facts path (as printed in problems) -> the cell it came from
    warnings: list[str]


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096  # never re-wrap long Chinese lines
    yaml.allow_duplicate_keys = False
    yaml.preserve_quotes = True
    return yaml


def _load_into(into: Path) -> tuple[Any, Any]:
    """The facts file as a round-trip mapping, and a YAML dumper with its indentation."""
    from docgen.load import load_yaml

    load_yaml(into)  # every problem of the file itself, located (raises FactsError)
    text = into.read_text(encoding="utf-8-sig")
    yaml = _yaml()
    mapping, offset = _guess_indent(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    data = yaml.load(text)
    return data, yaml


_KEY_LINE = re.compile(r"^( *)[^\s#-][^:#]*:\s*(?:#.*)?$")


def _guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, offset of “-” under its key) as the file writes them; (2, 2) when it does not say."""
    mapping = offset = None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for above, line in itertools.pairwise(lines):
        m = _KEY_LINE.match(above)
        if not m:
            continue
        parent = len(m.group(1))
        indent = len(line) - len(line.lstrip(" "))
        if indent <= parent:
            continue
        if line.lstrip().startswith("- "):
            offset = offset if offset is not None else indent - parent
        else:
            mapping = mapping if mapping is not None else indent - parent
        if mapping is not None and offset is not None:
            break
    return mapping or 2, offset if offset is not None else 2


def _container(data: Any, path: tuple[str, ...]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    node = data
    for key in path:
        if not isinstance(node.get(key), dict):
            node[key] = CommentedMap()
        node = node[key]
    return node


def _items(data: Any, block: Block) -> list[tuple[str, Any]]:
    """Every item of ``block`` in ``data`` with its printed path, through the enclosing lists, in order."""
    containers = _items(data, block.parents[-1]) if block.parents else [("", data)]
    out: list[tuple[str, Any]] = []
    for loc, node in containers:
        for key in block.path:
            if not isinstance(node, dict):
                node = None
                break
            name = key.removesuffix("[]")
            loc = f"{loc}.{name}" if loc else name
            node = node.get(name)
        if isinstance(node, list):
            out.extend((f"{loc}[{i}]", item) for i, item in enumerate(node) if isinstance(item, dict))
    return out


def _kind_of(data: Any) -> str | None:
    doc = data.get("document") if isinstance(data, dict) else None
    kind = doc.get("kind") if isinstance(doc, dict) else None
    return kind if isinstance(kind, str) else None


def _domain_check(imp: Imported, data: Any) -> None:
    """The domain's own checks across the imported sheets (``DomainSpec.workbook_check``), if it has any."""
    from docgen import registry

    ref = registry.domain(imp.domain).workbook_check
    if ref is not None:
        registry.load_object(ref)(imp, data)


def merge(imp: Imported, data: Any) -> dict[str, Cell]:
    """Put the imported rows into ``data`` (in place); the cells of every value put there."""
    cells: dict[str, Cell] = {}

    def note(loc: str, sheet: str, row: Row) -> None:
        cells[loc] = (sheet, row.number, 1, "")
        for key, (j, header) in row.cells.items():
            cells[f"{loc}.{key}"] = (sheet, row.number, j, header)

    for block in blocks(imp.domain):  # parents come before their nested blocks
        rows = imp.rows.get(block.dotted)
        if not rows:
            continue
        sheet = imp.sheets[block.dotted]
        name = block.path[-1].removesuffix("[]")
        if not block.parents:
            container = _container(data, tuple(p.removesuffix("[]") for p in block.path[:-1]))
            old = container.get(name) or []
            new = []
            for i, row in enumerate(rows):
                item = _carry(dict(row.item), old[i] if i < len(old) else None, block)
                new.append(item)
            container[name] = new
            base = ".".join(p.removesuffix("[]") for p in block.path)
            for i, row in enumerate(rows):
                note(f"{base}[{i}]", sheet, row)
            continue
        parents = _items(data, block.parents[-1])
        groups: dict[int, list[Row]] = defaultdict(list)
        for row in rows:
            if row.parent is None:
                continue
            if not 1 <= row.parent <= len(parents):
                header = block.parent_header(block.parents[-1])
                message = f"“{block.parents[-1].name}”只有 {len(parents)} 项，没有第 {row.parent} 项"
                imp.problems.append(
                    CellProblem(imp.file, sheet, row.number, 1, header, "bad-parent", message)
                )
                continue
            groups[row.parent].append(row)
        for k, children in sorted(groups.items()):
            loc, parent = parents[k - 1]
            old = parent.get(name) or []
            parent[name] = [
                _carry(dict(r.item), old[i] if i < len(old) else None, block) for i, r in enumerate(children)
            ]
            for i, row in enumerate(children):
                note(f"{loc}.{name}[{i}]", sheet, row)
    return cells


def _carry(item: dict[str, Any], old: Any, block: Block) -> dict[str, Any]:
    """Keep the old item's nested lists that the workbook does not give."""
    if isinstance(old, dict):
        for key in block.nested:
            if key not in item and key in old:
                item[key] = old[key]
    return item


def import_workbook(
    workbook: str | os.PathLike[str], *, into: str | os.PathLike[str] | None = None, label: str = "facts.yaml"
) -> ImportResult:
    """Read ``workbook`` and merge it into ``into`` (or into an empty facts file); raise :class:`WorkbookError`
    with every problem located at its cell.  With ``into``, the merged facts are validated as a whole: problems
    in imported values are raised at their cells, others (the file is still a draft) become warnings."""
    from ruamel.yaml.comments import CommentedMap

    if into is not None:
        if Path(into).resolve() == Path(workbook).resolve():
            raise UsageError("--into 不能是工作簿本身")
        data, yaml = _load_into(Path(into))
        if not isinstance(data, dict):
            raise UsageError(f"“{into}”顶层不是“键: 值”映射")
    else:
        data, yaml = CommentedMap(), _yaml()
        yaml.indent(mapping=2, sequence=4, offset=2)
    imp = read_workbook(workbook, kind=_kind_of(data))
    _domain_check(imp, data)
    cells = merge(imp, data)
    if imp.problems:
        raise WorkbookError(imp.problems)
    buf = io.StringIO()
    if into is None:
        data.yaml_set_start_comment(f"由 {Path(workbook).name} 导入（docgen import）")
    yaml.dump(data, buf)
    text = buf.getvalue()
    warnings: list[str] = []
    if into is not None:
        problems = _validate(text, label, cells, imp.file)
        located = [p for p in problems if isinstance(p, CellProblem)]
        if located:
            raise WorkbookError(located)
        warnings = [str(p) for p in problems]
    return ImportResult(text, data, cells, warnings)


def _validate(text: str, label: str, cells: dict[str, Cell], file: str) -> list[CellProblem | str]:
    from docgen.api import validate_facts
    from docgen.load import load_yaml_text

    try:
        validate_facts(load_yaml_text(text, label))
    except FactsError as exc:
        out: list[CellProblem | str] = []
        for p in exc.problems:
            cell = _cell_for(p.path, cells)
            if cell is None:
                out.append(p.format())
            else:
                sheet, row, col, header = cell
                out.append(CellProblem(file, sheet, row, col, header, p.code, p.message))
        return out
    return []


def _cell_for(path: str, cells: dict[str, Cell]) -> Cell | None:
    while path:
        if path in cells:
            return cells[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None
