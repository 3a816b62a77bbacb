"""The Alembic migrations: an empty database upgraded to head has exactly the schema of the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

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
