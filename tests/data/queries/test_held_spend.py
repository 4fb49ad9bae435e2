"""The held day rows of the spend rollups, summed per day for a set of projects."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.queries import held_spend
from data.queries.held_spend import EPOCH, DailySpend, day_number

T = dt.date(2026, 8, 15)
rows = st.lists(
    st.tuples(
        st.integers(1, 5),  # project
        st.integers(day_number(T) - 20, day_number(T) + 5),  # day
        st.integers(-(10**12), 10**12),  # cents
    ),
    max_size=60,
)


def _spend(found) -> DailySpend:
    project = [row[0] for row in found]
    day = [row[1] for row in found]
    cents = [row[2] for row in found]
    return DailySpend(
        np.asarray(project, dtype="int32"),
        np.asarray(project, dtype="int32") * 10,  # each project's client
        np.asarray(day, dtype="int32"),
        np.asarray(cents, dtype="int64"),
    )


def _by_the_book(found, projects) -> list[tuple]:
    frame = pd.DataFrame(found, columns=["project", "day", "cents"], dtype="int64")
    kept = frame[frame["project"].isin(projects) & (frame["day"] <= day_number(T))]
    sums = kept.groupby("day")["cents"].sum()
    return [(EPOCH + np.timedelta64(d, "D"), int(c)) for d, c in sums.items()]


@pytest.mark.parametrize("exact_below", [2**53, 0])  # doubles, or whole cents
@given(found=rows, projects=st.sets(st.integers(1, 5)))
def test_per_day_sums_are_the_grouped_sums(found, projects, exact_below):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(held_spend, "EXACT", exact_below)
        days, cents = _spend(found).per_day(np.asarray(sorted(projects)), T)
    assert list(zip(days, cents.tolist(), strict=True)) == _by_the_book(found, projects)
    assert cents.dtype == np.int64


def test_a_day_whose_rows_cancel_out_is_still_a_day_with_spend():
    found = [(1, day_number(T), 500), (2, day_number(T), -500)]
    days, cents = _spend(found).per_day(np.asarray([1, 2]), T)
    assert days.tolist() == [T] and cents.tolist() == [0]


def test_replacing_a_clients_rows():
    mine = _spend([(1, 1, 100), (2, 1, 200), (1, 2, 300)])
    fresh = _spend([(1, 3, 7)])  # project 1 is client 10's
    found = mine.replaced([10], fresh)
    assert sorted(zip(found.project.tolist(), found.cents.tolist(), strict=True)) == [
        (1, 7),
        (2, 200),
    ]
