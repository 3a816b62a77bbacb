"""Whatever the CLI refuses, the API refuses the same way (issue 16 → issue 13): each hostile .docx the CLI's
``diff``, ``check`` and ``template check`` refuse (a million empty paragraphs, an entity declaration, a zip bomb)
is refused by ``POST /api/diff``, ``POST /api/check`` and a house-template upload, with the CLI's Chinese
reason, before any parsing; nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_bounded_work import HOSTILE, REASON, TEMPLATE, _bomb, _entities, _many_paragraphs

from service.support import EXAMPLE, Client, docx_of

MAKERS = {"paragraphs": _many_paragraphs, "entities": _entities, "bomb": _bomb}


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("up") / "good.docx"
    p.write_bytes(docx_of())
    return p


def _refused(r: object, kind: str) -> None:
    status, body = r.status_code, r.json()  # type: ignore[attr-defined]
    assert status == 422 and body["code"] in ("docx-unusable", "template-rejected"), body
    assert REASON[kind] in str(body) and "Traceback" not in str(body)


@pytest.mark.parametrize("kind", HOSTILE)
def test_diff_check_and_template_upload_refuse_what_the_cli_refuses(
    client: Callable[[str], Client], good: Path, kind: str
) -> None:
    hostile = MAKERS[kind](good)
    w, a = client("writer_a"), client("admin_a")
    for old, new in ((good.read_bytes(), hostile), (hostile, good.read_bytes())):
        r = w.post("/api/diff", files={"old": ("旧.docx", old), "new": ("新.docx", new)})
        _refused(r, kind)
    r = w.post("/api/check", files={"draft": ("稿.docx", hostile), "facts": ("f.yaml", EXAMPLE.encode())})
    _refused(r, kind)
    r = a.post("/api/templates", files={"file": ("本单位.docx", MAKERS[kind](TEMPLATE))})
    _refused(r, kind)
    assert a.get("/api/templates").json() == []
