"""docgen: Chinese official speeches and reports from YAML facts.

The library API in one place (imported on first use, so ``import docgen`` stays cheap)::

    import docgen
    result = docgen.render_file("讲话.yaml", docgen.RenderOptions(fmt="docx"))
    docgen.kind_names()   # every registered kind (docgen.registry), domain by domain
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: name → the module that defines it
_EXPORTS = {
    "RenderOptions": "docgen.api",
    "RenderResult": "docgen.api",
    "DiffOptions": "docgen.api",
    "render_file": "docgen.api",
    "diff_files": "docgen.api",
    "check_file": "docgen.api",
    "load_facts": "docgen.api",
    "compose_file": "docgen.api",
    "render_draft": "docgen.api",
    "DocgenError": "docgen.errors",
    "FactsError": "docgen.errors",
    "kind_names": "docgen.registry",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'docgen' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
