"""Dates for the demo data: the three-year window, months, seasonality, time zones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

DAY = np.timedelta64(1, "D")
# Relative activity per calendar month (index 0 = January): summer and year-end dip.
SEASON = np.array(
    [0.95, 1.0, 1.05, 1.0, 1.05, 1.0, 0.9, 0.55, 1.05, 1.1, 1.05, 0.8], dtype=float
)


@dataclass(frozen=True)
class Window:
    """The demo period: `start`..`end` inclusive, plus a few scheduled weeks after."""

    start: np.datetime64
    end: np.datetime64
    horizon: np.datetime64
    quarter_start: np.datetime64

    @classmethod
    def ending(cls, end: dt.date, *, future_days: int = 42) -> Window:
        """Three years up to and including `end`."""
        try:
            start = end.replace(year=end.year - 3) + dt.timedelta(days=1)
        except ValueError:  # 29 February
            start = dt.date(end.year - 3, 3, 1)
        quarter = dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
        return cls(
            start=np.datetime64(start, "D"),
            end=np.datetime64(end, "D"),
            horizon=np.datetime64(end + dt.timedelta(days=future_days), "D"),
            quarter_start=np.datetime64(quarter, "D"),
        )

    def months(self) -> np.ndarray:
        """First day of every month touching `start`..`horizon`."""
        first = self.start.astype("datetime64[M]")
        last = self.horizon.astype("datetime64[M]")
        return np.arange(first, last + 1).astype("datetime64[D]")

    def quarters(self) -> np.ndarray:
        """First day of every calendar quarter touching `start`..`end`."""
        months = np.arange(
            self.start.astype("datetime64[M]"), self.end.astype("datetime64[M]") + 1
        )
        starts = months[month_of(months.astype("datetime64[D]")) % 3 == 0]
        first = quarter_start(self.start)
        return np.unique(np.concatenate([[first], starts.astype("datetime64[D]")]))


def month_of(days: np.ndarray) -> np.ndarray:
    """Calendar month 0-11 of each day."""
    return days.astype("datetime64[M]").astype(np.int64) % 12


def day_of_month(days: np.ndarray) -> np.ndarray:
    """Day of the month 1-31 of each day."""
    return (days - days.astype("datetime64[M]").astype("datetime64[D]")).astype(
        np.int64
    ) + 1


def quarter_start(day: np.datetime64) -> np.datetime64:
    """First day of the calendar quarter holding `day`."""
    month = day.astype("datetime64[M]")
    return (month - int(month.astype(np.int64) % 3)).astype("datetime64[D]")


def next_month(days: np.ndarray) -> np.ndarray:
    """First day of the month after each day."""
    return (days.astype("datetime64[M]") + 1).astype("datetime64[D]")


def to_weekday(days: np.ndarray) -> np.ndarray:
    """Move Saturdays back to Friday and Sundays on to Monday."""
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday
    shift = np.where(weekday == 5, -1, np.where(weekday == 6, 1, 0))
    return days + shift * DAY


def soften_year_end(days: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Move most dates of 22-31 December two weeks earlier (the holiday lull)."""
    late = (month_of(days) == 11) & (day_of_month(days) >= 22)
    moved = late & (rng.random(days.shape[0]) < 0.75)
    return np.where(moved, days - 14 * DAY, days)


def uniform_days(
    rng: np.random.Generator, low: np.ndarray, high: np.ndarray
) -> np.ndarray:
    """A day drawn uniformly in each inclusive range [low, high]."""
    span = (high - low).astype(np.int64) + 1
    offset = np.floor(rng.random(span.shape[0]) * span).astype(np.int64)
    return low + offset * DAY


def local_to_utc(days: np.ndarray, minutes: np.ndarray, timezone: str) -> np.ndarray:
    """Naive UTC datetimes for local wall-clock times (day + minutes after midnight)."""
    local = days.astype("datetime64[m]") + minutes.astype("timedelta64[m]")
    index = pd.DatetimeIndex(local.astype("datetime64[ns]"))
    if timezone != "UTC":
        index = index.tz_localize(
            timezone,
            ambiguous=np.zeros(len(index), dtype=bool),
            nonexistent="shift_forward",
        ).tz_convert("UTC")
        index = index.tz_localize(None)
    return index.to_numpy().astype("datetime64[s]")
