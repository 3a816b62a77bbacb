"""Review of drafts: diff two .docx files, write a redline, fact-check a draft, add source comments.

``diff_docx(old, new) -> DiffResult``, ``redline_docx(old, new) -> bytes``,
``check_draft(docx, facts) -> CheckResult``, ``annotate_docx(docx, draft) -> bytes``.
Names are imported on first use, so ``docgen diff`` does not pay for the facts model.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "annotate_docx": "annotate",
    "CheckResult": "check",
    "Finding": "check",
    "check_draft": "check",
    "Change": "diff",
    "Comparison": "diff",
    "DiffResult": "diff",
    "compare_docx": "diff",
    "diff_docx": "diff",
    "ReviewError": "extract",
    "redline": "redline",
    "redline_docx": "redline",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'docgen.review' has no attribute {name!r}")
    return getattr(importlib.import_module(f"docgen.review.{module}"), name)
