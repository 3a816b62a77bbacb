"""The facts model: Pydantic v2 models for every document kind, plus cross-field rules."""

from docgen.model.document import KINDS, SPEECH_KINDS
from docgen.model.facts import SCHEMA_VERSION, Facts

__all__ = ["KINDS", "SCHEMA_VERSION", "SPEECH_KINDS", "Facts"]
