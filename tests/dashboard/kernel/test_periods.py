"""Period labels, windows and the P-1 / P-1y cuts of METRICS.md."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.periods import (
    FIRST_DAY,
    LAST_DAY,
    TREND_REACH,
    PeriodError,
    Window,
    earliest_day,
    parse_period,
    period_containing,
    period_range,
    periods_between,
)
from dashboard.kernel.windows import trailing_year

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


def test_a_whole_period_compares_with_the_whole_period_a_year_earlier():
    q1 = parse_period("2025-Q1")  # 90 days; 2024-Q1 has 91
    assert q1.year_earlier_window(D(2025, 6, 1)) == Window(
        D(2024, 1, 1), D(2024, 3, 31)
    )
    february = parse_period("2025-02")
    assert february.year_earlier_window(D(2025, 2, 28)) == Window(
        D(2024, 2, 1), D(2024, 2, 29)
    )
    # P-1 of a finished 2025-Q2 is the whole 2025-Q1: its own P-1y is all of 2024-Q1
    q2 = parse_period("2025-Q2")
    window = q2.previous_window(D(2025, 7, 1))
    assert q2.previous().year_earlier_of(window) == Window(
        D(2024, 1, 1), D(2024, 3, 31)
    )


def test_a_period_to_date_compares_with_the_same_dates_a_year_earlier():
    year = parse_period("2026")
    as_of = D(2026, 8, 14)
    assert year.year_earlier_window(as_of) == Window(D(2025, 1, 1), D(2025, 8, 14))
    # P-1 is cut to the 226 days of P so far: 1 Jan–14 Aug 2025 ...
    window = year.previous_window(as_of)
    assert window == Window(D(2025, 1, 1), D(2025, 8, 14))
    # ... and compares with 1 Jan–14 Aug 2024, not the first 226 days of 2024.
    assert year.previous().year_earlier_of(window) == Window(
        D(2024, 1, 1), D(2024, 8, 14)
    )
    assert parse_period("2025").year_earlier_window(D(2025, 3, 15)) == Window(
        D(2024, 1, 1), D(2024, 3, 15)
    )


def test_29_february_to_date_maps_to_28_february():
    q1 = parse_period("2024-Q1")
    assert q1.year_earlier_window(D(2024, 2, 29)) == Window(
        D(2023, 1, 1), D(2023, 2, 28)
    )
    # P-1 of a quarter to date is cut to P's days so far: 90 of 2024-Q1's 91;
    # that cut window compares with the same dates of 2023.
    q2 = parse_period("2024-Q2")
    window = q2.previous_window(D(2024, 6, 29))
    assert window == Window(D(2024, 1, 1), D(2024, 3, 30))
    assert q2.previous().year_earlier_of(window) == Window(
        D(2023, 1, 1), D(2023, 3, 30)
    )


@pytest.mark.parametrize(
    ("label", "fiscal", "first", "last"),
    [
        ("0001-Q1", 1, "1972-Q4", "2200-Q4"),
        ("0000-Q1", 1, "1972-Q4", "2200-Q4"),
        ("0001", 1, "1978", "2200"),
        ("0001-01", 1, "1972-10", "2200-12"),
        ("0000-01", 1, "1972-10", "2200-12"),
        ("9999-Q4", 1, "1972-Q4", "2200-Q4"),
        ("9999-12", 1, "1972-10", "2200-12"),
        ("1972-Q3", 1, "1972-Q4", "2200-Q4"),
        ("2201-Q1", 1, "1972-Q4", "2200-Q4"),
        ("1977", 1, "1978", "2200"),
        ("1972-09", 1, "1972-10", "2200-12"),
        ("FY0000-Q1", 4, "FY1973-Q3", "FY2201-Q3"),
        ("FY9999-Q4", 4, "FY1973-Q3", "FY2201-Q3"),
        ("FY1973-Q2", 4, "FY1973-Q3", "FY2201-Q3"),
        ("FY2201-Q4", 4, "FY1973-Q3", "FY2201-Q3"),
        ("FY0001", 4, "FY1979", "FY2200"),
        ("FY2201", 4, "FY1979", "FY2200"),
        ("FY1972-Q4", 10, "FY1973-Q1", "FY2201-Q1"),
    ],
)
def test_periods_out_of_range_name_the_first_and_last(label, fiscal, first, last):
    with pytest.raises(PeriodError) as raised:
        parse_period(label, fiscal)
    assert str(raised.value) == (
        f"period {label!r} is out of range: choose one from {first} to {last}"
    )


@pytest.mark.parametrize(
    ("label", "fiscal", "start", "end"),
    [
        ("1972-Q4", 1, D(1972, 10, 1), D(1973, 1, 1)),
        ("2200-Q4", 1, D(2200, 10, 1), D(2201, 1, 1)),
        ("1978", 1, D(1978, 1, 1), D(1979, 1, 1)),
        ("1972-10", 1, D(1972, 10, 1), D(1972, 11, 1)),
        ("2200-12", 1, D(2200, 12, 1), D(2201, 1, 1)),
        # fiscal labels name the year in which the fiscal year ends
        ("FY1973-Q3", 4, D(1972, 10, 1), D(1973, 1, 1)),
        ("FY2201-Q3", 4, D(2200, 10, 1), D(2201, 1, 1)),
        ("FY2200", 4, D(2199, 4, 1), D(2200, 4, 1)),
        ("FY2201-Q1", 10, D(2200, 10, 1), D(2201, 1, 1)),
    ],
)
def test_the_first_and_last_periods_can_be_read(label, fiscal, start, end):
    period = parse_period(label, fiscal)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("fiscal", range(1, 13))
@pytest.mark.parametrize("kind", ["quarter", "month", "year"])
def test_the_range_is_as_wide_as_the_windows_allow(kind, fiscal):
    first, last = period_range(kind, fiscal)
    # the first period's oldest trend period, its P-1y and T12 start in range; one
    # period earlier something would not
    oldest = first.shifted(1 - TREND_REACH)
    assert oldest.year_earlier().start >= FIRST_DAY
    assert trailing_year(oldest.start).start >= FIRST_DAY
    assert earliest_day(first) >= FIRST_DAY > earliest_day(first.shifted(-1))
    assert first.previous().year_earlier().start >= FIRST_DAY
    assert last.last_day <= LAST_DAY < last.shifted(1).last_day
    assert parse_period(first.label, fiscal) == first
    assert parse_period(last.label, fiscal) == last


def test_running_label_names_only_a_period_not_over_yet():
    q3 = parse_period("2026-Q3")
    assert q3.running_label(dt.date(2026, 8, 15)) == "2026-Q3"
    assert q3.running_label(dt.date(2026, 9, 29)) == "2026-Q3"
    assert q3.running_label(dt.date(2026, 9, 30)) is None  # its last day: over
