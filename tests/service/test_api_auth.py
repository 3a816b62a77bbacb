"""Sessions, CSRF, API tokens and login throttling."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.orm import Session

from docgen.service.auth import COOKIE, CSRF_HEADER
from docgen.service.models import LoginSession
from service.support import EXAMPLE, PASSWORD, Client


def test_login_sets_a_signed_httponly_samesite_lax_cookie(client: Callable[[str | None], Client]) -> None:
    c = client(None)
    r = c.post("/api/auth/login", json={"name": "writer_a", "password": PASSWORD})
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert r.json()["user"] == {"id": r.json()["user"]["id"], "name": "writer_a", "role": "writer",
                                "office": "澄阳市政协", "active": True}
    assert c.get("/api/auth/me").json()["user"]["name"] == "writer_a"


def test_wrong_password_is_401_with_a_chinese_message_and_no_cookie(client: Callable[[str | None], Client]) -> None:
    c = client(None)
    r = c.post("/api/auth/login", json={"name": "writer_a", "password": "wrong-password"})
    assert r.status_code == 401
    assert r.json()["code"] == "login-failed" and "密码" in r.json()["message"]
    assert "set-cookie" not in r.headers
    assert c.get("/api/documents").status_code == 401


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(client: Callable[[str | None], Client]) -> None:
    c = client(None)
    a = c.post("/api/auth/login", json={"name": "nobody", "password": "x"})
    b = c.post("/api/auth/login", json={"name": "writer_a", "password": "x"})
    assert a.status_code == b.status_code == 401 and a.json() == b.json()


def test_login_is_throttled_after_five_failures_even_with_the_right_password(
    client: Callable[[str | None], Client],
) -> None:
    c = client(None)
    for _ in range(5):
        assert c.post("/api/auth/login", json={"name": "writer_a", "password": "bad"}).status_code == 401
    r = c.post("/api/auth/login", json={"name": "writer_a", "password": PASSWORD})
    assert r.status_code == 429
    assert r.json()["code"] == "login-throttled" and "Retry-After" in r.headers
    # another user from the same address is not locked out by these five failures
    assert c.post("/api/auth/login", json={"name": "reviewer_a", "password": PASSWORD}).status_code == 200


def test_state_changing_call_without_csrf_token_is_refused(client: Callable[[str | None], Client]) -> None:
    w = client("writer_a")
    token = w.headers.pop(CSRF_HEADER)
    r = w.post("/api/documents", json={"kind": "leadership_speech"})
    assert r.status_code == 403 and r.json()["code"] == "csrf-failed"
    r = w.post("/api/documents", json={"kind": "leadership_speech"}, headers={CSRF_HEADER: token + "x"})
    assert r.status_code == 403
    assert w.get("/api/documents").status_code == 200  # reads need no token
    r = w.post("/api/documents", json={"kind": "leadership_speech"}, headers={CSRF_HEADER: token})
    assert r.status_code == 201


def test_csrf_token_may_come_as_a_form_field(client: Callable[[str | None], Client]) -> None:
    from service.support import docx_of

    w = client("writer_a")
    token = w.headers.pop(CSRF_HEADER)
    data = docx_of()
    files = {"draft": ("a.docx", data), "facts": ("f.yaml", EXAMPLE.encode())}
    assert w.post("/api/check", files=files).status_code == 403
    r = w.post("/api/check", files=files, data={"csrf_token": token})
    assert r.status_code == 200, r.text


def _replace_cookie(w: Client, value: str) -> None:
    """Send *value* as the session cookie: the jar's own entry (whatever its domain) goes first, so that the
    client cannot send both (httpx and httpx2 keep the domain a cookie was set for apart)."""
    w.cookies.clear()
    w.cookies.set(COOKIE, value)


def test_a_tampered_cookie_is_not_a_session(client: Callable[[str | None], Client]) -> None:
    w = client("writer_a")
    value = w.cookies[COOKIE]
    token, _, sig = value.partition(".")
    _replace_cookie(w, token + "." + sig[::-1])
    assert w.get("/api/documents").status_code == 401
    _replace_cookie(w, token)
    assert w.get("/api/documents").status_code == 401


def test_an_expired_session_must_log_in_again(app: FastAPI, client: Callable[[str | None], Client]) -> None:
    from docgen.service.models import utcnow

    w = client("writer_a")
    with Session(app.state.engine) as s:
        s.execute(update(LoginSession).values(expires_at=utcnow()))
        s.commit()
    r = w.get("/api/documents")
    assert r.status_code == 401 and r.json()["code"] == "session-expired"


def test_logout_ends_the_session_on_the_server(client: Callable[[str | None], Client]) -> None:
    w = client("writer_a")
    cookie = w.cookies[COOKIE]
    assert w.post("/api/auth/logout").status_code == 200
    _replace_cookie(w, cookie)  # replaying the old cookie does not help
    assert w.get("/api/documents").status_code == 401


def test_api_token_works_without_cookie_or_csrf_and_can_be_revoked(
    client: Callable[[str | None], Client],
) -> None:
    w = client("writer_a")
    made = w.post("/api/auth/tokens", json={"label": "脚本"})
    assert made.status_code == 201
    token = made.json()["token"]
    assert token.startswith("dg_")
    script = client(None)
    auth = {"Authorization": f"Bearer {token}"}
    r = script.post("/api/documents", json={"kind": "work_summary"}, headers=auth)
    assert r.status_code == 201, r.text
    listed = w.get("/api/auth/tokens").json()
    assert listed[0]["label"] == "脚本" and "token" not in listed[0]
    assert w.delete(f"/api/auth/tokens/{made.json()['id']}").status_code == 200
    r = script.get("/api/documents", headers=auth)
    assert r.status_code == 401 and r.json()["code"] == "token-invalid"


def test_another_users_token_cannot_be_revoked(client: Callable[[str | None], Client]) -> None:
    w = client("writer_a")
    tid = w.post("/api/auth/tokens", json={}).json()["id"]
    r = client("reviewer_a").delete(f"/api/auth/tokens/{tid}")
    assert r.status_code == 404


def test_a_password_never_appears_in_an_error(client: Callable[[str | None], Client]) -> None:
    c = client(None)
    secret = "my-secret-password-123"
    r = c.post("/api/auth/login", json={"name": "", "password": secret})
    assert r.status_code == 422 and r.json()["code"] == "request-invalid"
    assert secret not in r.text
    r = client("admin_a").post("/api/users", json={"name": "new user", "role": "writer", "password": secret})
    assert r.status_code == 422 and secret not in r.text


def test_a_deactivated_user_is_logged_out_and_cannot_log_in(client: Callable[[str | None], Client]) -> None:
    w = client("writer_a")
    a = client("admin_a")
    assert a.patch(f"/api/users/{w.user['id']}", json={"active": False}).status_code == 200
    assert w.get("/api/documents").status_code == 401
    assert client(None).post("/api/auth/login", json={"name": "writer_a", "password": PASSWORD}).status_code == 401


def test_anonymous_calls_are_401_everywhere(client: Callable[[str | None], Client]) -> None:
    c = client(None)
    for method, url in [("get", "/api/documents"), ("post", "/api/validate"), ("get", "/api/users"),
                        ("get", "/api/templates"), ("get", "/api/kinds"), ("get", "/api/audit")]:
        r = getattr(c, method)(url)
        assert r.status_code == 401, url
        assert r.json()["code"] == "not-authenticated"
    assert c.get("/api/health").json()["status"] == "ok"
