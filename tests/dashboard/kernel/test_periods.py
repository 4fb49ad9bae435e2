"""Period labels, windows and the P-1 / P-1y cuts of METRICS.md."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.periods import (
    PeriodError,
    Window,
    parse_period,
    period_containing,
    periods_between,
)

D = dt.date


def test_calendar_quarter_bounds_and_neighbours():
    q3 = parse_period("2026-Q3")
    assert (q3.start, q3.end, q3.last_day) == (
        D(2026, 7, 1),
        D(2026, 10, 1),
        D(2026, 9, 30),
    )
    assert q3.previous().label == "2026-Q2"
    assert q3.year_earlier().label == "2025-Q3"
    assert parse_period("2026-Q1").previous().label == "2025-Q4"


def test_months_and_years():
    july = parse_period("2026-07")
    assert (july.start, july.end) == (D(2026, 7, 1), D(2026, 8, 1))
    assert parse_period("2026-01").previous().label == "2025-12"
    year = parse_period("2026")
    assert (year.start, year.end, year.previous().label) == (
        D(2026, 1, 1),
        D(2027, 1, 1),
        "2025",
    )


def test_fiscal_quarters_start_in_april_and_are_named_after_the_ending_year():
    # FY2027 runs 2026-04-01 .. 2027-03-31; its Q1 is April-June 2026.
    q1 = parse_period("FY2027-Q1", fiscal_start_month=4)
    assert (q1.start, q1.end) == (D(2026, 4, 1), D(2026, 7, 1))
    assert q1.previous().label == "FY2026-Q4"
    assert q1.previous().start == D(2026, 1, 1)
    assert period_containing(D(2027, 2, 1), "quarter", 4).label == "FY2027-Q4"
    year = period_containing(D(2027, 2, 1), "year", 4)
    assert (year.label, year.start, year.end) == (
        "FY2027",
        D(2026, 4, 1),
        D(2027, 4, 1),
    )
    assert parse_period("FY2027", fiscal_start_month=4) == year


def test_window_cuts_at_as_of_and_previous_is_cut_to_the_same_days():
    q3 = parse_period("2026-Q3")
    as_of = D(2026, 8, 15)  # 46 days into Q3 (July 31 + Aug 15)
    assert q3.window(as_of) == Window(D(2026, 7, 1), D(2026, 8, 15))
    assert q3.window(as_of).days == 46
    # Q2 cut to 46 days: April 1 + 45 days = May 16.
    assert q3.previous_window(as_of) == Window(D(2026, 4, 1), D(2026, 5, 16))
    assert q3.year_earlier_window(as_of) == Window(D(2025, 7, 1), D(2025, 8, 15))


def test_a_finished_period_compares_with_the_whole_previous_one():
    q1 = parse_period("2026-Q1")  # 90 days; Q4 2025 has 92
    as_of = D(2026, 11, 23)
    assert q1.window(as_of) == Window(D(2026, 1, 1), D(2026, 3, 31))
    assert q1.previous_window(as_of) == Window(D(2025, 10, 1), D(2025, 12, 31))


def test_cut_never_runs_past_the_previous_periods_end():
    # 31 days into March; February has only 28.
    march = parse_period("2026-03")
    assert march.previous_window(D(2026, 3, 31)) == Window(
        D(2026, 2, 1), D(2026, 2, 28)
    )
    assert march.previous_window(D(2026, 3, 30)) == Window(
        D(2026, 2, 1), D(2026, 2, 28)
    )


@pytest.mark.parametrize(
    ("label", "fiscal", "message"),
    [
        ("2026-Q5", 1, "is not a quarter"),
        ("2026-13", 1, "month must be 01 to 12"),
        ("Q3 2026", 1, "is not a quarter"),
        ("FY2027-Q1", 1, "fiscal quarters need FISCAL_YEAR_START_MONTH"),
        ("2026-Q3", 4, "quarters are fiscal here"),
        ("2026", 4, "years are fiscal here"),
    ],
)
def test_bad_labels_say_what_is_expected(label, fiscal, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(label, fiscal)


def test_periods_between_lists_each_quarter_once():
    labels = [
        p.label for p in periods_between(D(2025, 11, 5), D(2026, 7, 1), "quarter")
    ]
    assert labels == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
