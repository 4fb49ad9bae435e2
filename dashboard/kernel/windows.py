"""Windows of days (`[start, t]`) and the date shifts METRICS.md applies to them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)
TRAILING_DAYS = 365


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


def year_before(day: dt.date) -> dt.date:
    """The same date one year earlier; 29 February maps to 28 February."""
    if (day.month, day.day) == (2, 29):
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def trailing_year(t: dt.date) -> Window:
    """T12 of METRICS.md: the 365 days ending on t, `[t − 364 d, t]`."""
    return Window(t - dt.timedelta(days=TRAILING_DAYS - 1), t)
