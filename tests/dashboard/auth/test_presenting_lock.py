"""While presenting, the whole app is locked to the presented client: every other
page is refused (403) with a way to stop; stopping lands on a neutral page."""

from __future__ import annotations

from dashboard.auth.lock import allowed_while_presenting
from tests.dashboard.auth.test_presenting import session_csrf, user_of
from tests.login import csrf_from, log_in


def presenting(auth_app, username: str, client_id: str):
    """A browser logged in as `username`, presenting `client_id`."""
    client = auth_app.client()
    log_in(client, username)
    started = client.post(
        "/presenting/start",
        data={"client": client_id, "csrf_token": session_csrf(auth_app, client)},
    )
    assert started.status_code == 303
    return client


def test_the_allow_list_is_the_dashboard_the_clients_page_and_the_page_parts():
    allowed = (
        "/",
        "/clients/C1",
        "/clients/C1/",
        "/_dash-layout",
        "/_dash-update-component",
        "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js",
        "/assets/02-app.css",
        "/_favicon.ico",
        "/_reload-hash",
        "/report",
        "/presenting/stop",
        "/logout",
        "/healthz",
    )
    refused = (
        "/admin/audit",
        "/clients/C2",
        "/clients/C10",
        "/clients/C1/more",
        "/clients/",
        "/presenting/start",
        "/presenting/stopped",
        "/reports/new",
        "/static/x.css",
    )
    assert [p for p in allowed if not allowed_while_presenting(p, "C1")] == []
    assert [p for p in refused if allowed_while_presenting(p, "C1")] == []


def test_an_admin_presenting_cannot_open_the_audit_log(auth_app):
    client = presenting(auth_app, "admin", "C1")
    response = client.get("/admin/audit")
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "While presenting to Alpha Ltd, only Alpha Ltd can be shown." in page
    assert "stop presenting first" in page
    assert 'action="/presenting/stop"' in page
    # Nothing of the audit log: no usernames, actions or addresses.
    for secret in ("presenting_started", "login_succeeded", "127.0.0.1", "Beta plc"):
        assert secret not in page, secret
    chinese = client.get("/admin/audit?lang=zh").get_data(as_text=True)
    assert "演示期间不显示此页面" in chinese
    assert "向 Alpha Ltd 演示期间，只能显示 Alpha Ltd。" in chinese
    # The page's own form stops presenting; then the audit log opens again.
    stop = client.post("/presenting/stop", data={"csrf_token": csrf_from(page)})
    assert stop.status_code == 303
    assert client.get("/admin/audit").status_code == 200


def test_presenting_serves_only_the_presented_clients_pages(auth_app):
    client = presenting(auth_app, "am", "C1")
    assert client.get("/?client=C1").status_code == 200
    assert client.get("/clients/C1").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/healthz").status_code == 200
    refused = client.get("/clients/C2")
    assert refused.status_code == 403
    assert "Beta plc" not in refused.get_data(as_text=True)
    again = client.post(
        "/presenting/start",
        data={"client": "C2", "csrf_token": session_csrf(auth_app, client)},
    )
    assert again.status_code == 403
    assert user_of(auth_app, client).presenting_client_external_id == "C1"


def test_a_page_added_later_is_refused_by_default(empty_engine):
    from tests.dashboard.auth.conftest import make_auth_app

    auth_app = make_auth_app(empty_engine)
    auth_app.server.add_url_rule("/reports/new", "new_report", lambda: "portfolio")
    client = presenting(auth_app, "manager", "C3")
    assert client.get("/reports/new").status_code == 403
    client.post("/presenting/stop", data={"csrf_token": session_csrf(auth_app, client)})
    assert client.get("/reports/new").get_data(as_text=True) == "portfolio"


def test_stopping_lands_on_a_page_without_client_data(auth_app):
    client = presenting(auth_app, "am", "C1")
    stop = client.post(
        "/presenting/stop",
        data={
            "csrf_token": session_csrf(auth_app, client),
            "lang": "zh",
            "theme": "dark",
        },
    )
    assert (stop.status_code, stop.headers["Location"]) == (
        303,
        "/presenting/stopped?lang=zh&theme=dark",
    )
    page = client.get(stop.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "您已停止演示" in text and "请先停止共享屏幕，然后继续前往仪表板。" in text
    assert 'href="/?lang=zh&amp;theme=dark"' in text
    assert 'data-bs-theme="dark"' in text
    for client_data in ("Alpha", "Beta", "Gamma", "C1", "C2", "C3", "Ann"):
        assert client_data not in text, client_data
    english = client.get("/presenting/stopped").get_data(as_text=True)
    assert "You stopped presenting" in english
    assert '<a class="btn btn-primary" id="continue-to-dashboard" href="/">' in english


def test_a_client_viewer_knows_their_companys_name(auth_app):
    client = auth_app.client()
    log_in(client, "client")
    user = user_of(auth_app, client)
    assert (user.client_external_id, user.client_name) == ("C2", "Beta plc")
