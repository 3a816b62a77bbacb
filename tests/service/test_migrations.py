"""The Alembic migrations: an empty database upgraded to head has exactly the schema of the models."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from docgen.service import Settings
from docgen.service.db import MIGRATIONS, alembic_config, make_engine, upgrade
from docgen.service.models import Base


def test_upgrade_of_an_empty_database_matches_the_models(settings: Settings) -> None:
    engine = make_engine(settings.url())
    upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
        head = ScriptDirectory.from_config(alembic_config(settings.url())).get_current_head()
        assert ctx.get_current_revision() == head
    assert diff == []
    assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    upgrade(engine)  # a second start changes nothing
    engine.dispose()


def test_migrations_ship_inside_the_package() -> None:
    assert (MIGRATIONS / "env.py").is_file()
    assert (MIGRATIONS / "script.py.mako").is_file()
    assert list((MIGRATIONS / "versions").glob("0001_*.py"))
    assert list((MIGRATIONS / "versions").glob("0002_*.py"))


def _migrate(engine: Engine, url: str, target: str, *, down: bool = False) -> None:
    from alembic import command

    cfg = alembic_config(url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, target)


def _seed_0001(engine: Engine) -> None:
    """A database as 0001 left it: two revisions, the second with its note only in the audit log."""
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)

    def t(name: str, *cols: str) -> Any:
        json = {"detail", "problems", "warnings"}
        return sa.table(name, *(sa.column(c, sa.JSON if c in json else None) for c in cols))

    with engine.begin() as conn:
        conn.execute(
            sa.insert(t("offices", "id", "name", "created_at")).values(
                id=1, name="澄阳市政协", created_at=now
            )
        )
        users = t("users", "id", "office_id", "name", "role", "password_hash", "active", "created_at")
        conn.execute(
            sa.insert(users).values(
                id=1, office_id=1, name="zhang", role="writer", password_hash="x", active=True, created_at=now
            )
        )
        docs = t("documents", "id", "office_id", "kind", "title", "year", "created_by", "created_at")
        conn.execute(
            sa.insert(docs).values(
                id=7, office_id=1, kind="work_summary", title="总结", year=2025, created_by=1, created_at=now
            )
        )
        revs = t(
            "revisions",
            "id",
            "document_id",
            "number",
            "yaml",
            "content_hash",
            "author_id",
            "created_at",
            "valid",
            "problems",
            "warnings",
        )
        for n in (1, 2):
            conn.execute(
                sa.insert(revs).values(
                    id=n,
                    document_id=7,
                    number=n,
                    yaml=f"n: {n}\n",
                    content_hash=str(n) * 64,
                    author_id=1,
                    created_at=now,
                    valid=True,
                    problems=[],
                    warnings=[],
                )
            )
        audit = t("audit_events", "id", "office_id", "user_id", "action", "target", "detail", "at")
        for i, detail in enumerate(({"revision": 1}, {"revision": 2, "note": "补充第三季度数字"}), 1):
            conn.execute(
                sa.insert(audit).values(
                    id=i, office_id=1, user_id=1, action="save", target="document:7", detail=detail, at=now
                )
            )


def test_migration_0002_moves_revision_notes_into_a_column_and_back(settings: Settings) -> None:
    url = settings.url()
    engine = make_engine(url)
    _migrate(engine, url, "0001")
    assert "note" not in {c["name"] for c in inspect(engine).get_columns("revisions")}
    _seed_0001(engine)
    _migrate(engine, url, "head")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT number, note FROM revisions ORDER BY number")).all()
    assert [tuple(r) for r in rows] == [(1, ""), (2, "补充第三季度数字")]
    _migrate(engine, url, "0001", down=True)
    assert "note" not in {c["name"] for c in inspect(engine).get_columns("revisions")}
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM revisions")).scalar() == 2
        assert conn.execute(sa.text("SELECT count(*) FROM audit_events")).scalar() == 2
    upgrade(engine)  # up again: the note comes back from the audit log, the schema matches the models
    with engine.connect() as conn:
        assert (
            conn.execute(sa.text("SELECT note FROM revisions WHERE number = 2")).scalar()
            == "补充第三季度数字"
        )
        assert (
            compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
            == []
        )
    engine.dispose()
