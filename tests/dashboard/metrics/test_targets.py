"""Targets met or missed by the KPI's direction, and which target applies."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.metrics.targets import (
    TARGET_COLUMNS,
    applicable_targets,
    target_for,
    target_status,
)


@pytest.mark.parametrize(
    ("kpi", "value", "target", "status"),
    [
        # Higher is better: attendance 17 of 20 = 0.85 meets 0.85 exactly.
        ("attendance_rate", 17 / 20, 0.85, "met"),
        ("attendance_rate", 16 / 20, 0.85, "missed"),
        ("attendance_rate", 19 / 20, 0.85, "met"),
        ("nps", 30.0, 30.0, "met"),
        ("nps", -5.0, 30.0, "missed"),
        # 0.1 + 0.2 is 0.30000000000000004: equal to the target, not above it.
        ("action_item_on_time_rate", 0.1 + 0.2, 0.3, "met"),
        # Lower is better: 2 open overdue meets "at most 3", 4 does not.
        ("open_overdue", 2, 3, "met"),
        ("open_overdue", 3, 3, "met"),
        ("open_overdue", 4, 3, "missed"),
        ("churn_rate", 0.05, 0.04, "missed"),
        ("avg_overrun_minutes", -2.5, 5.0, "met"),
        # Undefined values are unknown, never met.
        ("attendance_rate", None, 0.85, "unknown"),
        ("open_overdue", math.nan, 3, "unknown"),
        ("nrr", math.inf, 1.0, "unknown"),
    ],
)
def test_status_follows_the_direction_rule(kpi, value, target, status):
    assert target_status(kpi, value, target) == status


@pytest.mark.parametrize("kpi", ["meetings_held", "budget_burn", "nps_n"])
def test_a_kpi_without_direction_has_no_status(kpi):
    with pytest.raises(ValueError, match="no better direction"):
        target_status(kpi, 1.0, 1.0)


TARGETS = pd.DataFrame(
    [
        ("portfolio", None, None, "attendance_rate", "2026-Q4", 0.8),
        ("portfolio", None, None, "nps", "2026-Q4", 20.0),
        ("portfolio", None, None, "open_overdue", "2026-Q4", 5.0),
        ("segment", None, "enterprise", "attendance_rate", "2026-Q4", 0.85),
        ("segment", None, "enterprise", "nps", "2026-Q4", 30.0),
        ("segment", None, "smb", "nps", "2026-Q4", 10.0),
        ("client", "C-001", None, "attendance_rate", "2026-Q4", 0.9),
        ("client", "C-002", None, "open_overdue", "2026-Q4", 1.0),
    ],
    columns=TARGET_COLUMNS,
)


def _values(frame: pd.DataFrame) -> dict[str, tuple[str, float]]:
    return {row.kpi: (row.scope, row.value) for row in frame.itertuples()}


def test_a_client_gets_its_own_then_its_segments_then_the_portfolios():
    found = applicable_targets(TARGETS, client="C-001", segment="enterprise")
    assert _values(found) == {
        "attendance_rate": ("client", 0.9),
        "nps": ("segment", 30.0),
        "open_overdue": ("portfolio", 5.0),
    }
    # C-002 is an smb client: its own overdue target, smb's NPS, the portfolio's
    # attendance. C-001's and enterprise's targets are not its.
    found = applicable_targets(TARGETS, client="C-002", segment="smb")
    assert _values(found) == {
        "attendance_rate": ("portfolio", 0.8),
        "nps": ("segment", 10.0),
        "open_overdue": ("client", 1.0),
    }


def test_a_segment_and_the_portfolio_views_never_take_a_clients_target():
    assert _values(applicable_targets(TARGETS, segment="enterprise")) == {
        "attendance_rate": ("segment", 0.85),
        "nps": ("segment", 30.0),
        "open_overdue": ("portfolio", 5.0),
    }
    assert _values(applicable_targets(TARGETS)) == {
        "attendance_rate": ("portfolio", 0.8),
        "nps": ("portfolio", 20.0),
        "open_overdue": ("portfolio", 5.0),
    }


def test_target_for_one_kpi_and_none_without_any():
    assert target_for(TARGETS, "nps", client="C-003", segment="smb") == 10.0
    assert target_for(TARGETS, "csat", client="C-001", segment="enterprise") is None
    empty = TARGETS.iloc[0:0]
    assert applicable_targets(empty, client="C-001").empty
    assert target_for(empty, "nps") is None
