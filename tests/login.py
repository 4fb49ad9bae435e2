"""Logging in from tests: add a user, then log in through /login like a browser.

    app = create_app(Settings(...))
    client = app.server.test_client()
    log_in(client, "admin")            # demo users: admin, manager, am, client
    client.get("/")                    # 200, the session cookie is kept

`add_user_row` adds a user straight to a database (when there are no demo users).
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Engine

from dashboard.auth.demo_users import DEMO_PASSWORD
from dashboard.auth.users import add_user

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    """The CSRF token of a server-rendered form."""
    found = CSRF_FIELD.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def log_in(
    client, username: str, password: str = DEMO_PASSWORD, *, next_path: str = "/"
):
    """GET /login for the form's token, then POST it; returns the POST's response."""
    form = client.get("/login", query_string={"next": next_path})
    return client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "next": next_path,
            "csrf_token": csrf_from(form.get_data(as_text=True)),
        },
    )


def add_user_row(
    engine: Engine,
    username: str,
    role: str,
    *,
    password: str = DEMO_PASSWORD,
    client: str | None = None,
    owner: str | None = None,
) -> None:
    """Add a user directly to the database."""
    with engine.begin() as conn:
        add_user(
            conn,
            username=username,
            role=role,
            password=password,
            now=dt.datetime(2026, 1, 1),
            client_external_id=client,
            owner_name=owner,
        )
