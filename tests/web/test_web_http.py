"""The page's routes through HTTP without a browser (fast): login CSRF, CSRF on forms, sign-in redirects,
office isolation of pages, escaping and headers; and the two text transformations behind the page (the form
view writing into the YAML, last year's document carried forward)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from docgen.api import validate_text
from docgen.service.web.carry import carry_forward
from docgen.service.web.formgen import FormError, apply_form, form_groups

EXAMPLE = (
    Path(__file__).resolve().parents[2]
    / "docgen"
    / "domains"
    / "cppcc_publicity"
    / "examples"
    / "city_leadership_speech.yaml"
).read_text(encoding="utf-8")
PASSWORD = "correct-horse-9"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from docgen.service.accounts import add_user
    from docgen.service.app import create_app
    from docgen.service.settings import Settings

    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("web-http"), secret_key="web-http-secret"))
    with app.state.sessions() as s:
        add_user(s, "a-writer", "甲单位", "writer", PASSWORD, create_office=True)
        add_user(s, "a-reviewer", "甲单位", "reviewer", PASSWORD)
        add_user(s, "a-admin", "甲单位", "admin", PASSWORD)
        add_user(s, "b-writer", "乙单位", "writer", PASSWORD, create_office=True)
        s.commit()
    return app


def _login(app: Any, name: str) -> tuple[TestClient, str]:
    c = TestClient(app)
    page = c.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = c.post(
        "/login",
        data={"username": name, "password": PASSWORD, "next": "/", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    home = c.get("/")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', home.text).group(1)  # type: ignore[union-attr]
    return c, csrf


def _new_doc(c: TestClient, csrf: str, title: str = "测试文稿") -> str:
    r = c.post(
        "/new",
        data={
            "csrf_token": csrf,
            "source": "kind",
            "kind": "leadership_speech",
            "title": title,
            "year": "2024",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    return str(r.headers["location"])


def test_login_without_the_forms_token_is_refused(app: Any) -> None:
    c = TestClient(app)
    r = c.post(
        "/login", data={"username": "a-writer", "password": PASSWORD, "next": "/"}, follow_redirects=False
    )
    assert r.status_code == 403 and "登录页面已过期" in r.text
    assert "docgen_session" not in r.cookies


def test_wrong_password_is_a_chinese_message_on_the_page(app: Any) -> None:
    c = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)  # type: ignore[union-attr]
    r = c.post("/login", data={"username": "a-writer", "password": "nope-nope", "csrf_token": token})
    assert r.status_code == 401 and "用户名或密码不正确" in r.text and "nope-nope" not in r.text


def test_pages_send_a_signed_out_browser_to_login_and_back(app: Any) -> None:
    r = TestClient(app).get("/docs/1/history?x=1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/docs/1/history?x=1"
    r = TestClient(app).get("/login?next=//evil.example/")
    assert 'name="next" value="/"' in r.text


def test_every_form_needs_the_csrf_token(app: Any) -> None:
    c, csrf = _login(app, "a-writer")
    doc = _new_doc(c, csrf)
    for path, data in (
        (doc + "/save", {"yaml": EXAMPLE}),
        ("/new", {"title": "x", "kind": "leadership_speech", "year": "2024"}),
        (doc + "/download", {"yaml": EXAMPLE}),
        ("/logout", {}),
    ):
        r = c.post(path, data=data, follow_redirects=False)
        assert r.status_code == 403, path
        assert "CSRF" in r.text
    assert (
        c.post(doc + "/save", data={"yaml": EXAMPLE, "csrf_token": csrf}, follow_redirects=False).status_code
        == 303
    )
    assert c.post(doc + "/lint", json={"text": EXAMPLE}).status_code == 403
    assert c.post(doc + "/lint", json={"text": EXAMPLE}, headers={"X-CSRF-Token": csrf}).status_code == 200


def test_pages_have_a_strict_content_security_policy(app: Any) -> None:
    c, _ = _login(app, "a-writer")
    for path in ("/login", "/", "/new", "/review"):
        csp = c.get(path).headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "script-src 'self';" in csp
        assert "frame-ancestors 'none'" in csp


def test_another_offices_document_is_not_found_on_every_page(app: Any) -> None:
    a, csrf = _login(app, "a-writer")
    doc = _new_doc(a, csrf, "甲单位的秘密文稿")
    a.post(doc + "/save", data={"yaml": EXAMPLE, "csrf_token": csrf})
    b, bcsrf = _login(app, "b-writer")
    assert "甲单位的秘密文稿" not in b.get("/").text
    gets = ["", "/history", "/check", "/diff?a=1&b=2", "/redline?a=1&b=2", "/revisions/2/download?fmt=docx"]
    for suffix in gets:
        r = b.get(doc + suffix, headers={"accept": "text/html"})
        assert r.status_code == 404 and "找不到" in r.text and "秘密" not in r.text, suffix
    posts = ["/save", "/preview", "/form", "/download"]
    for suffix in posts:
        r = b.post(doc + suffix, data={"yaml": EXAMPLE, "csrf_token": bcsrf}, headers={"accept": "text/html"})
        assert r.status_code == 404, suffix
    new = b.post(
        "/new",
        data={
            "csrf_token": bcsrf,
            "source": "previous",
            "from_doc": doc.rsplit("/", 1)[1],
            "title": "偷来的",
        },
    )
    assert new.status_code == 404 and "秘密" not in new.text


def test_a_reviewer_cannot_write(app: Any) -> None:
    a, csrf = _login(app, "a-writer")
    doc = _new_doc(a, csrf)
    r, rcsrf = _login(app, "a-reviewer")
    assert "保存为新修订" not in r.get(doc).text
    assert r.post(doc + "/save", data={"yaml": EXAMPLE, "csrf_token": rcsrf}).status_code == 403
    assert r.get("/new").status_code == 403


def test_titles_and_facts_are_escaped(app: Any) -> None:
    c, csrf = _login(app, "a-writer")
    nasty = "<img src=x onerror=alert(1)>{{ 7 }}\"'"
    doc = _new_doc(c, csrf, nasty)
    page = c.get(doc).text
    assert nasty not in page and "&lt;img src=x onerror=alert(1)&gt;{{ 7 }}&#34;&#39;" in page
    text = EXAMPLE.replace("title: 在全市政协宣传信息工作会议上的讲话", "title: '<b>粗</b>{{ 7 }}'")
    preview = c.post(doc + "/preview", data={"yaml": text, "csrf_token": csrf}).text
    assert "&lt;b&gt;粗&lt;/b&gt;{{ 7 }}" in preview and "<b>粗" not in preview


def test_carried_forward_document_moves_the_year_and_keeps_counts_as_previous() -> None:
    text = carry_forward(EXAMPLE)
    assert "id: cy-2025-xcxx-speech" in text and "date: 2025-12-06" in text and "start: 2025-01-01" in text
    assert "{ref: media.total, previous: 186, previous_period: 去年}" in text
    assert "previous: 21" in text  # social_opinion.adopted[省政协]
    # the year it plans for moves on too: deadlines, events, the horizon, the political wording's year
    assert "horizon: 2026年" in text and "by: 2026-03-31" in text and "when: 2026年4月" in text
    assert "political_context: pc_2025_standard" in text and "period_label: 2024—2025年度" in text
    assert text.startswith("# 示例")  # comments kept
    check = validate_text(text)
    assert check.valid, check.problems
    older = carry_forward("document:\n  date: 2024-01-05\n  since: 2019年以来\n  on: 2019-03-01\n")
    assert "since: 2019年以来" in older and "on: 2019-03-01" in older  # the past stays where it was


def test_form_lists_the_common_blocks_with_the_models_chinese_titles() -> None:
    groups = {g.path: g for g in form_groups(EXAMPLE)}
    assert list(groups) == ["document", "org", "period", "meeting"]
    fields = {f.path: f for f in groups["document"].fields}
    assert fields["document.date"].title == "日期" and fields["document.date"].value == "2024-12-06"
    assert fields["document.date"].required and fields["document.kind"].widget == "select"
    assert "发文或讲话单位" in groups["org"].description


def test_form_values_go_into_the_yaml_keeping_comments_and_the_rest() -> None:
    new = apply_form(
        EXAMPLE,
        {
            "document.title": "新标题",
            "org.subunits_count": "9",
            "document.subtitle": "",
            "meeting.purposes": "甲\n乙\n",
        },
    )
    changed = [line for line in new.splitlines() if line not in EXAMPLE.splitlines()]
    assert changed == ["  title: 新标题", "  subunits_count: 9", "    - 甲", "    - 乙"]
    assert apply_form(EXAMPLE, {"document.title": "在全市政协宣传信息工作会议上的讲话"}) == EXAMPLE
    with pytest.raises(FormError, match="第 2 行"):
        apply_form("a: 1\n  b: [\n", {"document.title": "x"})


def test_download_uses_the_chosen_font_profile_and_format(app: Any) -> None:
    import io
    import zipfile

    c, csrf = _login(app, "a-writer")
    doc = _new_doc(c, csrf)
    files = {}
    for profile in ("gb2312", "windows"):
        r = c.post(
            doc + "/download",
            data={"yaml": EXAMPLE, "csrf_token": csrf, "fmt": "docx", "font_profile": profile},
        )
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
        files[profile] = zipfile.ZipFile(io.BytesIO(r.content)).read("word/styles.xml").decode("utf-8")
    assert "仿宋_GB2312" in files["gb2312"] and "仿宋_GB2312" not in files["windows"]
    md = c.post(doc + "/download", data={"yaml": EXAMPLE, "csrf_token": csrf, "fmt": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and "186" in md.text
    bad = c.post(
        doc + "/download",
        data={"yaml": EXAMPLE.replace("2024-12-06", "2024-13-06"), "csrf_token": csrf},
        headers={"accept": "text/html"},
    )
    assert bad.status_code == 422 and "第 11 行" in bad.text


def test_two_uploaded_files_give_a_redline(app: Any) -> None:
    import io
    import zipfile

    c, csrf = _login(app, "a-reviewer")
    a, acsrf = _login(app, "a-writer")
    doc = _new_doc(a, acsrf)
    old = a.post(doc + "/download", data={"yaml": EXAMPLE, "csrf_token": acsrf}).content
    new = a.post(
        doc + "/download", data={"yaml": EXAMPLE.replace("value: 186", "value: 203"), "csrf_token": acsrf}
    ).content
    r = c.post(
        "/review/redline", data={"csrf_token": csrf}, files={"old": ("旧.docx", old), "new": ("新.docx", new)}
    )
    assert r.status_code == 200
    xml = zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml
    page = c.post(
        "/review/diff", data={"csrf_token": csrf}, files={"old": ("旧.docx", old), "new": ("新.docx", new)}
    )
    assert '<ins class="ins num">203</ins>' in page.text
    junk = c.post(
        "/review/diff",
        data={"csrf_token": csrf},
        files={"old": ("a.docx", b"PK\x03\x04junk"), "new": ("b.docx", new)},
        headers={"accept": "text/html"},
    )
    assert junk.status_code == 422 and "<html" in junk.text


def test_lint_answers_problems_and_warnings_with_their_lines(app: Any) -> None:
    c, csrf = _login(app, "a-writer")
    doc = _new_doc(c, csrf)
    partial = (
        Path(__file__).resolve().parents[2]
        / "docgen"
        / "domains"
        / "cppcc_publicity"
        / "examples"
        / "county_leadership_speech_partial.yaml"
    ).read_text(encoding="utf-8")
    body = c.post(doc + "/lint", json={"text": partial}, headers={"X-CSRF-Token": csrf}).json()
    assert body["problems"] == []
    unused = [w for w in body["warnings"] if w["code"] == "unused-fact"]
    assert unused
    lines = partial.splitlines()
    for w in unused:  # each points at its own key's line
        key = w["path"].rsplit(".", 1)[-1]
        assert lines[w["line"] - 1].strip().startswith(key + ":"), w
    broken = c.post(doc + "/lint", json={"text": "document: [\n"}, headers={"X-CSRF-Token": csrf}).json()
    assert broken["problems"] and broken["problems"][0]["line"] >= 1


def test_house_templates_page_uploads_for_admins_only_and_stays_in_the_office(app: Any) -> None:
    template = (Path(__file__).resolve().parents[2] / "templates" / "leadership_speech.docx").read_bytes()
    w, wcsrf = _login(app, "a-writer")
    files = {"file": ("模板.docx", template)}
    refused = w.post("/templates", data={"csrf_token": wcsrf}, files=files, headers={"accept": "text/html"})
    assert refused.status_code == 403 and "只有管理员可以上传模板" in refused.text
    a, acsrf = _login(app, "a-admin")
    assert a.post("/templates", data={"name": "甲模板"}, files=files).status_code == 403  # no CSRF token
    r = a.post(
        "/templates", data={"csrf_token": acsrf, "name": "<b>甲模板</b>"}, files=files, follow_redirects=False
    )
    assert r.status_code == 303 and "uploaded=" in r.headers["location"]
    listed = w.get("/templates").text
    assert "&lt;b&gt;甲模板&lt;/b&gt;" in listed and "<b>甲模板" not in listed
    tid = re.search(r"/templates/(\d+)/delete", a.get("/templates").text).group(1)  # type: ignore[union-attr]
    assert f'<option value="{tid}">' in w.get(_new_doc(w, wcsrf)).text  # offered in the editor
    b, bcsrf = _login(app, "b-writer")
    assert "甲模板" not in b.get("/templates").text
    assert b.post(f"/templates/{tid}/delete", data={"csrf_token": bcsrf}).status_code == 403
    empty = a.post("/templates", data={"csrf_token": acsrf}, headers={"accept": "text/html"})
    assert empty.status_code == 422 and "请选择要上传的模板文件" in empty.text
    gone = a.post(f"/templates/{tid}/delete", data={"csrf_token": acsrf}, follow_redirects=False)
    assert gone.status_code == 303 and "甲模板" not in w.get("/templates").text


def test_kind_lists_come_from_the_registry_grouped_by_domain(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen import registry

    c, _csrf = _login(app, "a-writer")
    for d in registry.domains():  # every registered domain with all its kinds, on both pages
        for page in (c.get("/new").text, c.get("/").text):
            assert f'<optgroup label="{d.label}">' in page
            assert all(f'<option value="{k.name}"' in page for k in d.kinds)
    refs = registry._entry_point_refs()
    monkeypatch.setattr(registry, "_entry_point_refs", lambda: [*refs, "web.fake_domain:DOMAIN"])
    registry._registry.cache_clear()
    try:
        page = c.get("/new").text
        assert (
            '<optgroup label="测试领域（虚构）">' in page
            and '<option value="zz_test_report">测试报告</option>' in page
        )
        filtered = c.get("/?kind=zz_test_report").text
        assert '<option value="zz_test_report" selected>' in filtered
        assert c.get("/schema.json?domain=zz_test_domain").status_code == 200
        assert c.get("/schema.json?domain=nowhere").status_code == 404
    finally:
        monkeypatch.undo()
        registry._registry.cache_clear()
    assert "zz_test_report" not in c.get("/new").text
