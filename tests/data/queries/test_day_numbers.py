"""Whole days between dates, counted by the database as Python counts them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Date, literal, select

from data.queries.day_numbers import days_from

D = dt.date


@pytest.mark.parametrize(
    ("a", "b", "days"),
    [
        (D(2026, 3, 1), D(2026, 2, 1), 28),
        (D(2026, 2, 1), D(2026, 3, 1), -28),
        (D(2024, 3, 1), D(2024, 2, 1), 29),  # a leap year
        (D(2026, 12, 2), D(1970, 1, 1), 20_789),
        (D(1969, 12, 31), D(1970, 1, 1), -1),
    ],
)
def test_days_from(engine, a, b, days):
    assert (a - b).days == days
    with engine.connect() as conn:
        found = conn.execute(
            select(days_from(literal(a, Date()), literal(b, Date())))
        ).scalar_one()
    assert found == days
