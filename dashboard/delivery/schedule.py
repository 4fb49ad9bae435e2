"""When a subscription is due and which period each run covers; pure arithmetic
on local calendars, answered in UTC.

The rules (README, "Scheduled reports"):

- weekly on a weekday (0 = Monday), monthly on a day of the month, quarterly N
  days after a (fiscal) quarter closes (day 1 = the first day of the next
  quarter), always at the local time in the schedule's own IANA time zone;
- a monthly day past the month's end (29, 30, 31) fires on its last day: the 31st
  fires on Apr 30 and Feb 28 (29 in a leap year);
- a local time that does not exist on the day (the clock jumps forward) fires as
  many minutes after the jump as it was after the last valid time (02:30 in
  Berlin on the last Sunday of March fires at 03:30 CEST); a time that exists
  twice (the clock falls back) fires at the first of them;
- each run reports on the days before its local day (as_of = the day before):
  `closed` is the last month (quarter, for quarterly schedules) that ended by
  then, `to_date` the month (quarter) containing it, up to it. A weekly schedule
  covers the month to date.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from dashboard.kernel.periods import Period, period_containing

ONE_DAY = dt.timedelta(days=1)
UTC = dt.UTC


@dataclass(frozen=True)
class Cadence:
    """When a subscription fires and which period rule it follows."""

    kind: str  # weekly, monthly, quarterly
    day: int
    at: dt.time
    timezone: str
    period_rule: str = "closed"  # closed, to_date
    fiscal_start_month: int = 1


@dataclass(frozen=True)
class Run:
    """One firing: when (naive UTC), on which local day, and what it covers."""

    due: dt.datetime
    local_day: dt.date
    period: Period
    as_of: dt.date
    key: str  # the period of the deliveries table: "2026-Q3", "2026-08 to 2026-08-14"


def _month_start(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def day_in_month(month_start: dt.date, day: int) -> dt.date:
    """The day of the month, or its last day when the month is shorter."""
    last = _month_start(month_start, 1) - ONE_DAY
    return month_start.replace(day=min(day, last.day))


def fire_days(cadence: Cadence, first: dt.date) -> Iterator[dt.date]:
    """The local days the cadence fires on, from `first` on, in order."""
    if cadence.kind == "weekly":
        day = first + dt.timedelta(days=(cadence.day - first.weekday()) % 7)
        while True:
            yield day
            day += dt.timedelta(days=7)
    if cadence.kind == "monthly":
        month = _month_start(first)
        step = 1
    else:
        month = period_containing(first, "quarter", cadence.fiscal_start_month).start
        step = 3
    while True:
        if cadence.kind == "monthly":
            day = day_in_month(month, cadence.day)
        else:
            day = month + dt.timedelta(days=cadence.day - 1)
        if day >= first:
            yield day
        month = _month_start(month, step)


def due_at(cadence: Cadence, local_day: dt.date) -> dt.datetime:
    """The UTC instant (naive) of the local time on that day in the time zone."""
    zone = zoneinfo.ZoneInfo(cadence.timezone)
    local = dt.datetime.combine(local_day, cadence.at, tzinfo=zone)  # fold=0
    # A time in a gap: fold=0 reads it with the offset before the jump, which
    # lands after the jump by the same distance.
    return local.astimezone(UTC).replace(tzinfo=None)


def run_on(cadence: Cadence, local_day: dt.date) -> Run:
    """The run that fires on a local day: its instant and its period."""
    as_of = local_day - ONE_DAY
    kind = "quarter" if cadence.kind == "quarterly" else "month"
    period = period_containing(as_of, kind, cadence.fiscal_start_month)
    if cadence.period_rule == "closed" and cadence.kind != "weekly":
        if not period.is_over(as_of):
            period = period.previous()
        key = period.label
    else:
        key = f"{period.label} to {as_of.isoformat()}"
    return Run(due_at(cadence, local_day), local_day, period, as_of, key)


def _local_day(cadence: Cadence, moment: dt.datetime) -> dt.date:
    zone = zoneinfo.ZoneInfo(cadence.timezone)
    return moment.replace(tzinfo=UTC).astimezone(zone).date()


def runs_between(cadence: Cadence, start: dt.datetime, end: dt.datetime) -> list[Run]:
    """The runs due from `start` to `end` (naive UTC, both included), in order."""
    found = []
    # A day earlier: a local day before start's may still be due after it in UTC.
    for day in fire_days(cadence, _local_day(cadence, start) - ONE_DAY):
        due = due_at(cadence, day)
        if due > end:
            break
        if due >= start:
            found.append(run_on(cadence, day))
    return found


def next_run(cadence: Cadence, after: dt.datetime) -> Run:
    """The first run due strictly after `after` (naive UTC)."""
    for day in fire_days(cadence, _local_day(cadence, after) - ONE_DAY):
        if due_at(cadence, day) > after:
            return run_on(cadence, day)
    raise AssertionError("fire_days never ends")  # pragma: no cover


def due_runs(
    cadence: Cadence,
    now: dt.datetime,
    *,
    active_since: dt.datetime,
    catch_up: dt.timedelta,
) -> list[Run]:
    """The runs to send now: due by `now`, not before the schedule was active,
    and not longer ago than the catch-up window (a worker down for longer skips
    the older runs)."""
    return runs_between(cadence, max(active_since, now - catch_up), now)
