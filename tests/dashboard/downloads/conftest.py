"""An app over a small portfolio with one row or two for each tab, computed by
hand, and two logins: `admin` and `viewer` (the client viewer of Acme, A)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from dashboard.factory import create_app
from dashboard.kernel.settings import Settings
from data.models import Client
from tests.factories import (
    add_action_item,
    add_attendee,
    add_client,
    add_invoice,
    add_meeting,
    add_project,
    add_spend,
    add_survey,
)
from tests.login import add_user_row, log_in

D = dt.date
AS_OF = D(2026, 8, 15)  # 2026-Q3 counts 07-01 to 08-15
HOSTILE = '=HYPERLINK("http://evil.example","click")'


def add_portfolio(engine) -> None:
    """A (Acme, since 2025) and B (a formula-like name, churned 2026-07-20 for
    price); invoices, meetings, action items, spend and NPS answers."""
    with engine.begin() as conn:
        a = add_client(conn, "A", name="Acme", onboarded_on=D(2025, 1, 1))
        b = add_client(conn, "B", name=HOSTILE, onboarded_on=D(2025, 1, 1))
        conn.execute(
            update(Client)
            .where(Client.id == b)
            .values(churned_on=D(2026, 7, 20), churn_reason="price")
        )
        # Revenue: A $100 → $150, B $50 → nothing, in the same days of Q3.
        add_invoice(conn, a, D(2025, 7, 10), 10_000)
        add_invoice(conn, b, D(2025, 7, 15), 5_000)
        add_invoice(conn, a, D(2026, 7, 10), 15_000)
        # Meetings in Q3: A held and cancelled (monthly reviews), B a held QBR.
        held = add_meeting(conn, a, dt.datetime(2026, 7, 10, 9))
        add_attendee(conn, held, "client", True)
        add_attendee(conn, held, "client", False)
        add_meeting(conn, a, dt.datetime(2026, 7, 11, 9), status="cancelled")
        qbr = add_meeting(conn, b, dt.datetime(2026, 7, 5, 9), kind="qbr")
        add_attendee(conn, qbr, "client", True)
        # Open items on 08-15: two overdue for ann, one for bob; one not due yet.
        add_action_item(conn, a, D(2026, 8, 1), owner="ann")
        add_action_item(conn, a, D(2026, 8, 10), owner="ann")
        add_action_item(conn, a, D(2026, 8, 12), owner="bob")
        add_action_item(conn, a, D(2026, 8, 20), owner="bob")
        # Spend in Q3: labour $100 and travel $25.50; June's $999 is outside.
        project = add_project(conn, a, D(2026, 1, 1), D(2026, 12, 31), 1_000_000)
        add_spend(conn, project, D(2026, 7, 5), 10_000, category="labor")
        add_spend(conn, project, D(2026, 8, 1), 2_550, category="travel")
        add_spend(conn, project, D(2026, 6, 1), 99_900, category="labor")
        # NPS: Q2 one passive (A 8); Q3 a promoter (A 10) and a detractor (B 5).
        add_survey(conn, a, D(2026, 4, 10), "nps", 8)
        add_survey(conn, a, D(2026, 7, 2), "nps", 10)
        add_survey(conn, b, D(2026, 7, 3), "nps", 5)


@pytest.fixture
def app(empty_engine):
    """The app over the portfolio, with the users admin and viewer (A)."""
    url = empty_engine.url.render_as_string(hide_password=False)
    dash_app = create_app(Settings(database_url=url, load_demo_data=False, as_of=AS_OF))
    add_portfolio(empty_engine)
    add_user_row(empty_engine, "admin", "admin")
    add_user_row(empty_engine, "viewer", "client_viewer", client="A")
    dash_app.engine = empty_engine
    return dash_app


@pytest.fixture
def admin(app):
    """A browser logged in as admin."""
    browser = app.server.test_client()
    log_in(browser, "admin")
    return browser


@pytest.fixture
def viewer(app):
    """A browser logged in as A's client viewer."""
    browser = app.server.test_client()
    log_in(browser, "viewer")
    return browser
