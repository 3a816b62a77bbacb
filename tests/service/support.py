"""Shared constants and helpers of the service tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from docgen.service.auth import CSRF_HEADER

PASSWORD = "correct-horse-9"
OFFICE_A = "澄阳市政协"
OFFICE_B = "临溪县政协"
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = (ROOT / "docgen" / "domains" / "cppcc_publicity" / "examples" / "city_leadership_speech.yaml").read_text(encoding="utf-8")
PG_ENV = "DOCGEN_TEST_POSTGRES_URL"


class Client(TestClient):
    """A logged-in browser: sends the session's CSRF token on every request."""

    user: dict[str, Any]

    def login(self, name: str, password: str = PASSWORD) -> Client:
        r = self.post("/api/auth/login", json={"name": name, "password": password})
        assert r.status_code == 200, r.text
        self.headers[CSRF_HEADER] = r.json()["csrf_token"]
        self.user = r.json()["user"]
        return self


def new_document(c: TestClient, yaml: str = EXAMPLE, **fields: Any) -> dict[str, Any]:
    r = c.post("/api/documents", json={"kind": "leadership_speech", "yaml": yaml, **fields})
    assert r.status_code == 201, r.text
    return dict(r.json())


def docx_of(yaml: str = EXAMPLE) -> bytes:
    """The .docx docgen renders for ``yaml`` (through the library, not the service)."""
    from docgen.api import compose_text, render_draft

    return render_draft(compose_text(yaml), "docx")


def zip_bomb(size: int = 300 * 1024 * 1024) -> bytes:
    """A small .docx-looking zip whose one part inflates to ``size`` bytes."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
    return buf.getvalue()


EDITED = EXAMPLE.replace("同志们", "各位委员、同志们", 1)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

