"""The facts model: Pydantic v2 models for every document kind, plus cross-field rules."""

from docgen.model.facts import SCHEMA_VERSION, Facts

__all__ = ["SCHEMA_VERSION", "Facts"]
