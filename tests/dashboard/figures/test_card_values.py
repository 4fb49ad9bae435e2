"""Headline card models: formatting per kind, change with arrow and verdict,
small-sample warning and the reason for an undefined figure."""

from __future__ import annotations

import pytest

from dashboard.figures.card_values import build_card, format_change, format_value

REPORT = {
    "period": "2026-Q3",
    "as_of": "2026-08-15",
    "window": {"start": "2026-07-01", "t": "2026-08-15"},
    "clients_at_start": 40,
    "retention_rate": 0.95,
    "churn_rate": 0.05,
    "lost_clients": 3,
    "revenue": 1_234_567.5,
    "nps": 12.0,
    "nps_n": 12,
    "clv": None,
    "budget_burn": 0.55,
    "time_elapsed": 0.50,
    "previous": {
        "period": "2026-Q2",
        "retention_rate": 0.90,
        "churn_rate": 0.10,
        "lost_clients": 4,
        "revenue": 1_000_000.0,
        "nps": 20.0,
        "budget_burn": 0.70,
        "time_elapsed": 0.50,
    },
}
TREND = {"period": ["2026-Q2", "2026-Q3"], "retention_rate": [0.9, 0.95]}


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("active_clients", 1234, "1,234"),
        ("revenue", 1_234_567.5, "$1.2M"),
        ("revenue", 950.25, "$950.25"),
        ("retention_rate", 0.9567, "95.7%"),
        ("nrr", 1.043, "104.3%"),
        ("csat", 87.5, "87.5%"),
        ("nps", -12.25, "-12.2"),
        ("cpi", 0.9812, "0.98"),
        ("avg_overrun_minutes", 4.25, "4.2 min"),
        ("clv", None, "—"),
    ],
)
def test_values_are_formatted_by_kind(key, value, shown):
    assert format_value(key, value, "en", "USD") == shown


def test_changes_carry_sign_and_unit():
    assert format_change(5.0, "pp", "en") == "+5.0 pp"
    assert format_change(-23.456, "%", "en") == "−23.5%"
    assert format_change(0.0, "pts", "en") == "±0.0 pts"


def test_a_rate_that_rose_is_good_with_an_up_arrow():
    card = build_card("retention_rate", REPORT, TREND, "en", "USD")
    # 0.95 − 0.90 = +5.0 percentage points; higher retention is better.
    assert (card.value, card.change_text, card.arrow, card.verdict) == (
        "95.0%",
        "+5.0 pp",
        "▲",
        "good",
    )
    assert card.change_label == "+5.0 pp against 2026-Q2 (good)"
    assert card.spark_values == (0.9, 0.95)
    # 40 at the start, churn 5% → 2 left, 38 stayed.
    assert card.details[0] == "38 of 40 clients at the start stayed; 2 left."


def test_fewer_lost_clients_is_good_with_a_down_arrow():
    card = build_card("lost_clients", REPORT, TREND, "en", "USD")
    # 3 against 4: −25.0%, lower is better.
    assert (card.change_text, card.arrow, card.verdict) == ("−25.0%", "▼", "good")


def test_burn_further_from_plan_is_bad_even_when_lower():
    card = build_card("budget_burn", REPORT, TREND, "en", "USD")
    # Now 5 pp over plan (0.55 vs 0.50), before 20 pp over: nearer → good.
    assert (card.arrow, card.verdict) == ("▼", "good")


def test_small_samples_are_flagged():
    card = build_card("nps", REPORT, TREND, "zh", "USD")
    assert card.warning == "样本量小（n = 12）"
    assert card.verdict == "bad"  # 12 against 20


def test_an_undefined_figure_says_why():
    card = build_card("clv", REPORT, TREND, "en", "USD")
    assert card.value == "—"
    assert card.undefined_reason == (
        "No churn in the last 12 months, so lifetime is open-ended."
    )
    assert card.change_text is None


def test_burn_and_cac_say_what_they_are_measured_against():
    burn = build_card("budget_burn", REPORT, TREND, "en", "USD")
    assert "Time elapsed (plan): 50.0%" in burn.details
    cac = build_card(
        "cac", {**REPORT, "cac": 1200.0, "new_clients": 4}, TREND, "zh", "USD"
    )
    assert "新客户：4" in cac.details


def test_a_count_up_from_zero_is_new_not_a_percentage():
    report = {**REPORT, "new_clients": 3, "previous": {"new_clients": 0}}
    card = build_card("new_clients", report, TREND, "en", "USD")
    assert (card.change_text, card.arrow, card.verdict) == ("new", "▲", "good")
    report = {**REPORT, "new_clients": 3, "previous": {"new_clients": None}}
    card = build_card("new_clients", report, TREND, "en", "USD")
    assert (card.change_text, card.arrow, card.verdict) == (None, None, None)
