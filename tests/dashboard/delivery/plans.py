"""A database with the report book, its logins and a plan to schedule."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dashboard.delivery.subscriptions import Plan
from tests.dashboard.reports.book import add_report_book
from tests.login import add_user_row

NOW = dt.datetime(2026, 8, 15, 6, 0)


def add_book_and_logins(engine) -> None:
    """K1 Acme and K2 Rival Corp (ann's book), K3; the logins boss (admin), ann
    (account manager of ann's book), carol@acme.example (Acme's client viewer)."""
    with engine.begin() as conn:
        add_report_book(conn)
    add_user_row(engine, "boss", "admin")
    add_user_row(engine, "ann", "account_manager", owner="ann")
    add_user_row(engine, "carol@acme.example", "client_viewer", client="K1")


def plan(**changes) -> Plan:
    """Acme's monthly client report, on the 1st at 09:00 Berlin time, to two
    addresses, owned by ann."""
    base = Plan(
        name="Acme monthly",
        clients=("K1",),
        owner_book=None,
        audience="client",
        lang="en",
        cadence="monthly",
        day=1,
        local_time="09:00",
        timezone="Europe/Berlin",
        period_rule="closed",
        recipients=("carol@acme.example", "dan@acme.example"),
        owner_username="ann",
    )
    return replace(base, **changes)
