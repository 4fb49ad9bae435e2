"""The spend rollups' day rows held in memory: the database's daily sums, kept
compact, and read again for the clients a write changed."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

import data.queries.held_spend as held_spend
from data.queries.held import hold_for
from data.queries.held_spend import SpendDays, held_spend_days, hold_spend_days
from tests.factories import add_client, add_project, add_spend

D = dt.date


def _days(*dates: dt.date) -> np.ndarray:
    return (np.array(dates, dtype="datetime64[D]") - held_spend.EPOCH).astype("int64")


def _rows() -> SpendDays:
    # Project 4 (client 1): 1, 2 and 10 March; project 9 (client 2): 2 March.
    return SpendDays.of_columns(
        np.array([4, 4, 4, 9]),
        np.array([1, 1, 1, 2]),
        _days(D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 10), D(2026, 3, 2)),
        np.array([100, 250, 7, 1_000]),
    )


def test_daily_sums_of_the_chosen_projects_up_to_t():
    rows = _rows()
    assert rows.offsets.tolist() == [0, 3, 4]
    days, cents = rows.daily(np.array([9, 4, 12]), D(2026, 3, 2))
    # 2 March is t itself (counted) and has rows of both; 10 March is after t;
    # project 12 has no rows.
    assert days.tolist() == [D(2026, 3, 1), D(2026, 3, 2)]
    assert cents.tolist() == [100, 1_250]
    days, cents = rows.daily(np.array([9]), D(2026, 12, 31))
    assert (days.tolist(), cents.tolist()) == ([D(2026, 3, 2)], [1_000])
    days, cents = rows.daily(np.array([4]), D(2026, 2, 28))
    assert days.tolist() == [] and cents.dtype == np.int64


def test_cents_are_narrowed_only_when_every_value_fits():
    assert _rows().cents.dtype == np.int32
    big = 3_000_000_000  # over 2^31 - 1
    rows = SpendDays.of_columns(
        np.array([1, 1]), np.array([1, 1]), _days(D(2026, 1, 1), D(2026, 1, 2)),
        np.array([big, big]),
    )  # fmt: skip
    assert rows.cents.dtype == np.int64
    _, cents = rows.daily(np.array([1]), D(2026, 1, 2))
    assert cents.tolist() == [big, big]
    # Two int32 values whose sum does not fit an int32 are summed in int64.
    top = np.iinfo(np.int32).max
    rows = SpendDays.of_columns(
        np.array([1, 2]), np.array([1, 1]), _days(D(2026, 1, 1), D(2026, 1, 1)),
        np.array([top, top]),
    )  # fmt: skip
    assert rows.daily(np.array([1, 2]), D(2026, 1, 1))[1].tolist() == [2 * top]


def test_a_client_s_rows_are_replaced_in_project_and_day_order():
    fresh = SpendDays.of_columns(
        np.array([3, 4]),
        np.array([1, 1]),
        _days(D(2026, 4, 1), D(2026, 3, 5)),
        np.array([5, 60]),
    )
    rows = _rows().replaced([1], fresh)
    assert rows.project.tolist() == [3, 4, 9]
    assert rows.client.tolist() == [1, 1, 2]
    assert rows.offsets.tolist() == [0, 1, 2, 3]
    days, cents = rows.daily(np.array([3, 4, 9]), D(2026, 12, 31))
    assert days.tolist() == [D(2026, 3, 2), D(2026, 3, 5), D(2026, 4, 1)]
    assert cents.tolist() == [1_000, 60, 5]


@pytest.fixture
def reads(monkeypatch) -> list:
    """The clients each read of the held day rows asked for (None: all)."""
    asked = []
    read = held_spend._read

    def spy(conn, clients=None):
        asked.append(None if clients is None else list(clients))
        return read(conn, clients)

    monkeypatch.setattr(held_spend, "_read", spy)
    return asked


def _held(engine) -> SpendDays:
    with engine.connect() as conn:
        return held_spend_days(conn)


def test_held_at_start_and_read_again_for_the_client_a_write_changed(engine, reads):
    with engine.begin() as conn:
        a, b = add_client(conn, "A"), add_client(conn, "B")
        pa = add_project(conn, a, D(2026, 1, 1), D(2026, 6, 30), 100_000)
        pb = add_project(conn, b, D(2026, 1, 1), D(2026, 6, 30), 100_000)
        add_spend(conn, pa, D(2026, 2, 1), 300)
        add_spend(conn, pa, D(2026, 2, 1), 20, category="travel")  # one day row
        add_spend(conn, pb, D(2026, 2, 3), 5)
    assert hold_spend_days(engine) == 2
    first = _held(engine)
    assert _held(engine) is first and reads == [None]
    with engine.begin() as conn:
        add_spend(conn, pb, D(2026, 1, 15), 11)
    again = _held(engine)
    assert reads == [None, [b]]
    days, cents = again.daily(np.array([pa, pb]), D(2026, 6, 30))
    assert days.tolist() == [D(2026, 1, 15), D(2026, 2, 1), D(2026, 2, 3)]
    assert cents.tolist() == [11, 320, 5]


def test_nothing_to_hold(engine):
    hold_for(engine)
    rows = _held(engine)
    assert len(rows.project) == 0 and rows.offsets.tolist() == [0]
    days, cents = rows.daily(np.array([1]), D(2026, 1, 1))
    assert days.tolist() == [] and cents.tolist() == []
