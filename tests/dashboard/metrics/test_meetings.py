"""Meeting metrics from held-meeting totals, each worked out by hand."""

from __future__ import annotations

import pytest

from dashboard.metrics.meetings import (
    attendance_rate,
    avg_overrun_minutes,
    goal_achievement_rate,
    meeting_cost,
    meeting_feedback,
    meeting_metrics,
    overrun_share,
)

TOTALS = {
    "held": 4,
    "client_invited": 8,
    "client_attended": 6,
    "objectives_set": 10,
    "objectives_met": 7,
    "overruns": 1,
    "overrun_minutes": -10,
    "cost_cents": 123_456,
    "feedback_total": 13.0,
    "feedback_n": 3,
}


def test_meeting_metrics_by_hand():
    values = meeting_metrics(TOTALS, internal=True)
    assert values == {
        "meetings_held": 4,
        "attendance_rate": pytest.approx(0.75),  # 6 / 8
        "goal_achievement_rate": pytest.approx(0.7),  # 7 / 10
        "overrun_share": pytest.approx(0.25),  # 1 / 4
        "avg_overrun_minutes": pytest.approx(-2.5),  # −10 / 4: ended early
        "meeting_cost": pytest.approx(1234.56),
        "meeting_feedback": pytest.approx(13 / 3),
    }


def test_meeting_cost_is_internal_only():
    assert meeting_metrics(TOTALS, internal=False)["meeting_cost"] is None
    assert meeting_cost(0, internal=True) == 0.0
    assert meeting_cost(0, internal=False) is None


def test_undefined_without_denominators():
    assert attendance_rate(0, 0) is None  # no client-side invitees
    assert goal_achievement_rate(0, 0) is None  # no objectives set
    assert overrun_share(0, 0) is None
    assert avg_overrun_minutes(0, 0) is None
    assert meeting_feedback(0.0, 0) is None
    empty = dict.fromkeys(TOTALS, 0)
    assert meeting_metrics(empty, internal=True) == {
        "meetings_held": 0,
        "attendance_rate": None,
        "goal_achievement_rate": None,
        "overrun_share": None,
        "avg_overrun_minutes": None,
        "meeting_cost": 0.0,
        "meeting_feedback": None,
    }


def test_rates_at_their_bounds():
    assert attendance_rate(0, 3) == 0.0
    assert attendance_rate(3, 3) == 1.0
    assert goal_achievement_rate(0, 5) == 0.0
