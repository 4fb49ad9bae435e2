"""Forged or missing sessions get 401 on every callback; presenting is refused to
those who may not present that client."""

from __future__ import annotations

import pytest

from dashboard.auth.sessions import COOKIE_NAME
from tests.security.book import ADMIN, AM, BY_KEY, CLIENT_VIEWER
from tests.security.browsers import (
    UPDATE,
    browser_for,
    dependencies,
    forged_bodies,
    server_callbacks,
    session_csrf,
    start_presenting,
)

NOT_LOGGED_IN = {"error": "not logged in", "login": "/login"}


def one_body_per_callback(book_app) -> dict[str, dict]:
    """A valid body for each server callback (checked: the admin gets 200)."""
    admin = browser_for(book_app.server, ADMIN)
    chosen: dict[str, dict] = {}
    for output, _forgery, body in forged_bodies(
        book_app.app, dependencies(admin), ADMIN
    ):
        if output not in chosen and admin.post(UPDATE, json=body).status_code == 200:
            chosen[output] = body
    assert set(chosen) == set(server_callbacks(book_app.app))
    return chosen


def assert_refused_everywhere(client, bodies: dict[str, dict]) -> None:
    """Every callback answers 401 with the JSON of the guard, and no data."""
    for output, body in bodies.items():
        response = client.post(UPDATE, json=body)
        assert response.status_code == 401, output
        assert response.get_json() == NOT_LOGGED_IN, output


def test_every_callback_needs_a_session(book_app):
    bodies = one_body_per_callback(book_app)
    assert_refused_everywhere(book_app.server.test_client(), bodies)


@pytest.mark.parametrize(
    "cookie",
    ["forged-session-token", "x" * 43, "", "' OR '1'='1"],
    ids=["word", "token-shaped", "empty", "quote"],
)
def test_a_forged_session_cookie_gets_401_on_every_callback(book_app, cookie):
    bodies = one_body_per_callback(book_app)
    client = book_app.server.test_client()
    client.set_cookie(COOKIE_NAME, cookie)
    assert_refused_everywhere(client, bodies)


def test_the_cookie_of_a_logged_out_session_gets_401(book_app):
    bodies = one_body_per_callback(book_app)
    client = browser_for(book_app.server, AM)
    token = client.get_cookie(COOKIE_NAME).value
    logout = client.post(
        "/logout", headers={"X-CSRF-Token": session_csrf(book_app.server, client)}
    )
    assert logout.status_code == 303
    replay = book_app.server.test_client()
    replay.set_cookie(COOKIE_NAME, token)
    assert_refused_everywhere(replay, bodies)


def test_a_client_viewer_cannot_start_presenting(book_app):
    client = browser_for(book_app.server, CLIENT_VIEWER)
    for key in ("A", "D"):
        response = start_presenting(book_app.server, client, BY_KEY[key].external_id)
        assert response.status_code == 403, key


def test_an_account_manager_presents_only_their_own_clients(book_app):
    client = browser_for(book_app.server, AM)
    refused = start_presenting(book_app.server, client, BY_KEY["D"].external_id)
    assert refused.status_code == 403  # D belongs to Bob
    assert b"Dunmore" not in refused.data
    unknown = start_presenting(book_app.server, client, BY_KEY["D"].ghost_id)
    assert unknown.status_code == 403
    # Positive control: their own client B can be presented.
    own = start_presenting(book_app.server, client, BY_KEY["B"].external_id)
    assert own.status_code == 303
    assert own.headers["Location"] == f"/?client={BY_KEY['B'].external_id}"


def test_presenting_needs_the_session_csrf_token(book_app):
    client = browser_for(book_app.server, ADMIN)
    response = client.post(
        "/presenting/start",
        data={"client": BY_KEY["A"].external_id},
        headers={"X-CSRF-Token": "forged"},
    )
    assert response.status_code == 403
