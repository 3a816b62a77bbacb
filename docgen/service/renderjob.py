"""The work a render worker process does (:mod:`docgen.service.workers`): facts text → draft → bytes, through
:mod:`docgen.api` exactly as ``docgen render`` does.  Plain arguments in, plain data out, so the job crosses
the process boundary cheaply; this module imports no web or database code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docgen.api import Format, Mode, Validation, compose_text, render_draft, validate_text

__all__ = ["render_job", "validate_job", "warm"]


def render_job(
    text: str | bytes, fmt: Format, mode: Mode | None, file: str, template: str | None, options: dict[str, Any]
) -> tuple[bytes, int]:
    """Compose ``text`` and render it to ``fmt`` (a PDF job renders the .docx; LibreOffice runs in the caller,
    under its own time limit); returns the bytes and the number of warnings."""
    draft = compose_text(text, file=file, mode=mode)
    data = render_draft(
        draft, "docx" if fmt == "pdf" else fmt, template=Path(template) if template else None, **options
    )
    return data, len(draft.notices)


def validate_job(text: str | bytes, file: str) -> Validation:
    """Validate and compose ``text`` (problems and warnings, as ``POST /api/validate`` and saving a revision
    report them); the draft stays in the worker."""
    v = validate_text(text, file=file)
    return Validation(v.problems, v.warnings, None)


def warm() -> None:
    """Run once in a new worker before its first job: the imports and the fragment libraries of every domain, so
    the first render's time limit counts rendering, not start-up."""
    from docgen import registry
    from docgen.compose import compose  # noqa: F401
    from docgen.fragments import FragmentLibrary

    for d in registry.domains():
        FragmentLibrary.load(domain=d.name)
