"""Periods (quarters, months, years; fiscal quarters) and the windows METRICS.md counts.

A period P is half-open `[start, end)`. What a metric counts "in P" is the window
`[P.start, t]` with `t = min(last day of P, as_of)`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["quarter", "month", "year"]
ONE_DAY = dt.timedelta(days=1)

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
class Window:
    """The days a metric counts: from `start` up to and including `t`."""

    start: dt.date
    t: dt.date

    @property
    def end(self) -> dt.date:
        """The first day after the window (exclusive bound for SQL)."""
        return self.t + ONE_DAY

    @property
    def days(self) -> int:
        """Number of days in the window (0 when it has not started)."""
        return max((self.t - self.start).days + 1, 0)

    def contains(self, day: dt.date) -> bool:
        """True when the day is in `[start, t]`."""
        return self.start <= day <= self.t


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
        return Period(
            self.kind,
            _add_months(self.start, -12),
            _add_months(self.end, -12),
            self.fiscal_start_month,
        )

    def comparison_window(self, other: Period, as_of: dt.date) -> Window:
        """`other`'s window, cut to as many days as P has so far when P is not over."""
        own = self.window(as_of)
        if self.is_over(as_of):
            return Window(other.start, other.last_day)
        cut = other.start + dt.timedelta(days=own.days - 1)
        return Window(other.start, min(cut, other.last_day))

    def previous_window(self, as_of: dt.date) -> Window:
        """The window of P-1, cut like P (quarter-to-date vs previous QTD)."""
        return self.comparison_window(self.previous(), as_of)

    def year_earlier_window(self, as_of: dt.date) -> Window:
        """The window of P-1y, cut like P."""
        return self.comparison_window(self.year_earlier(), as_of)


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
    """Read a period label; raise PeriodError with what is expected."""
    raw = (text or "").strip()
    fiscal = fiscal_start_month != 1
    if match := _QUARTER.match(raw):
        if fiscal:
            raise PeriodError(
                f"period {raw!r}: quarters are fiscal here; write them like FY2027-Q1"
            )
        year, quarter = int(match[1]), int(match[2])
        start = dt.date(year, 3 * quarter - 2, 1)
        return Period("quarter", start, _add_months(start, 3), 1)
    if match := _FISCAL_QUARTER.match(raw):
        if not fiscal:
            raise PeriodError(
                f"period {raw!r}: fiscal quarters need FISCAL_YEAR_START_MONTH;"
                " write calendar quarters like 2026-Q3"
            )
        year_start = dt.date(int(match[1]) - 1, fiscal_start_month, 1)
        start = _add_months(year_start, 3 * (int(match[2]) - 1))
        return Period("quarter", start, _add_months(start, 3), fiscal_start_month)
    if match := _FISCAL_YEAR.match(raw):
        if not fiscal:
            raise PeriodError(f"period {raw!r}: write calendar years like 2026")
        start = dt.date(int(match[1]) - 1, fiscal_start_month, 1)
        return Period("year", start, _add_months(start, 12), fiscal_start_month)
    if match := _MONTH.match(raw):
        month = int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"period {raw!r}: month must be 01 to 12")
        start = dt.date(int(match[1]), month, 1)
        return Period("month", start, _add_months(start, 1), fiscal_start_month)
    if match := _YEAR.match(raw):
        if fiscal:
            raise PeriodError(
                f"period {raw!r}: years are fiscal here; write them like FY2027"
            )
        start = dt.date(int(match[1]), 1, 1)
        return Period("year", start, _add_months(start, 12), fiscal_start_month)
    example = "FY2027-Q1" if fiscal else "2026-Q3"
    raise PeriodError(
        f"period {raw!r} is not a quarter ({example}), a month (2026-07) or a year"
        " (2026)"
    )


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
