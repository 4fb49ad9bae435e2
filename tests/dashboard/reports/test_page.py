"""The report page: the viewer's scope decides, never the link (forged queries)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.dashboard.auth.conftest import make_auth_app
from tests.dashboard.auth.test_presenting_lock import presenting
from tests.login import log_in

INTERNAL_MARK = "Internal: not for the client"


@pytest.fixture
def auth_app(empty_engine):
    """Clients C1 Alpha Ltd, C2 Beta plc (the client login's), C3 Gamma GmbH."""
    return make_auth_app(empty_engine, as_of=dt.date(2026, 8, 15))


def get(auth_app, username, path):
    client = auth_app.client()
    log_in(client, username)
    response = client.get(path)
    return response.status_code, response.get_data(as_text=True)


def test_a_client_login_gets_its_own_client_safe_report(auth_app):
    status, page = get(auth_app, "client", "/report?period=2026-Q3")
    assert status == 200
    assert "<h1>Client report</h1><p>Beta plc · 2026-Q3</p>" in page
    assert INTERNAL_MARK not in page
    assert "Alpha Ltd" not in page and "Gamma GmbH" not in page


@pytest.mark.parametrize(
    "query",
    ["client=C1", "client=C2&client=C1", "client=C1&audience=internal"],
)
def test_a_client_login_cannot_get_another_clients_report(auth_app, query):
    status, page = get(auth_app, "client", "/report?" + query)
    assert status == 404
    assert "Alpha Ltd" not in page


def test_a_client_login_asking_for_internal_gets_client_safe(auth_app):
    status, page = get(auth_app, "client", "/report?client=C2&audience=internal")
    assert status == 200
    assert INTERNAL_MARK not in page
    assert "Acquisition cost" not in page and "Health score" not in page
    assert "Meeting cost" not in page


def test_presenting_forces_the_presented_clients_client_safe_report(auth_app):
    client = presenting(auth_app, "am", "C1")
    forged = client.get("/report?client=C2&audience=internal")
    assert forged.status_code == 404
    assert "Beta plc" not in forged.get_data(as_text=True)
    page = client.get("/report?audience=internal").get_data(as_text=True)
    assert "<p>Alpha Ltd · " in page
    assert INTERNAL_MARK not in page


def test_a_manager_gets_the_internal_report_in_either_language(auth_app):
    status, page = get(auth_app, "manager", "/report?client=C1&audience=internal")
    assert status == 200
    # One client: its meeting cost (internal only), not the logo counts.
    assert INTERNAL_MARK in page and "<td>Meeting cost</td>" in page
    assert "Active clients" not in page
    status, page = get(auth_app, "manager", "/report?client=C1&lang=zh")
    assert status == 200
    assert "<h2>摘要</h2>" in page and INTERNAL_MARK not in page


def test_an_account_manager_sees_only_their_book(auth_app):
    assert get(auth_app, "am", "/report?client=C3")[0] == 404
    status, page = get(auth_app, "am", "/report")
    assert status == 200
    assert "Gamma GmbH" not in page


def test_a_bad_period_is_a_clear_400(auth_app):
    status, page = get(auth_app, "manager", "/report?client=C1&period=2026-Q9")
    assert status == 400
    assert "This period cannot be shown." in page


def test_the_report_follows_the_apps_theme(auth_app):
    status, page = get(auth_app, "manager", "/report?client=C1&theme=dark")
    assert status == 200
    assert page.startswith('<!DOCTYPE html><html lang="en" data-bs-theme="dark">')
    # Its links keep the theme: the other language and the dashboard.
    assert (
        'href="/report?client=C1&amp;period=2026-Q3&amp;lang=zh&amp;audience=client&amp;theme=dark"'
        in page
    )
    assert 'href="/?theme=dark"' in page
    light = get(auth_app, "manager", "/report?client=C1&theme=pink")[1]
    assert light.startswith('<!DOCTYPE html><html lang="en"><head>')
