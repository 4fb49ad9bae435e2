"""Action item KPIs end to end for P and the cut previous period."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kpis.action_items import action_items_kpis
from dashboard.kpis.context import KpiContext
from tests.factories import add_action_item, add_client

D = dt.date
AS_OF = D(2026, 5, 15)


def test_action_items_in_quarter_to_date_and_previous(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    ctx = KpiContext.for_period(
        settings, Filters(parse_period("2026-Q2")), Scope.everything()
    )
    with engine.begin() as conn:
        x = add_client(conn, "X")
        # Q2 to date [04-01, 05-15]
        add_action_item(conn, x, D(2026, 4, 10), completed_on=D(2026, 4, 10))
        add_action_item(conn, x, D(2026, 4, 20), completed_on=D(2026, 5, 2))
        add_action_item(conn, x, D(2026, 5, 1))
        add_action_item(conn, x, D(2026, 5, 14), completed_on=D(2026, 5, 30))
        # P-1 cut to [01-01, 02-14]
        add_action_item(conn, x, D(2026, 2, 1), completed_on=D(2026, 4, 1))
        add_action_item(conn, x, D(2026, 2, 20))  # due after the cut
        current = action_items_kpis(conn, ctx)
        previous = action_items_kpis(conn, ctx.previous())
    # Q2: due 4; completed by as_of 2 (05-30 is later); on time 1 (04-10);
    # open overdue on 05-15: 05-01, 05-14 (done 05-30), 02-20 → 3
    assert current == {
        "action_items_due": 4,
        "action_item_completion_rate": pytest.approx(0.5),
        "action_item_on_time_rate": pytest.approx(0.25),
        "open_overdue": 3,
    }
    # Q1 cut: due 1 (02-01), completed by as_of (04-01), late; open overdue on
    # t = 02-14: 02-01 (done 04-01) → 1
    assert previous == {
        "action_items_due": 1,
        "action_item_completion_rate": pytest.approx(1.0),
        "action_item_on_time_rate": pytest.approx(0.0),
        "open_overdue": 1,
    }
