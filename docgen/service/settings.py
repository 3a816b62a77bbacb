"""Service configuration (pydantic-settings): every field can be set by an environment variable ``DOCGEN_<NAME>``."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Configuration of one service process.  Nothing here is per-request state: several workers with the same
    settings serve the same data."""

    model_config = SettingsConfigDict(env_prefix="DOCGEN_", extra="ignore")

    data_dir: Path = Path("docgen-data")
    #: SQLAlchemy URL; empty means SQLite in ``data_dir/docgen.sqlite3``.  ``postgresql+psycopg://…`` for PostgreSQL.
    database_url: str = ""
    #: Key that signs session cookies; empty means one generated on first start and kept in the database.
    secret_key: str = ""
    #: Run Alembic migrations up to head when the app starts (``docgen serve`` does it once before the workers).
    auto_migrate: bool = True
    session_hours: float = 12.0
    #: Send the session cookie only over HTTPS (set when a TLS proxy is in front).
    cookie_secure: bool = False
    max_yaml_bytes: int = 2 * 1024 * 1024
    max_docx_bytes: int = 20 * 1024 * 1024
    #: Seconds a composition + render may take before the request fails with ``render-timeout`` (worker killed).
    render_timeout: float = 30.0
    #: Render worker processes per service process (a render that outruns ``render_timeout`` has its worker
    #: killed and replaced); requests beyond that wait up to ``render_timeout`` for a free worker.
    render_workers: int = 2
    #: Seconds one LibreOffice conversion may take (the process is killed after that).
    soffice_timeout: float = 60.0
    #: Seconds a request waits for this worker's single LibreOffice slot before failing with ``office-busy``.
    soffice_queue_timeout: float = 120.0
    login_window_minutes: float = 15.0
    login_max_failures_per_name: int = 5
    login_max_failures_per_address: int = 30

    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'docgen.sqlite3').resolve()}"
