"""Fixtures for the service tests: a fresh database per test (SQLite in tmp_path, and PostgreSQL when
DOCGEN_TEST_POSTGRES_URL is set — required under CI=true), two offices with users of every role, and logged-in
httpx clients (Starlette's TestClient) against the ASGI app."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from docgen.service import Settings, create_app
from docgen.service.accounts import add_user
from docgen.service.db import make_engine
from docgen.service.models import Base
from service.support import OFFICE_A, OFFICE_B, PASSWORD, PG_ENV, Client


def postgres_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {PG_ENV} is not set: .ci/run must start PostgreSQL")
        pytest.skip(f"PostgreSQL tests need {PG_ENV}")
    return url


def _reset_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(autouse=True)
def fast_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with the smallest cost: the tests check behaviour, not hash strength."""
    from argon2 import PasswordHasher

    from docgen.service import auth

    monkeypatch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(scope="session")
def postgres_schema_url() -> Iterator[str]:
    """The test database with a schema of this test run's own (search_path), so test runs sharing one
    PostgreSQL do not drop each other's tables."""
    base = postgres_url() or ""
    schema = f"docgen_t{os.getpid()}_{secrets.token_hex(3)}"
    engine = make_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    url = ""
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_schema_url")
        _reset_postgres(url)
    return Settings(data_dir=tmp_path / "data", database_url=url, render_timeout=60)


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def users(app: FastAPI) -> dict[str, int]:
    """Two offices: A has an admin, a writer and a reviewer; B has an admin and a writer."""
    ids: dict[str, int] = {}
    with Session(app.state.engine) as s:
        for name, office, role in [
            ("admin_a", OFFICE_A, "admin"),
            ("writer_a", OFFICE_A, "writer"),
            ("reviewer_a", OFFICE_A, "reviewer"),
            ("admin_b", OFFICE_B, "admin"),
            ("writer_b", OFFICE_B, "writer"),
        ]:
            ids[name] = add_user(s, name, office, role, PASSWORD, create_office=True).id
        s.commit()
    return ids


@pytest.fixture
def client(app: FastAPI, users: dict[str, int]) -> Callable[[str | None], Client]:
    """``client("writer_a")``: a client logged in as that user; ``client(None)``: anonymous."""
    made: list[Client] = []

    def make(name: str | None) -> Client:
        c = Client(app, raise_server_exceptions=False)
        made.append(c)
        return c.login(name) if name else c

    yield make  # type: ignore[misc]
    for c in made:
        c.close()
