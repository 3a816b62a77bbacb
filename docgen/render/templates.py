"""Where a kind's default .docx template is: its ``KindSpec.template`` in the domain package's own
``templates/`` folder, else in the shared ``templates/`` (GB/T 9704 templates built by scripts/build_templates.py).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from docgen import registry
from docgen.resources import data_dir

__all__ = ["TEMPLATES_DIR", "default_template", "reference_template"]

TEMPLATES_DIR = data_dir("templates")


def default_template(kind: str) -> Path:
    """The kind's template (``KindSpec.template``): the domain package's own ``templates/<name>`` if it ships
    one, else ``templates/<name>`` (``templates/<kind>.docx`` for a name the registry does not know)."""
    if kind not in registry.kind_names():
        return TEMPLATES_DIR / f"{kind}.docx"
    spec = registry.kind(kind)
    own = resources.files(registry.domain_of(kind).package) / "templates" / spec.template
    if own.is_file():
        return Path(str(own))
    return TEMPLATES_DIR / spec.template


def reference_template() -> Path:
    """The template whose styles stand for docgen's own (the first registered kind's default template)."""
    return default_template(registry.kinds()[0].name)
