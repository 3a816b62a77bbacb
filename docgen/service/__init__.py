"""docgen as a service: storage (SQLAlchemy + Alembic), accounts, office isolation, audit log and a JSON API
over the same library functions the CLI calls (:mod:`docgen.api`).  ``create_app(settings)`` builds the app."""

from __future__ import annotations

from typing import Any

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from docgen.service.app import create_app

        return create_app
    if name == "Settings":
        from docgen.service.settings import Settings

        return Settings
    raise AttributeError(f"module 'docgen.service' has no attribute {name!r}")
