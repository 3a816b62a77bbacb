"""Issue 13 points not covered elsewhere: ``docgen serve`` with no configuration, README's one demo command, no
state in the process (two app instances = two workers on one database), the audit log's actions, passwords
never logged.  On SQLite and PostgreSQL where a database is involved."""

from __future__ import annotations

import logging
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from sqlalchemy import inspect

from docgen.cli import main
from docgen.service import Settings, create_app
from docgen.service.auth import CSRF_HEADER
from docgen.service.db import make_engine
from docgen.service.models import Base
from service.support import EXAMPLE, PASSWORD, ROOT, Client, docx_of, new_document


def test_serve_without_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1:8000, SQLite in ./docgen-data, the schema made on first start, the address and how to add the
    first user printed."""
    import uvicorn

    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.update(kw, app=app))
    monkeypatch.chdir(tmp_path)
    for name in ("DOCGEN_DATABASE_URL", "DOCGEN_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOCGEN_AUTO_MIGRATE", "1")  # restored after the test (serve sets it for its workers)
    r = CliRunner().invoke(main, ["serve"])
    assert r.exit_code == 0, r.output
    assert ran["host"] == "127.0.0.1" and ran["port"] == 8000 and ran["workers"] == 1
    assert "http://127.0.0.1:8000/" in r.output and "docgen user add" in r.output
    db = tmp_path / "docgen-data" / "docgen.sqlite3"
    assert db.is_file()
    tables = set(inspect(make_engine(f"sqlite:///{db}")).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_readme_demo_command_seeds_an_office_that_can_log_in(tmp_path: Path) -> None:
    """README: ``scripts/serve-demo`` starts the service on the bundled example office.  Its seeding step, run
    as the script runs it, gives a working login and the example document."""
    script = (ROOT / "scripts" / "serve-demo").read_text(encoding="utf-8")
    assert "scripts/serve-demo" in (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in script.splitlines() if "docgen.service.demo" in x)
    facts = ROOT / next(a for a in shlex.split(line) if a.endswith((".yaml", ".yml")))
    assert facts.is_file(), f"scripts/serve-demo seeds from {facts}, which does not exist"
    from docgen.service import demo

    settings = Settings(data_dir=tmp_path / "demo")
    assert demo.seed(settings, facts) is True
    assert demo.seed(settings, facts) is False  # idempotent
    app = create_app(settings)
    try:
        with Client(app, raise_server_exceptions=False) as c:
            c.login(demo.USER, demo.PASSWORD)
            docs = c.get("/api/documents").json()
            assert len(docs) == 1
            r = c.get(f"/api/documents/{docs[0]['id']}/revisions/1/render")
            assert r.status_code == 200 and r.content[:2] == b"PK"
    finally:
        app.state.engine.dispose()


def test_no_state_in_the_process_two_workers_serve_the_same_data(
    app: FastAPI, settings: Settings, users: dict[str, int]
) -> None:
    """Two app instances on one database stand for two uvicorn workers (or machines): a session, its CSRF token,
    the login throttle and the documents made through one are all valid through the other."""
    other = create_app(settings)
    try:
        one = Client(app, raise_server_exceptions=False).login("writer_a")
        two = Client(other, raise_server_exceptions=False)
        two.cookies.update(one.cookies)
        two.headers[CSRF_HEADER] = one.headers[CSRF_HEADER]
        doc = new_document(one)
        assert two.get(f"/api/documents/{doc['id']}").status_code == 200
        assert (
            two.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EXAMPLE + "\n"}).status_code
            == 201
        )
        assert len(one.get(f"/api/documents/{doc['id']}/revisions").json()) == 2
        assert two.post("/api/auth/logout").status_code in (200, 204)
        assert one.get("/api/documents").status_code == 401  # logged out everywhere
        anon1, anon2 = (
            Client(app, raise_server_exceptions=False),
            Client(other, raise_server_exceptions=False),
        )
        for _ in range(5):
            anon1.post("/api/auth/login", json={"name": "reviewer_a", "password": "wrong-password-1"})
        r = anon2.post("/api/auth/login", json={"name": "reviewer_a", "password": PASSWORD})
        assert r.status_code == 429, r.text  # throttled through the other worker too
    finally:
        other.state.engine.dispose()


def test_the_audit_log_records_save_render_download_diff_check_upload_delete(
    client: Callable[[str], Client],
) -> None:
    w, a = client("writer_a"), client("admin_a")
    doc = new_document(w)
    assert w.post(f"/api/documents/{doc['id']}/revisions", json={"yaml": EXAMPLE + "\n"}).status_code == 201
    for _ in range(2):  # made once ("render"), then served from the store ("download")
        assert w.get(f"/api/documents/{doc['id']}/revisions/2/render").status_code == 200
    assert w.get(f"/api/documents/{doc['id']}/diff?old=1&new=2").status_code == 200
    files = {"draft": ("稿.docx", docx_of(), "application/octet-stream")}
    assert w.post(f"/api/documents/{doc['id']}/revisions/1/check", files=files).status_code == 200
    tpl = {
        "file": (
            "本单位.docx",
            (ROOT / "templates" / "leadership_speech.docx").read_bytes(),
            "application/octet-stream",
        )
    }
    assert a.post("/api/templates", data={"name": "本单位"}, files=tpl).status_code in (200, 201)
    assert w.delete(f"/api/documents/{doc['id']}").status_code in (200, 204)
    actions = {e["action"] for e in a.get("/api/audit").json()}
    assert {
        "create",
        "save",
        "render",
        "download",
        "diff",
        "check",
        "upload",
        "delete",
        "login",
    } <= actions, actions


def test_passwords_are_never_logged(
    client: Callable[[str | None], Client], caplog: pytest.LogCaptureFixture
) -> None:
    secret = "never-log-me-8731"
    with caplog.at_level(logging.DEBUG):
        client(None).post("/api/auth/login", json={"name": "writer_a", "password": secret})
        client(None).post("/api/auth/login", json={"name": "", "password": secret})
        a = client("admin_a")
        a.post("/api/users", json={"name": "新用户", "role": "writer", "password": secret})
        a.post("/api/users", json={"name": "", "role": "writer", "password": secret})
    logged = "\n".join(r.getMessage() + " " + repr(r.args) for r in caplog.records)
    assert caplog.records  # something was logged (the check is not vacuous)
    assert secret not in logged and not re.search(r"never-log", logged)
