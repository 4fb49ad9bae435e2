"""Who gets in: the guard on every route, security headers, production refusals."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from dashboard.auth.demo_users import DEMO_PASSWORD
from dashboard.factory import create_app
from dashboard.kernel.settings import Settings
from tests.login import add_user_row, log_in

GOOD_KEY = "k" * 40


@pytest.fixture
def app(tmp_path):
    """The app on an empty SQLite database, one admin."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    app = create_app(Settings(database_url=url, load_demo_data=False))
    from data.db import make_engine

    engine = make_engine(url)
    add_user_row(engine, "admin", "admin")
    engine.dispose()
    return app


def test_without_a_session_pages_redirect_and_scripts_get_401(app):
    client = app.server.test_client()
    page = client.get("/?client=C1&lang=zh")
    assert page.status_code == 302
    assert page.headers["Location"] == "/login?next=%2F%3Fclient%3DC1%26lang%3Dzh"
    assert client.get("/clients/C1").status_code == 302
    for response in (
        client.get("/_dash-layout"),
        client.get("/_dash-dependencies"),
        client.post("/_dash-update-component", json={"output": "x", "inputs": []}),
        client.get("/_reload-hash"),
        client.post("/presenting/start", data={"client": "C1"}),
        client.get("/admin/audit"),
    ):
        if response.request.path == "/admin/audit":
            assert response.status_code == 302
            continue
        assert response.status_code == 401, response.request.path
        if response.request.path.startswith("/_"):
            assert response.get_json() == {"error": "not logged in", "login": "/login"}


def test_the_login_page_and_its_stylesheet_need_no_session(app):
    client = app.server.test_client()
    page = client.get("/login")
    assert page.status_code == 200
    assert '<link rel="stylesheet" href="/assets/01-bootstrap.min.css">' in (
        page.get_data(as_text=True)
    )
    assert client.get("/assets/01-bootstrap.min.css").status_code == 200
    assert client.get("/assets/02-dashboard.css").status_code == 302


def test_healthz_answers_ok_without_data_or_login(app, monkeypatch):
    client = app.server.test_client()
    response = client.get("/healthz")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "ok")
    context = app.server.extensions["dashboard_auth"]
    from data.db import make_engine

    monkeypatch.setattr(
        context, "engine", make_engine("postgresql+psycopg://nobody@127.0.0.1:1/x")
    )
    down = client.get("/healthz")
    assert (down.status_code, down.get_data(as_text=True)) == (503, "unavailable")


def _assert_security_headers(response, expected_hashes: list[str]) -> None:
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"].split() == ["'self'", *expected_hashes]
    assert "'unsafe-eval'" not in csp
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["img-src"] == "'self' data:"
    assert directives["font-src"] == "'self' data:"
    assert directives["connect-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_every_response_has_the_security_headers(app):
    hashes = app.csp_hashes()
    client = app.server.test_client()
    _assert_security_headers(client.get("/login"), hashes)
    _assert_security_headers(client.get("/_dash-layout"), hashes)  # the 401
    log_in(client, "admin")
    page = client.get("/")
    assert page.status_code == 200
    _assert_security_headers(page, hashes)
    _assert_security_headers(client.get("/_dash-layout"), hashes)


def test_the_csp_allows_exactly_the_pages_inline_scripts(app):
    client = app.server.test_client()
    log_in(client, "admin")
    html = client.get("/").get_data(as_text=True)
    # Comments (Dash's Internet Explorer notice) and JSON data blocks never run.
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    inline = re.findall(
        r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>(.*?)</script>",
        html,
        re.S,
    )
    # The renderer's start-up and the two clientside callbacks of the page.
    assert len(inline) == len(app.csp_hashes()) >= 1
    csp = client.get("/").headers["Content-Security-Policy"]
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


@pytest.mark.parametrize("key", ["dev-only-not-secret", "short-key", "x" * 31])
def test_production_refuses_a_weak_secret_key(tmp_path, key):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        env="production",
        secret_key=key,
    )
    with pytest.raises(SystemExit) as stop:
        create_app(settings)
    assert str(stop.value.code) == (
        "error: ENV=production needs a SECRET_KEY of at least 32 random characters"
        " (not the development default)"
    )


def test_production_creates_no_demo_users_and_sets_secure_cookies(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    app = create_app(
        Settings(database_url=url, env="production", secret_key=GOOD_KEY, as_of=None)
    )
    from data.db import make_engine

    engine = make_engine(url)
    client = app.server.test_client()
    assert log_in(client, "admin").status_code == 401  # no demo users
    add_user_row(engine, "boss", "admin", password="a-real-password-2")
    response = log_in(client, "boss", "a-real-password-2")
    cookie = [c for c in response.headers.getlist("Set-Cookie") if "crd_session" in c]
    assert "Secure" in cookie[0] and "HttpOnly" in cookie[0]
    engine.dispose()


def test_production_refuses_to_start_while_a_demo_password_works(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    create_app(Settings(database_url=url))  # development: demo data and users
    with pytest.raises(SystemExit) as stop:
        create_app(Settings(database_url=url, env="production", secret_key=GOOD_KEY))
    message = str(stop.value.code)
    assert message.startswith(
        "error: ENV=production but demo users still have the demo password:"
        " admin, am, client, manager"
    )
    assert "\n" not in message
    assert DEMO_PASSWORD not in message


def test_session_idle_minutes_is_read_and_checked():
    from dashboard.kernel.settings import SettingsError

    assert Settings.from_env({}).session_idle_minutes == 30
    assert Settings.from_env({"SESSION_IDLE_MINUTES": "45"}).session_idle_minutes == 45
    with pytest.raises(SettingsError, match="SESSION_IDLE_MINUTES=0 must be between"):
        Settings.from_env({"SESSION_IDLE_MINUTES": "0"})
