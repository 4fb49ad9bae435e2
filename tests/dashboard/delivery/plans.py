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


# The run used by the delivery tests: Aug 16, 09:00 Berlin (07:00 UTC), which
# reports on 2026-Q3 up to Aug 15, the report book's as_of.
RUN_DAY = dt.date(2026, 8, 16)
DUE = dt.datetime(2026, 8, 16, 7, 0)


def schedule(engine, **changes):
    """Save a quarterly, quarter-to-date plan and write its rows for RUN_DAY;
    (the plan as saved, the run)."""
    from dashboard.delivery.claims import cadence_of, write_rows
    from dashboard.delivery.schedule import run_on
    from dashboard.delivery.subscriptions import add_subscription, subscription

    changes = {"cadence": "quarterly", "period_rule": "to_date", **changes}
    new_id = add_subscription(engine, plan(**changes), (), now=NOW, by="ann")
    with engine.connect() as conn:
        saved = subscription(conn, new_id)
    run = run_on(cadence_of(saved, 1), RUN_DAY)
    write_rows(engine, saved, run, DUE)
    return saved, run


def delivery_ids(engine) -> dict[str, int]:
    """Recipient → delivery id."""
    from sqlalchemy import select

    from data.models import Delivery

    with engine.connect() as conn:
        return dict(conn.execute(select(Delivery.recipient, Delivery.id)).all())


def delivery_rows(engine) -> dict[str, tuple]:
    """Recipient → (status, attempts, next_attempt_at, last_error)."""
    from sqlalchemy import select

    from data.models import Delivery

    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Delivery.recipient,
                Delivery.status,
                Delivery.attempts,
                Delivery.next_attempt_at,
                Delivery.last_error,
            )
        ).all()
    return {row[0]: tuple(row[1:]) for row in rows}
