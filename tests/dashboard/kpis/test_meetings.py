"""Meetings KPIs end to end: local quarters, internal-only cost, the previous period."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kpis.context import KpiContext
from dashboard.kpis.meetings import meetings_kpis
from tests.factories import add_client, add_meeting

UTC = dt.datetime.fromisoformat


def _add_quarter_edge(conn) -> None:
    x = add_client(conn, "X")
    # 2026-03-31 23:30 in Shanghai (15:30 UTC): overran 30 min, cost 80.00,
    # objectives 1 of 2, client side 1 of 2 attended, feedback 3.
    add_meeting(
        conn, x, UTC("2026-03-31T15:30"), planned_minutes=60, actual_minutes=90,
        objectives_set=2, objectives_met=1, cost_cents=8_000, feedback_score=3,
        attendees=(("client", True), ("client", False), ("internal", True)),
    )  # fmt: skip
    # 2026-04-01 00:30 in Shanghai (16:30 UTC the day before): 10 min early.
    add_meeting(
        conn, x, UTC("2026-03-31T16:30"), planned_minutes=60, actual_minutes=50,
        cost_cents=2_000, attendees=(("client", True),),
    )  # fmt: skip


def _context(settings, label: str, scope: Scope) -> KpiContext:
    return KpiContext.for_period(settings, Filters(parse_period(label)), scope)


def test_meetings_by_local_quarter_in_shanghai(engine, settings):
    settings = settings.with_(as_of=dt.date(2026, 6, 30), timezone="Asia/Shanghai")
    everything = Scope.everything()
    with engine.begin() as conn:
        _add_quarter_edge(conn)
        q1 = meetings_kpis(conn, _context(settings, "2026-Q1", everything))
        q2 = meetings_kpis(conn, _context(settings, "2026-Q2", everything))
    assert q1 == {
        "meetings_held": 1,
        "attendance_rate": pytest.approx(0.5),
        "goal_achievement_rate": pytest.approx(0.5),
        "overrun_share": pytest.approx(1.0),
        "avg_overrun_minutes": pytest.approx(30.0),
        "meeting_cost": pytest.approx(80.0),
        "meeting_feedback": pytest.approx(3.0),
    }
    assert q2 == {
        "meetings_held": 1,
        "attendance_rate": pytest.approx(1.0),
        "goal_achievement_rate": None,  # no objectives set
        "overrun_share": pytest.approx(0.0),
        "avg_overrun_minutes": pytest.approx(-10.0),
        "meeting_cost": pytest.approx(20.0),
        "meeting_feedback": None,  # none given
    }


def test_in_utc_both_meetings_fall_in_the_first_quarter(engine, settings):
    settings = settings.with_(as_of=dt.date(2026, 6, 30))
    with engine.begin() as conn:
        _add_quarter_edge(conn)
        q1 = meetings_kpis(conn, _context(settings, "2026-Q1", Scope.everything()))
    # held 2; overrun (30 − 10) / 2 = 10; attendance 2 of 3; cost 100.00
    assert q1["meetings_held"] == 2
    assert q1["avg_overrun_minutes"] == pytest.approx(10.0)
    assert q1["overrun_share"] == pytest.approx(0.5)
    assert q1["attendance_rate"] == pytest.approx(2 / 3)
    assert q1["meeting_cost"] == pytest.approx(100.0)


def test_meeting_cost_hidden_from_a_client_scope(engine, settings):
    settings = settings.with_(as_of=dt.date(2026, 6, 30))
    with engine.begin() as conn:
        _add_quarter_edge(conn)
        values = meetings_kpis(
            conn, _context(settings, "2026-Q1", Scope.for_client("X"))
        )
    assert values["meetings_held"] == 2
    assert values["meeting_cost"] is None


def test_previous_period_counts_the_cut_window(engine, settings):
    # Q2 on 2026-05-15 is 45 days in; P-1 = Q1 cut to [01-01, 02-14].
    settings = settings.with_(as_of=dt.date(2026, 5, 15))
    with engine.begin() as conn:
        x = add_client(conn, "X")
        add_meeting(conn, x, UTC("2026-02-14T23:00"), planned_minutes=30,
                    actual_minutes=40)  # fmt: skip
        add_meeting(conn, x, UTC("2026-02-15T09:00"))  # after the cut
        previous = _context(settings, "2026-Q2", Scope.everything()).previous()
        values = meetings_kpis(conn, previous)
    assert values["meetings_held"] == 1
    assert values["avg_overrun_minutes"] == pytest.approx(10.0)
