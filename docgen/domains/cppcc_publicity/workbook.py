"""The domain's own check on an imported statistics workbook (``DomainSpec.workbook_check``): every media id a
sheet names is in the media list (the “媒体名录” sheet or the facts file's ``outlets``)."""

from __future__ import annotations

from typing import Any

from docgen.excel import Block, blocks
from docgen.excel_import import CellProblem, Imported

__all__ = ["check_outlets"]


def _outlet_columns(block: Block) -> list[str]:
    return [".".join(c.path) for c in block.columns if c.title.endswith("ID") and block.top != "outlets"]


def check_outlets(imp: Imported, data: Any) -> None:
    """Append an ``unknown-outlet`` problem at each cell naming a media id that is listed nowhere."""
    listed = data.get("outlets") if isinstance(data, dict) else None
    known = {str(o.get("id")) for o in (listed or []) if isinstance(o, dict)}
    known |= {str(r.item.get("id")) for r in imp.rows.get("outlets[]", [])}
    for block in blocks(imp.domain):
        for key in _outlet_columns(block):
            for row in imp.rows.get(block.dotted, []):
                value = row.item.get(key)
                for oid in value if isinstance(value, list) else [value]:
                    if oid is not None and str(oid) not in known:
                        j, header = row.cells[key]
                        message = f"媒体 id“{oid}”不在媒体名录中（“媒体名录”表或事实文件的 outlets）"
                        imp.problems.append(
                            CellProblem(
                                imp.file,
                                imp.sheets[block.dotted],
                                row.number,
                                j,
                                header,
                                "unknown-outlet",
                                message,
                            )
                        )
