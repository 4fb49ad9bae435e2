"""Logging in and out: cookie flags, audit entries, lockout, timeouts, redirects."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

from sqlalchemy import select, update

from data.models.auth import AuditEntry, LoginFailure, User, UserSession
from tests.dashboard.auth.conftest import START
from tests.login import csrf_from, log_in


def audit_actions(engine) -> list[tuple[str, str | None, str | None]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.detail).order_by(
                AuditEntry.id
            )
        )
        return [tuple(row) for row in rows]


def session_cookie_header(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if "crd_session=" in c]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


def test_login_sets_a_strict_httponly_cookie_and_is_audited(auth_app):
    client = auth_app.client()
    response = log_in(client, "Admin", next_path="/?lang=zh&theme=dark")
    assert response.status_code == 303
    assert response.headers["Location"] == "/?lang=zh&theme=dark"
    cookie = session_cookie_header(response)
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # development
    token = client.get_cookie("crd_session").value
    with auth_app.engine.connect() as conn:
        stored = conn.execute(select(UserSession.token_hash)).scalars().all()
    assert len(stored) == 1 and token not in stored[0]  # only a hash is stored
    assert client.get("/").status_code == 200
    assert audit_actions(auth_app.engine) == [("login", "admin", None)]


def test_a_wrong_password_is_refused_and_audited(auth_app):
    client = auth_app.client()
    response = log_in(client, "am", "not-the-password")
    assert response.status_code == 401
    assert "Wrong username or password." in response.get_data(as_text=True)
    assert client.get_cookie("crd_session") is None
    assert client.get("/").status_code == 302
    log_in(client, "nobody", "whatever-password")
    assert audit_actions(auth_app.engine) == [
        ("login_failed", "am", "wrong password"),
        ("login_failed", "nobody", "unknown user"),
    ]


def test_a_login_without_the_form_token_is_refused(auth_app):
    client = auth_app.client()
    response = client.post(
        "/login", data={"username": "admin", "password": "demo-password-1"}
    )
    assert response.status_code == 400
    assert client.get_cookie("crd_session") is None


def test_five_failures_lock_the_username_for_fifteen_minutes(auth_app):
    client = auth_app.client()
    for _ in range(4):
        assert log_in(client, "manager", "wrong-password").status_code == 401
    fifth = log_in(client, "manager", "wrong-password")
    assert fifth.status_code == 429
    # START 09:00 UTC + 15 minutes; the time zone setting is UTC.
    assert "Try again after 09:15 (UTC)." in fifth.get_data(as_text=True)
    auth_app.clock.advance(minutes=14, seconds=59)
    refused = log_in(client, "manager")  # the right password, still refused
    assert refused.status_code == 429
    assert client.get_cookie("crd_session") is None
    actions = audit_actions(auth_app.engine)
    assert [a for a, _, _ in actions] == ["login_failed"] * 5 + [
        "lockout",
        "login_failed",
    ]
    assert actions[-1][2].startswith("refused: locked until 09:15:00")
    auth_app.clock.advance(seconds=1)
    assert log_in(client, "manager").status_code == 303
    with auth_app.engine.connect() as conn:
        keys = conn.execute(select(LoginFailure.key)).scalars().all()
    assert "user:manager" not in keys  # a success clears the username counter


def test_five_failures_from_one_address_lock_every_username(auth_app):
    client = auth_app.client()
    for name in ("u1", "u2", "u3", "u4", "u5"):
        log_in(client, name, "wrong-password")
    response = log_in(client, "admin")  # another user, right password
    assert response.status_code == 429
    auth_app.clock.advance(minutes=15)
    assert log_in(client, "admin").status_code == 303


def test_failures_spread_over_more_than_the_window_do_not_lock(auth_app):
    client = auth_app.client()
    for _ in range(4):
        log_in(client, "am", "wrong-password")
    auth_app.clock.advance(minutes=16)  # the four are forgotten
    log_in(client, "am", "wrong-password")
    assert log_in(client, "am").status_code == 303


def test_an_idle_session_ends_after_thirty_minutes(auth_app):
    client = auth_app.client()
    log_in(client, "admin")
    auth_app.clock.advance(minutes=29)
    assert client.get("/").status_code == 200  # and last_seen moves to 09:29
    auth_app.clock.advance(minutes=29)
    assert client.get("/").status_code == 200  # 29 min idle since 09:29
    auth_app.clock.advance(minutes=30, seconds=1)
    response = client.get("/?tab=budget")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert "expired=1" in response.headers["Location"]
    with auth_app.engine.connect() as conn:
        assert conn.execute(select(UserSession.id)).all() == []


def test_a_session_ends_after_twelve_hours_however_active(auth_app):
    client = auth_app.client()
    log_in(client, "admin")
    for _ in range(12 * 4):
        auth_app.clock.advance(minutes=15)
        if auth_app.clock.now - START > dt.timedelta(hours=12):
            break
        assert client.get("/").status_code == 200
    auth_app.clock.advance(minutes=1)
    assert client.get("/").status_code == 302


def test_disabling_a_user_ends_their_session_at_once(auth_app):
    client = auth_app.client()
    log_in(client, "am")
    assert client.get("/_dash-layout").status_code == 200
    with auth_app.engine.begin() as conn:
        conn.execute(update(User).where(User.username == "am").values(disabled=True))
    assert client.get("/_dash-layout").status_code == 401
    assert log_in(client, "am").status_code == 401
    assert audit_actions(auth_app.engine)[-1] == ("login_failed", "am", "disabled user")


def test_next_only_accepts_local_paths(auth_app):
    for target in (
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
    ):
        client = auth_app.client()
        response = log_in(client, "admin", next_path=target)
        assert response.headers["Location"] == "/", target


def test_the_guard_sends_pages_to_login_keeping_language_and_theme(auth_app):
    client = auth_app.client()
    response = client.get("/?lang=zh&theme=dark")
    location = response.headers["Location"]
    assert unquote(location) == "/login?next=/?lang=zh&theme=dark"
    page = client.get(location).get_data(as_text=True)
    assert '<html lang="zh-Hans" data-bs-theme="dark">' in page
    assert "用户名" in page and "登录" in page
    assert 'value="/?lang=zh&amp;theme=dark"' in page


def test_logout_needs_the_token_and_ends_the_session(auth_app):
    client = auth_app.client()
    log_in(client, "admin")
    assert client.post("/logout").status_code == 403
    form = client.get("/login").get_data(as_text=True)  # any token of the login form
    assert (
        client.post("/logout", data={"csrf_token": csrf_from(form)}).status_code == 403
    )
    from tests.dashboard.auth.test_presenting import session_csrf

    response = client.post(
        "/logout", data={"csrf_token": session_csrf(auth_app, client)}
    )
    assert response.status_code == 303
    assert client.get("/").status_code == 302
    assert audit_actions(auth_app.engine)[-1] == ("logout", "admin", None)
