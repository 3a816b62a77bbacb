"""Renderers: Draft → .docx (docxtpl template, deterministic), plain text and Markdown."""

from docgen.render.context import template_context
from docgen.render.docx import clear_cache, default_template, render_docx
from docgen.render.finalize import finalize, parts_digest
from docgen.render.text import render_markdown, render_text

__all__ = [
    "clear_cache",
    "default_template",
    "finalize",
    "parts_digest",
    "render_docx",
    "render_markdown",
    "render_text",
    "template_context",
]
