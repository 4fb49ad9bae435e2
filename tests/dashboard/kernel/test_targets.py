"""Which KPIs take a target, for whom, and which values are possible."""

from __future__ import annotations

import pytest

from dashboard.kernel.targets import (
    PORTFOLIO_ONLY,
    TARGET_KEYS,
    TargetError,
    TargetKey,
    checked_key,
    checked_value,
    kpi_problem,
    scope_problem,
    value_problem,
)


def test_only_directed_client_facing_kpis_take_a_target():
    assert "attendance_rate" in TARGET_KEYS and "open_overdue" in TARGET_KEYS
    assert kpi_problem("nps") is None
    assert kpi_problem("npss") == "'npss' is not a KPI key of METRICS.md"
    assert kpi_problem("cac") == "cac is internal only and takes no target"
    assert kpi_problem("meeting_cost") == (
        "meeting_cost is internal only and takes no target"
    )
    for neutral in ("meetings_held", "budget_burn", "burn_ratio", "nps_n", "eac"):
        assert kpi_problem(neutral) == (
            f"{neutral} has no better direction, so it takes no target"
        )
    assert {
        "active_clients",
        "new_clients",
        "lost_clients",
        "retention_rate",
        "churn_rate",
    } == PORTFOLIO_ONLY


def test_scope_rules():
    assert scope_problem("nps", client=None, segment=None) is None
    assert scope_problem("nps", client="C-1", segment=None) is None
    assert scope_problem("nps", client="C-1", segment="smb") == (
        "give a client or a segment, not both (neither: the whole portfolio)"
    )
    assert scope_problem("nps", client=None, segment="tiny") == (
        "'tiny' is not one of enterprise, mid_market, smb"
    )
    assert scope_problem("churn_rate", client="C-1", segment=None) == (
        "churn_rate counts clients: a target for it is for a segment or all clients"
    )
    assert scope_problem("churn_rate", client=None, segment="smb") is None


@pytest.mark.parametrize(
    ("kpi", "value", "problem"),
    [
        ("attendance_rate", 0.85, None),
        ("attendance_rate", 0.0, None),
        ("attendance_rate", 1.0, None),
        (
            "attendance_rate",
            85.0,
            "85 is out of range: attendance_rate is a rate: give a fraction from"
            " 0 to 1 (0.85 for 85%)",
        ),
        ("csat", 85.0, None),
        ("csat", 101.0, "101 is out of range: csat is a percentage: give 0 to 100"),
        ("nps", -100.0, None),
        ("nps", -101.0, "-101 is out of range: nps is a score from -100 to 100"),
        ("meeting_feedback", 0.5, "0.5 is out of range: meeting_feedback is a score"
         " from 1 to 5"),
        ("open_overdue", 2.0, None),
        ("open_overdue", 2.5, "2.5 is not possible: open_overdue is a count: give a"
         " whole number of at least 0"),
        ("open_overdue", -1.0, "-1 is out of range: open_overdue is a count: give a"
         " whole number of at least 0"),
        ("nrr", 1.1, None),
        ("nrr", -0.1, "-0.1 is out of range: nrr is a ratio: give a number of at"
         " least 0 (1.1 for 110%)"),
        ("revenue", 250000.0, None),
        ("revenue", -1.0, "-1 is out of range: revenue is an amount: give at least 0"),
        ("avg_overrun_minutes", 5.0, None),
        ("nps", float("nan"), "nan is not a number"),
    ],
)  # fmt: skip
def test_values_in_the_kpis_own_unit(kpi, value, problem):
    assert value_problem(kpi, value) == problem


def test_checked_key_names_the_field_and_makes_the_period_canonical():
    key = checked_key(TargetKey("nps", " 2026-Q4 ", client="C-1"))
    assert key == TargetKey("nps", "2026-Q4", client="C-1")
    assert key.scope == "client" and key.describe() == "nps 2026-Q4 client C-1"
    assert TargetKey("nps", "2026").scope == "portfolio"
    assert TargetKey("nps", "2026", segment="smb").describe() == "nps 2026 segment smb"
    assert checked_key(TargetKey("nps", "FY2027-Q1"), 4).period == "FY2027-Q1"
    with pytest.raises(TargetError) as refused:
        checked_key(TargetKey("nps", "2026-Q5"))
    assert refused.value.field == "period"
    with pytest.raises(TargetError) as refused:
        checked_key(TargetKey("cac", "2026-Q4"))
    assert refused.value.field == "kpi"
    with pytest.raises(TargetError) as refused:
        checked_key(TargetKey("nps", "2026-Q4", client="C-1", segment="smb"))
    assert refused.value.field == "segment"
    with pytest.raises(TargetError) as refused:
        checked_key(TargetKey("lost_clients", "2026-Q4", client="C-1"))
    assert refused.value.field == "client"


def test_checked_value():
    assert checked_value("nps", 30) == 30.0
    for bad in (True, "30", None):
        with pytest.raises(TargetError, match="is not a number"):
            checked_value("nps", bad)
    with pytest.raises(TargetError) as refused:
        checked_value("attendance_rate", 85)
    assert refused.value.field == "value"
