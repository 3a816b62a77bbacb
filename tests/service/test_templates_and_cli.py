"""House templates (checked before acceptance, used for renders), the one-LibreOffice-at-a-time rule, and the
account commands of the CLI."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI

from docgen.cli import main
from service.support import EXAMPLE, ROOT, Client, docx_of, new_document, zip_bomb

TEMPLATE = ROOT / "templates" / "leadership_speech.docx"


def test_admin_uploads_a_checked_template_and_writers_render_with_it(client: Callable[[str], Client]) -> None:
    a = client("admin_a")
    r = a.post("/api/templates", files={"file": ("本单位模板.docx", TEMPLATE.read_bytes())})
    assert r.status_code == 201, r.text
    tpl = r.json()
    assert tpl["name"] == "本单位模板.docx" and not [f for f in tpl["findings"] if f["severity"] == "error"]
    w = client("writer_a")
    assert [t["id"] for t in w.get("/api/templates").json()] == [tpl["id"]]
    doc = new_document(w)
    out = w.get(f"/api/documents/{doc['id']}/revisions/1/render?template_id={tpl['id']}")
    assert out.status_code == 200 and out.headers["x-docgen-cache"] == "miss"
    stateless = w.post("/api/render", json={"yaml": EXAMPLE, "template_id": tpl["id"]})
    assert stateless.status_code == 200
    assert w.get(f"/api/templates/{tpl['id']}/download").content == TEMPLATE.read_bytes()
    assert a.delete(f"/api/templates/{tpl['id']}").status_code == 200
    assert w.get("/api/templates").json() == []
    assert w.get(f"/api/documents/{doc['id']}/revisions/1/render?template_id={tpl['id']}").status_code == 404


def test_a_template_that_fails_the_check_is_not_stored(client: Callable[[str], Client]) -> None:
    a = client("admin_a")
    r = a.post("/api/templates", files={"file": ("rendered.docx", docx_of())})
    assert r.status_code == 422 and r.json()["code"] == "template-rejected"
    assert "no-blocks-loop" in {f["code"] for f in r.json()["findings"]}
    assert a.get("/api/templates").json() == []
    bomb = a.post("/api/templates", files={"file": ("bomb.docx", zip_bomb())})
    assert bomb.status_code == 422 and bomb.json()["code"] == "docx-unusable"


def test_at_most_one_libreoffice_conversion_at_a_time(
    app: FastAPI, client: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    import docgen.service.rendering as rendering
    from docgen.render.pdf import PdfResult

    running, most = 0, 0
    lock = threading.Lock()

    def fake_pdf(*_a: object, **_k: object) -> PdfResult:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.2)
        with lock:
            running -= 1
        return PdfResult(b"%PDF-fake", (), ())

    monkeypatch.setattr(rendering, "docx_to_pdf", fake_pdf)
    w = client("writer_a")
    results: list[int] = []

    def one() -> None:
        results.append(w.post("/api/render", json={"yaml": EXAMPLE, "format": "pdf"}).status_code)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200, 200, 200]
    assert most == 1


def test_a_request_waiting_too_long_for_libreoffice_is_told_to_retry(
    app: FastAPI, client: Callable[[str], Client]
) -> None:
    import docgen.service.rendering as rendering

    app.state.settings.soffice_queue_timeout = 0.1
    rendering._OFFICE.acquire()
    try:
        r = client("writer_a").post("/api/render", json={"yaml": EXAMPLE, "format": "pdf"})
    finally:
        rendering._OFFICE.release()
    assert r.status_code == 503 and r.json()["code"] == "office-busy" and "Retry-After" in r.headers


def test_cli_office_add_and_user_add_with_password_from_stdin(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    run = CliRunner().invoke
    r = run(main, ["office", "add", "澄阳市政协", "--data", data])
    assert r.exit_code == 0, r.output
    assert "已新增单位" in r.output
    r = run(main, ["office", "add", "澄阳市政协", "--data", data])
    assert r.exit_code == 2 and "已存在" in r.output
    r = run(main, ["user", "add", "张三", "--office", "澄阳市政协", "--role", "writer", "--data", data],
            input="long-enough-pw\n")
    assert r.exit_code == 0, r.output
    assert "long-enough-pw" not in r.output
    r = run(main, ["user", "add", "李四", "--office", "无此单位", "--role", "writer", "--data", data], input="pw-12345678\n")
    assert r.exit_code == 2 and "docgen office add" in r.output
    r = run(main, ["user", "add", "王五", "--office", "澄阳市政协", "--role", "writer", "--data", data], input="short\n")
    assert r.exit_code == 2 and "至少 8 个字符" in r.output


def test_cli_user_can_log_in_to_the_service(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from docgen.service import Settings, create_app

    data = tmp_path / "d"
    r = CliRunner().invoke(
        main, ["user", "add", "admin", "--office", "临溪县政协", "--role", "admin", "--create-office", "--data", str(data)],
        input="long-enough-pw\n",
    )
    assert r.exit_code == 0, r.output
    app = create_app(Settings(data_dir=data))
    with TestClient(app) as c:
        login = c.post("/api/auth/login", json={"name": "admin", "password": "long-enough-pw"})
        assert login.status_code == 200 and login.json()["user"]["office"] == "临溪县政协"
    app.state.engine.dispose()


def test_serve_is_documented_in_the_cli_help() -> None:
    r = CliRunner().invoke(main, ["serve", "--help"])
    assert r.exit_code == 0 and "--workers" in r.output and "--data" in r.output


@pytest.mark.office
def test_pdf_render_through_libreoffice(client: Callable[[str], Client]) -> None:
    from docgen.render.pdf import find_soffice

    if find_soffice() is None:
        if __import__("os").environ.get("DOCGEN_REQUIRE_OFFICE") == "1":
            pytest.fail("DOCGEN_REQUIRE_OFFICE=1 but LibreOffice is not installed")
        pytest.skip("LibreOffice is not installed")
    w = client("writer_a")
    doc = new_document(w)
    r = w.get(f"/api/documents/{doc['id']}/revisions/1/render?format=pdf")
    assert r.status_code == 200, r.text
    assert r.content.startswith(b"%PDF") and r.headers["content-type"] == "application/pdf"


def test_a_template_with_an_entity_declaration_is_refused_before_parsing(client: Callable[[str], Client]) -> None:
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(TEMPLATE.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/styles.xml":
                body = body.replace(b"?>", b'?><!DOCTYPE s [<!ENTITY lol "lollollol">]>', 1)
            out.writestr(info, body)
    r = client("admin_a").post("/api/templates", files={"file": ("evil.docx", buf.getvalue())})
    assert r.status_code == 422 and r.json()["code"] == "docx-unusable" and "word/styles.xml" in r.json()["message"]
