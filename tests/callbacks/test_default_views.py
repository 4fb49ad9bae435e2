"""What a server computes before its first view: afterwards, a client's health
reads nothing more from the database's rollups, and a view's data checks
nothing more of each client's."""

from __future__ import annotations

import datetime as dt

import pytest

import data.queries.held_quality as held_quality
import data.queries.held_rollups as held_rollups
from callbacks.default_views import hold_default_inputs
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis.health import client_health
from dashboard.quality.checks import run_checks
from dashboard.services import Services
from data.queries.held_rollups import hold_month_rows
from tests.factories import (
    add_action_item,
    add_client,
    add_invoice,
    add_meeting,
    add_survey,
)

AS_OF = dt.date(2026, 5, 15)


@pytest.fixture
def reads(monkeypatch) -> list:
    """The (table, month) of each read of held rows (month None: the month rows)."""
    asked = []
    read = held_rollups._read

    def spy(conn, table, key, month, clients=None):
        asked.append((table.name, month))
        return read(conn, table, key, month, clients)

    monkeypatch.setattr(held_rollups, "_read", spy)
    return asked


def test_after_the_start_a_client_s_health_is_summed_from_held_rows(engine, reads):
    with engine.begin() as conn:
        a = add_client(conn, "A")
        add_client(conn, "B")
        # Inside the health's year (2025-05-16 to 2026-05-15), in both months
        # it cuts.
        add_survey(conn, a, dt.date(2025, 5, 20), "nps", 10)
        add_invoice(conn, a, dt.date(2026, 5, 2), 1_000)
        add_meeting(conn, a, dt.datetime(2026, 5, 4, 10))
        add_action_item(conn, a, dt.date(2025, 5, 30), completed_on=AS_OF)
    settings = Settings(as_of=AS_OF, load_demo_data=False)
    services = Services(settings=settings, engine=engine)
    hold_month_rows(engine)
    hold_default_inputs(services)
    held = len(reads)
    # The health's windows cut May 2025 and May 2026 (and its revenue's year
    # before, May 2024): their day rows were read at the start.
    assert ("rollup_surveys", dt.date(2025, 5, 1)) in reads
    assert ("rollup_revenue", dt.date(2024, 5, 1)) in reads
    with engine.connect() as conn:
        health = client_health(
            conn,
            settings=settings,
            filters=Filters(parse_period("2026-Q2"), clients=("A",)),
            scope=Scope.everything(),
        )
    assert len(reads) == held  # nothing read again
    assert health.loc[0, "nps"] == 100.0  # one promoter of one answer


def test_after_the_start_a_view_s_data_checks_are_summed_from_held_ones(
    engine, monkeypatch
):
    with engine.begin() as conn:
        a = add_client(conn, "A", owner="Ann", name="Same")
        add_client(conn, "B", owner="Bob", name="same")
        add_action_item(conn, a, dt.date(2024, 1, 1), owner="tbd")
    settings = Settings(as_of=AS_OF, load_demo_data=False)
    services = Services(settings=settings, engine=engine)
    hold_month_rows(engine)
    hold_default_inputs(services)
    statements = []
    real = held_quality._read
    monkeypatch.setattr(
        held_quality, "_read", lambda *a, **k: statements.append(a) or real(*a, **k)
    )
    with engine.connect() as conn:
        found = run_checks(conn, settings=settings, filters=None,
                           scope=Scope.for_owner("Ann")).counts  # fmt: skip
    assert statements == []  # nothing read again
    # A's item is old and has no owner; A's name is no duplicate among Ann's.
    assert found["old_open_action_items"] == 1
    assert found["action_items_without_owner"] == 1
    assert found["duplicate_client_names"] == 0
