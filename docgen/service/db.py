"""Engine, sessions and schema upgrades.  SQLite (the default, in the data folder) or PostgreSQL, chosen by
URL only; the schema comes from the Alembic migrations shipped in :mod:`docgen.service.migrations`."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docgen.service.models import AppSecret

__all__ = ["MIGRATIONS", "make_engine", "session_scope", "shared_secret", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout so several workers can share it."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # The driver's own transaction handling is turned off (isolation_level=None) and every transaction
        # starts with BEGIN IMMEDIATE: writers queue on the busy timeout instead of failing when a read
        # snapshot would have to be upgraded.  Handlers commit before long work, so the lock is held briefly.
        engine = create_engine(
            url, connect_args={"timeout": 30, "check_same_thread": False, "isolation_level": None}
        )

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest migration (creates the schema on an empty database)."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One session per request, committed when the request succeeds, rolled back otherwise."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def shared_secret(factory: sessionmaker[Session]) -> str:
    """The cookie-signing key kept in the database (created by the first worker that asks)."""
    with factory() as session:
        row = session.scalar(select(AppSecret).where(AppSecret.id == 1))
        if row is not None:
            return row.value
        session.add(AppSecret(id=1, value=secrets.token_urlsafe(48)))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
        row = session.scalar(select(AppSecret).where(AppSecret.id == 1))
        assert row is not None
        return row.value
