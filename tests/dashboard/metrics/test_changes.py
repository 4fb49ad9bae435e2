"""Changes against P-1: size per kind, direction (the sign) and verdict per rule."""

from __future__ import annotations

import math

import pytest

from dashboard.kernel.catalog import KPIS
from dashboard.metrics.changes import change, changes


def _summary(key, current, previous, **plans):
    result = change(key, current, previous, **plans)
    value = None if result.value is None else round(result.value, 6)
    return value, result.unit, result.direction, result.verdict


# Sizes by kind --------------------------------------------------------------


def test_rate_changes_in_percentage_points():
    # retention 0.80 → 0.821: +2.1 pp, higher is better
    assert _summary("retention_rate", 0.821, 0.80) == (2.1, "pp", "up", "good")


def test_ratio_changes_in_percentage_points_of_the_ratio():
    # NRR 1.10 → 1.05: −5 pp, higher is better
    assert _summary("nrr", 1.05, 1.10) == (-5.0, "pp", "down", "bad")


def test_percent_figure_changes_in_points_of_percent():
    # CSAT 80.0 → 85.5 (already 0..100): +5.5 pp
    assert _summary("csat", 85.5, 80.0) == (5.5, "pp", "up", "good")


def test_score_changes_in_points():
    # NPS −10 → +15: +25 pts; feedback 4.2 → 3.9: −0.3 pts
    assert _summary("nps", 15.0, -10.0) == (25.0, "pts", "up", "good")
    assert _summary("meeting_feedback", 3.9, 4.2) == (-0.3, "pts", "down", "bad")


def test_minutes_change_in_minutes_and_lower_is_better():
    # average overrun −2.5 → 4.0 min: +6.5 min, worse
    assert _summary("avg_overrun_minutes", 4.0, -2.5) == (6.5, "min", "up", "bad")


def test_count_and_amount_change_in_percent():
    # active clients 40 → 50: +25 %; revenue 2,000 → 1,500: −25 %
    assert _summary("active_clients", 50, 40) == (25.0, "%", "up", "good")
    assert _summary("revenue", 1500.0, 2000.0) == (-25.0, "%", "down", "bad")


def test_percent_change_of_a_negative_amount_follows_the_sign():
    # revenue −100 (credit notes) → 50: +150 % of |−100|, up
    assert _summary("revenue", 50.0, -100.0) == (150.0, "%", "up", "good")


def test_percent_change_from_zero():
    # 0 → 3 new clients: no percentage, but the arrow and verdict still hold
    assert _summary("new_clients", 3, 0) == (None, "%", "up", "good")
    assert _summary("new_clients", 0, 0) == (0.0, "%", "flat", "neutral")


# Verdicts by direction rule ------------------------------------------------


@pytest.mark.parametrize(
    ("key", "up_verdict"),
    [
        ("active_clients", "good"),
        ("churn_rate", "bad"),
        ("lost_clients", "bad"),
        ("cac", "bad"),
        ("overrun_share", "bad"),
        ("open_overdue", "bad"),
        ("meeting_cost", "bad"),
        ("cpi", "good"),
        ("spi", "good"),
        ("attendance_rate", "good"),
        ("action_item_on_time_rate", "good"),
    ],
)
def test_higher_and_lower_is_better(key, up_verdict):
    down_verdict = "bad" if up_verdict == "good" else "good"
    assert change(key, 2, 1).verdict == up_verdict
    assert change(key, 1, 2).verdict == down_verdict


def test_neutral_figures_have_no_verdict_either_way():
    for key in ("meetings_held", "action_items_due", "spend", "eac", "nps_n"):
        up, down = change(key, 2, 1), change(key, 1, 2)
        assert (up.direction, up.verdict) == ("up", "neutral")
        assert (down.direction, down.verdict) == ("down", "neutral")


def test_flat_change_is_flat_and_neutral():
    for key in ("churn_rate", "revenue", "burn_ratio", "nps"):
        flat = change(key, 0.5, 0.5)
        assert (flat.value, flat.direction, flat.verdict) == (0.0, "flat", "neutral")


def test_burn_ratio_nearer_to_one_is_better():
    # 1.30 → 1.10: down, nearer to 1 (0.10 < 0.30): good
    assert _summary("burn_ratio", 1.10, 1.30) == (-20.0, "pp", "down", "good")
    # 0.90 → 1.20: up, but further from 1 (0.20 > 0.10): bad
    assert _summary("burn_ratio", 1.20, 0.90) == (30.0, "pp", "up", "bad")
    # 0.70 → 0.95: up and nearer: good
    assert _summary("burn_ratio", 0.95, 0.70)[2:] == ("up", "good")
    # 0.80 → 1.20: equally far from 1: neutral
    assert _summary("burn_ratio", 1.20, 0.80)[2:] == ("up", "neutral")


def test_budget_burn_is_judged_against_time_elapsed():
    # burn 0.50 → 0.60 while time elapsed 0.40 → 0.60: from 0.10 over plan to on
    # plan: up and good
    assert _summary(
        "budget_burn", 0.60, 0.50, plan_current=0.60, plan_previous=0.40
    ) == (10.0, "pp", "up", "good")
    # burn 0.30 → 0.35 while time 0.30 → 0.55: now 0.20 behind: up but bad
    assert _summary(
        "budget_burn", 0.35, 0.30, plan_current=0.55, plan_previous=0.30
    ) == (5.0, "pp", "up", "bad")
    # without both plans there is no verdict beyond neutral
    assert change("budget_burn", 0.6, 0.5, plan_current=0.6).verdict == "neutral"
    assert change("budget_burn", 0.6, 0.5).verdict == "neutral"


@pytest.mark.parametrize(
    ("current", "previous"), [(None, 0.5), (0.5, None), (None, None), (math.nan, 1)]
)
def test_undefined_inputs_give_no_change(current, previous):
    result = change("attendance_rate", current, previous)
    assert (result.value, result.direction, result.verdict) == (None, None, None)
    assert result.unit == "pp"


def test_changes_covers_the_keys_given_and_uses_time_elapsed_as_plan():
    current = {"budget_burn": 0.6, "time_elapsed": 0.6, "revenue": 110.0}
    previous = {"budget_burn": 0.5, "time_elapsed": 0.4, "revenue": 100.0}
    result = changes(current, previous)
    assert list(result) == ["revenue", "budget_burn", "time_elapsed"]
    assert result["budget_burn"].verdict == "good"  # onto plan
    assert result["revenue"].value == pytest.approx(10.0)
    assert result["time_elapsed"].verdict == "neutral"


def test_every_catalogue_key_has_a_unit():
    for info in KPIS:
        assert change(info.key, 1, 1).unit in ("pp", "%", "pts", "min")
