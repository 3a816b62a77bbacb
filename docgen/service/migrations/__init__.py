"""Alembic migrations of the service database (shipped with the package)."""
