"""The scope of each role, and presenting one client's external view."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.auth.csrf import token_for
from dashboard.auth.sessions import token_hash
from dashboard.kernel.scope import Scope
from data.models.auth import AuditEntry, UserSession
from tests.login import log_in


def session_csrf(auth_app, client) -> str:
    """The CSRF token the page gives a logged-in browser."""
    token = client.get_cookie("crd_session").value
    with auth_app.server.test_request_context():
        return token_for(token_hash(token))


def scope_of(auth_app, client) -> Scope:
    """current_scope() as a callback of this browser's request would see it."""
    services = auth_app.server.extensions["dashboard"]
    token = client.get_cookie("crd_session").value
    with auth_app.server.test_request_context(
        "/_dash-layout", headers={"Cookie": f"crd_session={token}"}
    ):
        refused = auth_app.server.preprocess_request()
        assert refused is None
        return services.current_scope()


def user_of(auth_app, client):
    services = auth_app.server.extensions["dashboard"]
    token = client.get_cookie("crd_session").value
    with auth_app.server.test_request_context(
        "/", headers={"Cookie": f"crd_session={token}"}
    ):
        auth_app.server.preprocess_request()
        return services.current_user()


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("admin", Scope.everything()),
        ("manager", Scope.everything()),
        ("am", Scope(owner="Ann")),
        ("client", Scope(client_ids=frozenset({"C2"}), internal=False)),
    ],
)
def test_each_role_gets_its_scope(auth_app, username, expected):
    client = auth_app.client()
    log_in(client, username)
    assert scope_of(auth_app, client) == expected


def test_outside_a_request_the_scope_is_everything_unless_overridden(auth_app):
    services = auth_app.server.extensions["dashboard"]
    assert services.current_scope() == Scope.everything()
    assert services.current_user() is None
    narrowed = Scope.for_client("C1")
    assert (
        services.__class__(
            services.settings, services.engine, scope_override=narrowed
        ).current_scope()
        == narrowed
    )


def test_a_request_without_a_user_sees_no_client(auth_app):
    services = auth_app.server.extensions["dashboard"]
    with auth_app.server.test_request_context("/"):
        assert services.current_scope() == Scope(client_ids=frozenset(), internal=False)


def test_presenting_narrows_to_one_client_and_stopping_restores(auth_app):
    client = auth_app.client()
    log_in(client, "am")
    response = client.post(
        "/presenting/start",
        data={"client": "C1", "csrf_token": session_csrf(auth_app, client)},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/?client=C1"
    assert scope_of(auth_app, client) == Scope(
        client_ids=frozenset({"C1"}), internal=False
    )
    user = user_of(auth_app, client)
    assert (user.username, user.role) == ("am", "account_manager")
    assert user.presenting_client_external_id == "C1"
    assert user.presenting_client_name == "Alpha Ltd"
    stop = client.post(
        "/presenting/stop",
        data={"csrf_token": session_csrf(auth_app, client), "lang": "zh"},
    )
    assert (stop.status_code, stop.headers["Location"]) == (
        303,
        "/presenting/stopped?lang=zh",
    )
    assert scope_of(auth_app, client) == Scope(owner="Ann")
    with auth_app.engine.connect() as conn:
        audited = conn.execute(
            select(AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.id)
        ).all()
    assert [tuple(row) for row in audited][-2:] == [
        ("presenting_started", "client=C1"),
        ("presenting_stopped", "client=C1"),
    ]


def test_an_admin_may_present_any_client(auth_app):
    client = auth_app.client()
    log_in(client, "admin")
    client.post(
        "/presenting/start",
        data={"client": "C3", "csrf_token": session_csrf(auth_app, client)},
    )
    assert scope_of(auth_app, client) == Scope.for_client("C3")


def test_an_account_manager_cannot_present_another_owners_client(auth_app):
    client = auth_app.client()
    log_in(client, "am")
    response = client.post(
        "/presenting/start",
        data={"client": "C3", "csrf_token": session_csrf(auth_app, client)},
    )
    assert response.status_code == 403
    assert scope_of(auth_app, client) == Scope(owner="Ann")


def test_a_client_viewer_cannot_present(auth_app):
    client = auth_app.client()
    log_in(client, "client")
    response = client.post(
        "/presenting/start",
        data={"client": "C2", "csrf_token": session_csrf(auth_app, client)},
    )
    assert response.status_code == 403
    with auth_app.engine.connect() as conn:
        assert conn.execute(select(UserSession.presenting_client_id)).scalar() is None


def test_presenting_needs_the_sessions_csrf_token(auth_app):
    client = auth_app.client()
    log_in(client, "admin")
    other = auth_app.client()
    log_in(other, "manager")
    for token in (None, "forged", session_csrf(auth_app, other)):
        data = {"client": "C1"} | ({"csrf_token": token} if token else {})
        assert client.post("/presenting/start", data=data).status_code == 403
    header = {"X-CSRF-Token": session_csrf(auth_app, client)}
    assert (
        client.post("/presenting/start", data={"client": "C1"}, headers=header)
    ).status_code == 303
