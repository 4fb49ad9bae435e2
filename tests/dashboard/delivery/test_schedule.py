"""Schedule arithmetic: local times in IANA zones across DST, short months,
periods covered, catch-up. 2026: Europe moves clocks on Mar 29 and Oct 25,
New York on Mar 8 and Nov 1; Mar 1 and Nov 1 are Sundays."""

from __future__ import annotations

import datetime as dt

from dashboard.delivery.schedule import Cadence, due_runs, next_run, runs_between

T = dt.datetime
NINE = dt.time(9, 0)


def dues(cadence, start, end):
    return [run.due for run in runs_between(cadence, start, end)]


def test_a_quarterly_schedule_in_berlin_keeps_9_local_across_the_spring_change():
    cadence = Cadence("quarterly", 1, NINE, "Europe/Berlin")
    before = next_run(cadence, T(2025, 12, 20, 12))
    after = next_run(cadence, T(2026, 3, 20, 12))
    # Jan 1, 09:00 CET (UTC+1) and Apr 1, 09:00 CEST (UTC+2).
    assert (before.due, before.key) == (T(2026, 1, 1, 8), "2025-Q4")
    assert (after.due, after.key) == (T(2026, 4, 1, 7), "2026-Q1")
    assert after.period.start == dt.date(2026, 1, 1) and after.as_of == dt.date(
        2026, 3, 31
    )


def test_a_quarterly_schedule_in_new_york_across_both_changes():
    cadence = Cadence("quarterly", 5, dt.time(8, 30), "America/New_York")
    # EST is UTC-5, EDT UTC-4: Jan 5 13:30, Apr 5 12:30, Jul 5 12:30,
    # Oct 5 12:30 UTC, then Jan 5, 2027 13:30 again.
    assert dues(cadence, T(2026, 1, 1), T(2027, 1, 31)) == [
        T(2026, 1, 5, 13, 30),
        T(2026, 4, 5, 12, 30),
        T(2026, 7, 5, 12, 30),
        T(2026, 10, 5, 12, 30),
        T(2027, 1, 5, 13, 30),
    ]


def test_a_time_in_the_spring_gap_fires_after_it_and_a_doubled_one_once():
    cadence = Cadence("weekly", 6, dt.time(2, 30), "Europe/Berlin", "to_date")
    # Mar 22 02:30 CET; Mar 29 02:30 does not exist: 03:30 CEST; Apr 5 CEST.
    assert dues(cadence, T(2026, 3, 21), T(2026, 4, 6)) == [
        T(2026, 3, 22, 1, 30),
        T(2026, 3, 29, 1, 30),
        T(2026, 4, 5, 0, 30),
    ]
    # Oct 25 02:30 happens twice: the first (CEST) only; Nov 1 in CET.
    assert dues(cadence, T(2026, 10, 17), T(2026, 11, 2)) == [
        T(2026, 10, 18, 0, 30),
        T(2026, 10, 25, 0, 30),
        T(2026, 11, 1, 1, 30),
    ]


def test_day_31_fires_on_the_last_day_of_a_shorter_month():
    cadence = Cadence("monthly", 31, NINE, "UTC")
    assert dues(cadence, T(2026, 1, 31), T(2026, 7, 1)) == [
        T(2026, 1, 31, 9),
        T(2026, 2, 28, 9),
        T(2026, 3, 31, 9),
        T(2026, 4, 30, 9),
        T(2026, 5, 31, 9),
        T(2026, 6, 30, 9),
    ]
    assert next_run(cadence, T(2028, 2, 1)).due == T(2028, 2, 29, 9)  # leap year


def test_the_period_each_run_covers():
    closed = Cadence("monthly", 1, NINE, "Asia/Shanghai")
    run = next_run(closed, T(2026, 8, 15))
    # Sep 1 09:00 in Shanghai (UTC+8) is 01:00 UTC; it reports on August.
    assert (run.due, run.key, run.as_of) == (
        T(2026, 9, 1, 1),
        "2026-08",
        dt.date(2026, 8, 31),
    )
    # The 15th closes the month before: July, not the half of August.
    mid = next_run(Cadence("monthly", 15, NINE, "UTC"), T(2026, 8, 1))
    assert (mid.due, mid.key) == (T(2026, 8, 15, 9), "2026-07")
    to_date = next_run(Cadence("monthly", 15, NINE, "UTC", "to_date"), T(2026, 8, 1))
    assert to_date.key == "2026-08 to 2026-08-14"
    weekly = next_run(Cadence("weekly", 0, NINE, "UTC", "to_date"), T(2026, 8, 15))
    assert (weekly.due, weekly.key) == (T(2026, 8, 17, 9), "2026-08 to 2026-08-16")
    fiscal = Cadence("quarterly", 1, NINE, "UTC", fiscal_start_month=2)
    # Fiscal quarters start Feb, May, Aug, Nov: Aug 1 reports May-Jul.
    assert next_run(fiscal, T(2026, 7, 15)).key == "FY2027-Q2"


def test_catch_up_sends_the_runs_missed_within_the_window_only():
    weekly = Cadence("weekly", 0, NINE, "UTC", "to_date")  # Mondays
    since = T(2026, 1, 1)
    now = T(2026, 8, 19, 10)  # a Wednesday; Aug 10 and Aug 17 were Mondays
    # Aug 17 09:00 is 49 hours before now: in a 49-hour window, not in 48.
    window = dt.timedelta(hours=49)
    assert [
        r.due for r in due_runs(weekly, now, active_since=since, catch_up=window)
    ] == [T(2026, 8, 17, 9)]
    short = dt.timedelta(hours=48)
    assert due_runs(weekly, now, active_since=since, catch_up=short) == []
    ten_days = dt.timedelta(days=10)
    assert [
        r.due for r in due_runs(weekly, now, active_since=since, catch_up=ten_days)
    ] == [T(2026, 8, 10, 9), T(2026, 8, 17, 9)]
    # A schedule created (or resumed) after a run's time does not send it.
    late = T(2026, 8, 17, 9, 30)
    assert due_runs(weekly, now, active_since=late, catch_up=ten_days) == []
    # Due at 09:00 exactly, seen at 09:00: sent.
    assert [
        r.due
        for r in due_runs(
            weekly, T(2026, 8, 17, 9), active_since=since, catch_up=window
        )
    ] == [T(2026, 8, 17, 9)]
