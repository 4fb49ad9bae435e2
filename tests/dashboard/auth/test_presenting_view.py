"""Pressing "Present" keeps the view prepared (period, tab; the client's own
page), at the presented client."""

from __future__ import annotations

from dashboard.auth.presenting import presented_address
from tests.dashboard.auth.test_presenting import session_csrf
from tests.login import log_in


def test_the_prepared_period_and_tab_are_kept():
    address = presented_address(
        "C1", "/", "?period=2026-Q3&tab=budget", lang="en", theme="light"
    )
    assert address == "/?period=2026-Q3&client=C1&tab=budget"


def test_filters_of_other_clients_are_dropped_and_the_view_switches_stay():
    address = presented_address(
        "C1",
        "/",
        "?period=2026-Q2&client=C2&client=C3&segment=smb&region=EMEA&owner=Ann"
        "&tab=churn&lang=en",
        lang="zh",
        theme="dark",
    )
    assert address == "/?period=2026-Q2&client=C1&tab=churn&lang=zh&theme=dark"


def test_the_clients_own_page_stays_that_page_with_its_period():
    address = presented_address(
        "C 1/x", "/clients/C%201%2Fx", "?period=2026-07&tab=budget", lang="en",
        theme="light",
    )  # fmt: skip
    assert address == "/clients/C%201%2Fx?period=2026-07"


def test_another_page_or_another_clients_page_opens_the_dashboard():
    for path in ("/clients/C2", "/schedules", "https://evil.example/", None):
        address = presented_address(
            "C1", path, "?period=2026-Q3", lang="en", theme="light"
        )
        assert address == "/?period=2026-Q3&client=C1"


def test_an_unreadable_period_or_query_is_left_out():
    assert presented_address(
        "C1", "/", "?period=2026-Q9", lang="en", theme="light"
    ) == ("/?client=C1")
    assert presented_address("C1", "/", ["?tab=budget"], lang="en", theme="light") == (
        "/?client=C1"
    )


def test_the_form_post_redirects_to_the_prepared_view(auth_app):
    client = auth_app.client()
    log_in(client, "am")
    response = client.post(
        "/presenting/start",
        data={
            "client": "C1",
            "csrf_token": session_csrf(auth_app, client),
            "view_path": "/",
            "view_query": "?period=2026-Q3&client=C1&client=C2&tab=budget",
            "lang": "zh",
        },
    )
    assert response.status_code == 303
    assert (
        response.headers["Location"] == "/?period=2026-Q3&client=C1&tab=budget&lang=zh"
    )
