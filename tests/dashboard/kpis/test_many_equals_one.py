"""Several windows in one query per topic give exactly what one window at a time
gives: the per-window path is the reference, compared key by key, to the last digit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import compute_kpis, compute_many, kpi_headline
from dashboard.kpis.context import KpiContext
from data.db import make_engine
from data.demo.generate import generate_demo_data
from data.models import Base, Client

AS_OF = dt.date(2026, 11, 23)
SETTINGS = Settings(as_of=AS_OF, timezone="Europe/Berlin", gross_margin=0.7)
CARD_KEYS = ("active_clients", "attendance_rate", "budget_burn", "nps", "cac")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The small demo data set (seed 7) in SQLite, and one client and owner of it."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('many') / 'demo.db'}")
    Base.metadata.create_all(engine)
    generate_demo_data(
        engine, size="small", seed=7, end=AS_OF, timezone="Europe/Berlin"
    )
    with engine.connect() as conn:
        client, owner = conn.execute(
            select(Client.external_id, Client.owner).order_by(Client.external_id)
        ).first()
    yield engine, client, owner
    engine.dispose()


def cases(client: str, owner: str):
    q4, q2, month, year = (
        parse_period(label) for label in ("2026-Q4", "2025-Q2", "2026-10", "2025")
    )
    return [
        (Filters(q4), Scope.everything()),
        (Filters(q2, segment="smb"), Scope.everything()),
        (Filters(month, owner=owner), Scope.everything()),
        (Filters(q4, clients=(client,)), Scope.everything()),
        (Filters(year), Scope.for_owner(owner)),
        (Filters(q4), Scope.for_client(client)),
    ]


def test_headline_equals_the_periods_computed_one_by_one(demo):
    engine, client, owner = demo
    everyone = []
    with engine.connect() as conn:
        for filters, scope in cases(client, owner):
            report, trend = kpi_headline(
                conn,
                settings=SETTINGS,
                filters=filters,
                scope=scope,
                keys=CARD_KEYS,
                periods=8,
            )
            ctx = KpiContext.for_period(SETTINGS, filters, scope)
            current = compute_kpis(conn, ctx)
            previous = compute_kpis(conn, ctx.previous())
            assert {k: report[k] for k in current} == current, (filters, scope)
            everyone.append(current)
            shown = {k: report["previous"][k] for k in previous}
            assert shown == previous, (filters, scope)
            assert len(trend) == 8
            for label, row in trend.iterrows():
                past = filters.with_period(parse_period(label))
                one = compute_kpis(
                    conn, KpiContext.for_period(SETTINGS, past, scope), CARD_KEYS
                )
                assert dict(row) == one, (filters, scope, label)
    # The comparison is not vacuous: the data has figures in every topic.
    first = everyone[0]
    assert first["meetings_held"] > 0 and first["budget_burn"] > 0
    assert first["action_items_due"] > 0 and first["nps"] is not None


def test_sparklines_leave_out_what_no_card_shows(demo):
    engine, _, _ = demo
    statements: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    q4 = parse_period("2026-Q4")
    contexts = [
        KpiContext.for_period(SETTINGS, Filters(q4.shifted(-steps)), Scope.everything())
        for steps in range(3)
    ]
    keys = ("action_item_completion_rate", "budget_burn")
    event.listen(engine, "before_cursor_execute", remember)
    try:
        with engine.connect() as conn:
            values = compute_many(conn, contexts, [keys] * 3)
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert [list(v) for v in values] == [list(keys)] * 3
    # Items due (3: whether rollups exist, their sums, the items completed after
    # as_of), whether the spend rollups exist (1), the projects (1), their spend
    # up to each period's end (1: the rollups' pieces) and milestones (1);
    # neither open overdue items (3 more) nor the spend in each period (1 more).
    assert len(statements) == 7
    assert not [s for s in statements if "completed_on IS NULL OR" in s]
