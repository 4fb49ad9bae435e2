"""Periods (quarters, months, years; fiscal quarters) and the windows METRICS.md counts.

A period P is half-open `[start, end)`. What a metric counts "in P" is the window
`[P.start, t]` with `t = min(last day of P, as_of)`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

from dashboard.kernel.windows import ONE_DAY, Window, trailing_year, year_before

PeriodKind = Literal["quarter", "month", "year"]
# A period can be chosen only when every window it needs (P, P-1, P-1y, T12 and
# the trends of TREND_REACH periods ending with P) lies inside these days.
FIRST_DAY = dt.date(1970, 1, 1)
LAST_DAY = dt.date(2200, 12, 31)
TREND_REACH = 8  # the most periods a trend or sparkline shows, P included

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_FISCAL_QUARTER = re.compile(r"^FY(\d{4})-Q([1-4])$")
_FISCAL_YEAR = re.compile(r"^FY(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


class PeriodError(ValueError):
    """A period label that cannot be read; the message says what is expected."""


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """A calendar or fiscal quarter, a month or a year: `[start, end)`."""

    kind: PeriodKind
    start: dt.date
    end: dt.date
    fiscal_start_month: int = 1

    @property
    def last_day(self) -> dt.date:
        """The last day inside the period."""
        return self.end - ONE_DAY

    @property
    def label(self) -> str:
        """`2026-Q3`, `FY2027-Q1`, `2026-07`, `2026` or `FY2027`."""
        if self.kind == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        fiscal = self.fiscal_start_month != 1
        if self.kind == "year":
            return f"FY{self.last_day.year}" if fiscal else f"{self.start.year}"
        if not fiscal:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        year_start = _fiscal_year_start(self.start, self.fiscal_start_month)
        number = ((self.start.month - year_start.month) % 12) // 3 + 1
        return f"FY{_add_months(year_start, 11).year}-Q{number}"

    def __str__(self) -> str:
        return self.label

    def window(self, as_of: dt.date) -> Window:
        """What "in P" means on `as_of`: `[start, min(last day, as_of)]`."""
        return Window(self.start, min(self.last_day, as_of))

    def is_over(self, as_of: dt.date) -> bool:
        """True when as_of is on or after the last day."""
        return as_of >= self.last_day

    def running_label(self, as_of: dt.date) -> str | None:
        """The label when the period is still running on as_of (its figures are
        "to date"), else None."""
        return None if self.is_over(as_of) else self.label

    def shifted(self, steps: int) -> Period:
        """The period of the same kind `steps` periods later (negative: earlier)."""
        months = {"month": 1, "quarter": 3, "year": 12}[self.kind] * steps
        return Period(
            self.kind,
            _add_months(self.start, months),
            _add_months(self.end, months),
            self.fiscal_start_month,
        )

    def previous(self) -> Period:
        """P-1: the period of the same kind just before."""
        return self.shifted(-1)

    def year_earlier(self) -> Period:
        """P-1y: P shifted back one year."""
        return self.shifted(-{"month": 12, "quarter": 4, "year": 1}[self.kind])

    def whole(self) -> Window:
        """Every day of the period."""
        return Window(self.start, self.last_day)

    def previous_window(self, as_of: dt.date) -> Window:
        """The window of P-1: whole when P is over, else cut to as many days as P
        has so far (quarter-to-date against the previous quarter-to-date)."""
        previous = self.previous()
        if self.is_over(as_of):
            return previous.whole()
        cut = previous.start + dt.timedelta(days=self.window(as_of).days - 1)
        return Window(previous.start, min(cut, previous.last_day))

    def year_earlier_of(self, window: Window) -> Window:
        """P-1y for a window of P: the whole period a year earlier when the window
        is the whole period, else the same dates a year earlier."""
        if window == self.whole():
            return self.year_earlier().whole()
        return Window(year_before(window.start), year_before(window.t))

    def year_earlier_window(self, as_of: dt.date) -> Window:
        """The window of P-1y for P's window on as_of."""
        return self.year_earlier_of(self.window(as_of))


def _fiscal_year_start(day: dt.date, fiscal_start_month: int) -> dt.date:
    year = day.year if day.month >= fiscal_start_month else day.year - 1
    return dt.date(year, fiscal_start_month, 1)


def period_containing(
    day: dt.date, kind: PeriodKind, fiscal_start_month: int = 1
) -> Period:
    """The month, (fiscal) quarter or (fiscal) year that contains the day."""
    if kind == "month":
        start = dt.date(day.year, day.month, 1)
        return Period("month", start, _add_months(start, 1), fiscal_start_month)
    year_start = _fiscal_year_start(day, fiscal_start_month)
    if kind == "year":
        end = _add_months(year_start, 12)
        return Period("year", year_start, end, fiscal_start_month)
    offset = ((day.year - year_start.year) * 12 + day.month - year_start.month) // 3
    start = _add_months(year_start, offset * 3)
    return Period("quarter", start, _add_months(start, 3), fiscal_start_month)


def parse_period(text: str, fiscal_start_month: int = 1) -> Period:
    """Read a period label; raise PeriodError with what is expected, also for a
    period outside the range the dashboard can show (see `period_range`)."""
    raw = (text or "").strip()
    period = _read_label(raw, fiscal_start_month)
    first, last = period_range(period.kind, fiscal_start_month)
    if not first.start <= period.start <= last.start:
        raise _out_of_range(raw, period.kind, fiscal_start_month)
    return period


def _read_label(raw: str, fiscal_start_month: int) -> Period:
    fiscal = fiscal_start_month != 1
    if match := _QUARTER.match(raw):
        if fiscal:
            raise PeriodError(
                f"period {raw!r}: quarters are fiscal here; write them like FY2027-Q1"
            )
        year = _year(match[1], raw, "quarter", fiscal_start_month)
        start = dt.date(year, 3 * int(match[2]) - 2, 1)
        return Period("quarter", start, _add_months(start, 3), 1)
    if match := _FISCAL_QUARTER.match(raw):
        if not fiscal:
            raise PeriodError(
                f"period {raw!r}: fiscal quarters need FISCAL_YEAR_START_MONTH;"
                " write calendar quarters like 2026-Q3"
            )
        year = _year(match[1], raw, "quarter", fiscal_start_month)
        year_start = dt.date(year - 1, fiscal_start_month, 1)
        start = _add_months(year_start, 3 * (int(match[2]) - 1))
        return Period("quarter", start, _add_months(start, 3), fiscal_start_month)
    if match := _FISCAL_YEAR.match(raw):
        if not fiscal:
            raise PeriodError(f"period {raw!r}: write calendar years like 2026")
        year = _year(match[1], raw, "year", fiscal_start_month)
        start = dt.date(year - 1, fiscal_start_month, 1)
        return Period("year", start, _add_months(start, 12), fiscal_start_month)
    if match := _MONTH.match(raw):
        month = int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"period {raw!r}: month must be 01 to 12")
        start = dt.date(_year(match[1], raw, "month", fiscal_start_month), month, 1)
        return Period("month", start, _add_months(start, 1), fiscal_start_month)
    if match := _YEAR.match(raw):
        if fiscal:
            raise PeriodError(
                f"period {raw!r}: years are fiscal here; write them like FY2027"
            )
        start = dt.date(_year(match[1], raw, "year", fiscal_start_month), 1, 1)
        return Period("year", start, _add_months(start, 12), fiscal_start_month)
    example = "FY2027-Q1" if fiscal else "2026-Q3"
    raise PeriodError(
        f"period {raw!r} is not a quarter ({example}), a month (2026-07) or a year"
        " (2026)"
    )


def _year(digits: str, raw: str, kind: PeriodKind, fiscal_start_month: int) -> int:
    """The year of a label, refused before any date is built from it when it is
    far outside the range (fiscal labels name the year after the start)."""
    year = int(digits)
    if not FIRST_DAY.year - 1 <= year <= LAST_DAY.year + 1:
        raise _out_of_range(raw, kind, fiscal_start_month)
    return year


def _out_of_range(raw: str, kind: PeriodKind, fiscal_start_month: int) -> PeriodError:
    first, last = period_range(kind, fiscal_start_month)
    return PeriodError(
        f"period {raw!r} is out of range: choose one from {first} to {last}"
    )


def earliest_day(period: Period) -> dt.date:
    """The first day that P's windows reach: P-1, P-1y, the year-earlier window of
    P-1, T12, and the trends of TREND_REACH periods (also quarterly ones)."""
    quarter = period_containing(period.start, "quarter", period.fiscal_start_month)
    oldest = [p.shifted(1 - TREND_REACH) for p in (period, quarter)]
    return min(
        period.previous().year_earlier().start,
        *(p.year_earlier().start for p in oldest),
        *(trailing_year(p.start).start for p in oldest),
    )


@functools.cache
def period_range(
    kind: PeriodKind, fiscal_start_month: int = 1
) -> tuple[Period, Period]:
    """The first and the last period of the kind that can be shown: all of their
    windows lie within FIRST_DAY to LAST_DAY."""
    first = period_containing(FIRST_DAY, kind, fiscal_start_month)
    while earliest_day(first) < FIRST_DAY:
        first = first.shifted(1)
    last = period_containing(LAST_DAY, kind, fiscal_start_month)
    if last.last_day > LAST_DAY:
        last = last.shifted(-1)
    return first, last


def periods_between(
    first: dt.date, last: dt.date, kind: PeriodKind, fiscal_start_month: int = 1
) -> list[Period]:
    """Every period of the kind, from the one containing `first` to `last`'s."""
    periods = []
    period = period_containing(first, kind, fiscal_start_month)
    while period.start <= last:
        periods.append(period)
        period = period.shifted(1)
    return periods
