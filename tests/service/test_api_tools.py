"""The stateless tools: validate, render, diff, check, kinds; limits on uploads; errors are JSON."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from service.support import DOCX, EDITED, EXAMPLE, Client, docx_of, zip_bomb


def test_validate_reports_every_problem_with_file_line_column_path_code(client: Callable[[str], Client]) -> None:
    c = client("reviewer_a")
    bad = EXAMPLE.replace("kind: leadership_speech", "kind: leadership_speach").replace(
        "  salutation: 同志们", "  salutaton: 同志们"
    )
    r = c.post("/api/validate", json={"yaml": bad})
    assert r.status_code == 200
    body = r.json()
    assert body["valid"] is False
    codes = {p["code"] for p in body["problems"]}
    assert len(body["problems"]) >= 2, body
    assert "unknown-key" in codes
    for p in body["problems"]:
        assert set(p) == {"file", "line", "col", "path", "code", "message"}  # as `docgen validate --format json`
        assert p["line"] >= 1
    unknown = next(p for p in body["problems"] if p["code"] == "unknown-key")
    assert unknown["path"].startswith("document.") and "salutaton" in unknown["message"]


def test_validate_a_good_file(client: Callable[[str], Client]) -> None:
    r = client("reviewer_a").post("/api/validate", json={"yaml": EXAMPLE})
    assert r.json()["valid"] is True and r.json()["problems"] == []


def test_yaml_over_two_megabytes_is_refused_by_the_loader(client: Callable[[str], Client]) -> None:
    big = EXAMPLE + "#" + "x" * (2 * 1024 * 1024) + "\n"
    r = client("reviewer_a").post("/api/validate", json={"yaml": big})
    assert r.json()["valid"] is False
    assert r.json()["problems"][0]["code"] == "file-too-large"


def test_yaml_alias_bomb_is_refused(client: Callable[[str], Client]) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(12)
    )
    r = client("reviewer_a").post("/api/validate", json={"yaml": bomb})
    assert r.status_code == 200 and r.json()["valid"] is False


@pytest.mark.parametrize(("fmt", "media", "needle"), [
    ("docx", DOCX, None),
    ("md", "text/markdown", "# 在全市政协宣传信息工作会议上的讲话"),
    ("txt", "text/plain", "在全市政协宣传信息工作会议上的讲话"),
    ("html", "text/html", "<h1>在全市政协宣传信息工作会议上的讲话</h1>"),
])
def test_render_each_format(client: Callable[[str], Client], fmt: str, media: str, needle: str | None) -> None:
    r = client("reviewer_a").post("/api/render", json={"yaml": EXAMPLE, "format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    if needle is None:
        assert zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml")
        assert r.content == docx_of()  # the same bytes as the library and the CLI
    else:
        assert needle in r.content.decode("utf-8")


def test_render_of_invalid_facts_is_422_with_the_problems(client: Callable[[str], Client]) -> None:
    r = client("writer_a").post("/api/render", json={"yaml": "document: 1\n"})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "facts-invalid" and body["problems"] and "问题" in body["message"]


def test_render_format_not_offered_is_a_request_error(client: Callable[[str], Client]) -> None:
    r = client("writer_a").post("/api/render", json={"yaml": EXAMPLE, "format": "exe"})
    assert r.status_code == 422 and r.json()["code"] == "request-invalid"


def test_diff_two_docx_gives_changes_html_and_redline(client: Callable[[str], Client]) -> None:
    c = client("reviewer_a")
    files = {"old": ("旧.docx", docx_of(), DOCX), "new": ("新.docx", docx_of(EDITED), DOCX)}
    r = c.post("/api/diff", files=files)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["identical"] is False and "各位委员" in body["html"]
    red = c.post("/api/diff?output=redline", files=files)
    assert red.headers["content-type"] == DOCX
    assert b"<w:ins " in zipfile.ZipFile(io.BytesIO(red.content)).read("word/document.xml")
    page = c.post("/api/diff?output=html", files=files)
    assert page.headers["content-type"].startswith("text/html") and "各位委员" in page.text


def test_diff_of_identical_files_says_so(client: Callable[[str], Client]) -> None:
    data = docx_of()
    r = client("reviewer_a").post("/api/diff", files={"old": ("a.docx", data), "new": ("b.docx", data)})
    assert r.json()["identical"] is True


def test_check_finds_a_number_changed_in_the_draft(client: Callable[[str], Client]) -> None:
    c = client("reviewer_a")
    clean = c.post("/api/check", files={"draft": ("a.docx", docx_of()), "facts": ("f.yaml", EXAMPLE.encode())})
    assert clean.status_code == 200 and clean.json()["clean"] is True
    edited_doc = docx_of(EXAMPLE)
    parts = zipfile.ZipFile(io.BytesIO(edited_doc))
    xml = parts.read("word/document.xml").decode()
    import re

    m = re.search(r"(\d{3,})篇", xml)
    assert m is not None
    xml = xml.replace(m.group(0), str(int(m.group(1)) + 7) + "篇", 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in parts.infolist():
            out.writestr(info, xml if info.filename == "word/document.xml" else parts.read(info))
    r = c.post("/api/check", files={"draft": ("a.docx", buf.getvalue()), "facts": ("f.yaml", EXAMPLE.encode())})
    assert r.json()["clean"] is False
    assert any(str(int(m.group(1)) + 7) in f["message"] for f in r.json()["findings"])


def test_zip_bomb_is_refused_before_parsing(client: Callable[[str], Client]) -> None:
    bomb = zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    r = client("reviewer_a").post("/api/diff", files={"old": ("a.docx", bomb), "new": ("b.docx", docx_of())})
    assert r.status_code == 422
    assert r.json()["code"] == "docx-unusable" and "压缩炸弹" in r.json()["message"]


def test_docx_with_a_doctype_is_refused(client: Callable[[str], Client]) -> None:
    parts = zipfile.ZipFile(io.BytesIO(docx_of()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in parts.infolist():
            data = parts.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', 1)
            out.writestr(info, data)
    r = client("reviewer_a").post("/api/diff", files={"old": ("a.docx", buf.getvalue()), "new": ("b.docx", docx_of())})
    assert r.status_code == 422 and "DOCTYPE" in r.json()["message"]


def test_a_pdf_is_not_a_docx(client: Callable[[str], Client]) -> None:
    r = client("reviewer_a").post(
        "/api/diff", files={"old": ("a.docx", b"%PDF-1.7 ..."), "new": ("b.docx", docx_of())}
    )
    assert r.status_code == 422 and "PDF" in r.json()["message"]


def test_upload_over_twenty_megabytes_is_413(client: Callable[[str], Client]) -> None:
    big = b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024 + 10)
    r = client("reviewer_a").post("/api/diff", files={"old": ("a.docx", big), "new": ("b.docx", b"x")})
    assert r.status_code == 413 and r.json()["code"] == "upload-too-large"


def test_request_body_over_the_limit_is_413_before_reading(client: Callable[[str], Client]) -> None:
    huge = b"x" * (50 * 1024 * 1024)
    r = client("reviewer_a").post("/api/validate", content=huge, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "body-too-large"


def test_kinds_and_skeleton(client: Callable[[str], Client]) -> None:
    c = client("reviewer_a")
    kinds = {k["name"] for k in c.get("/api/kinds").json()}
    assert {"leadership_speech", "work_summary", "meeting_plan"} <= kinds
    sk = c.get("/api/kinds/work_summary/skeleton")
    assert sk.status_code == 200 and "kind: work_summary" in sk.text
    assert c.get("/api/kinds/nonsense/skeleton").status_code == 404


def test_an_unexpected_error_is_a_json_500_without_traceback(
    client: Callable[[str], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    import docgen.service.routes_tools as tools

    def boom(*_a: object, **_k: object) -> None:
        raise ZeroDivisionError("secret internals")

    monkeypatch.setattr(tools, "validate_bounded", boom)
    r = client("reviewer_a").post("/api/validate", json={"yaml": EXAMPLE})
    assert r.status_code == 500
    assert r.json() == {"code": "internal-error", "message": r.json()["message"]}
    assert "Traceback" not in r.text and "secret internals" not in r.text and "ZeroDivision" not in r.text
    monkeypatch.undo()
    import docgen.service.rendering as rendering
    from service.jobs import raise_bug

    monkeypatch.setattr(rendering, "_VALIDATE", raise_bug)  # a bug inside the worker process
    r = client("reviewer_a").post("/api/validate", json={"yaml": EXAMPLE})
    assert r.status_code == 500 and r.json()["code"] == "internal-error"
    assert "Traceback" not in r.text and "a bug" not in r.text and "KeyError" not in r.text


def test_unknown_route_is_a_json_404(client: Callable[[str], Client]) -> None:
    r = client("reviewer_a").get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["code"] == "not-found"


def test_openapi_documents_the_api(client: Callable[[str], Client]) -> None:
    spec = client("reviewer_a").get("/openapi.json").json()
    assert "/api/documents/{doc_id}/revisions" in spec["paths"] and "/api/render" in spec["paths"]
