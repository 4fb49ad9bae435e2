"""The rollup rows held in memory: the same sums as the database's, and read
again after every write."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

import data.queries.held_rollups as held_rollups
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.models import DataVersion, RollupChange, RollupRevenue
from data.queries.buckets import Pieces
from data.queries.held import hold_for, holds
from data.queries.held_rollups import held_rows, hold_month_rows
from data.queries.revenue import revenue_by_client_many
from data.queries.rollups import rollup_piece_sums
from data.rollups import refresh_rollups
from data.version import (
    KEPT_CHANGES,
    bump_data_version,
    data_version,
    record_rollup_change,
    rollup_changes,
)
from tests.factories import add_client, add_invoice

TABLE = RollupRevenue.__table__
Q1 = Window(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
# Cuts February: its sums come from its day rows, January's from its month row.
TO_MID_FEB = Window(dt.date(2026, 1, 1), dt.date(2026, 2, 14))
FILTERS = Filters(parse_period("2026-Q1"))


def book(engine) -> dict[str, int]:
    with engine.begin() as conn:
        a = add_client(conn, "A", segment="smb")
        b = add_client(conn, "B", segment="enterprise")
        add_invoice(conn, a, dt.date(2026, 1, 10), 100)
        add_invoice(conn, a, dt.date(2026, 2, 5), 200)
        add_invoice(conn, a, dt.date(2026, 3, 20), 50)
        add_invoice(conn, b, dt.date(2026, 2, 14), 1_000)
        add_invoice(conn, b, dt.date(2026, 2, 15), 7)  # after TO_MID_FEB
        add_invoice(conn, b, dt.date(2025, 12, 31), 9)  # before both
    return {"A": a, "B": b}


def sums(engine, filters=FILTERS) -> list[int]:
    with engine.connect() as conn:
        found = rollup_piece_sums(
            conn,
            TABLE,
            ["amount_cents"],
            windows=[Q1, TO_MID_FEB],
            filters=filters,
            scope=Scope.everything(),
        )
    return [window["amount_cents"] for window in found]


def test_window_sums_of_held_months_and_cut_days(engine):
    book(engine)
    smb = Filters(FILTERS.period, segment="smb")
    # Q1: 100 + 200 + 50 + 1,000 + 7; to 14 February: 100 + 200 + 1,000. Summed
    # in the database, then from the held rows.
    for held in (False, True):
        if held:
            hold_for(engine)
        with engine.connect() as conn:
            assert holds(conn) == held
        assert sums(engine) == [1_357, 1_300]
        assert sums(engine, smb) == [350, 300]


def test_per_client_sums_add_a_client_s_held_months_and_cut_days(engine):
    ids = book(engine)
    hold_for(engine)
    with engine.connect() as conn:
        (frame,) = revenue_by_client_many(
            conn=conn,
            filters=FILTERS,
            scope=Scope.everything(),
            windows=[{"q1": Q1, "to_mid_feb": TO_MID_FEB}],
            rollups=True,
        )
    assert frame.loc[ids["A"]].to_dict() == {"q1": 350, "to_mid_feb": 300}
    # B's February is cut: 1,000 on the 14th and 7 on the 15th, both day rows.
    assert frame.loc[ids["B"]].to_dict() == {"q1": 1_007, "to_mid_feb": 1_000}


def test_the_rows_are_held_until_a_write_moves_the_version(engine):
    ids = book(engine)
    hold_for(engine)
    assert sums(engine) == [1_357, 1_300]
    february = dt.date(2026, 2, 1)
    with engine.connect() as conn:
        first = held_rows(conn, TABLE, "client_id", None)
        assert held_rows(conn, TABLE, "client_id", None) is first
        days = held_rows(conn, TABLE, "client_id", february)
        assert held_rows(conn, TABLE, "client_id", february) is days
        # February's day rows: A's 200 on the 5th, B's 1,000 and 7.
        assert sorted(days.columns["amount_cents"].tolist()) == [7, 200, 1_000]
    with engine.begin() as conn:
        add_invoice(conn, ids["A"], dt.date(2026, 3, 1), 1)
    with engine.connect() as conn:
        assert held_rows(conn, TABLE, "client_id", None) is not first
        assert held_rows(conn, TABLE, "client_id", february) is not days
    assert sums(engine) == [1_358, 1_300]


def test_a_transaction_moves_the_version_once(engine):
    with engine.begin() as conn:
        before = data_version(conn)
        assert bump_data_version(conn) == before + 1
        # The rollup refresh of the same write asks again: no second step.
        assert bump_data_version(conn) == before + 1
    with engine.begin() as conn:
        assert bump_data_version(conn) == before + 2


def test_a_writing_transaction_reads_its_own_rows_and_holds_none(engine):
    ids = book(engine)
    hold_for(engine)
    with engine.connect() as conn:
        held = held_rows(conn, TABLE, "client_id", None)
    with engine.connect() as conn:
        transaction = conn.begin()
        add_invoice(conn, ids["A"], dt.date(2026, 3, 2), 5)
        assert not holds(conn)  # its sums come from the database
        inside = held_rows(conn, TABLE, "client_id", None)
        # A's March: 50 + 5.
        assert inside is not held and 55 in inside.columns["amount_cents"]
        transaction.rollback()
    # The write was rolled back: what is held is still the committed rows.
    with engine.connect() as conn:
        assert held_rows(conn, TABLE, "client_id", None) is held
    assert sums(engine) == [1_357, 1_300]


def test_a_start_holds_every_rollup_table_s_month_rows(engine):
    assert hold_month_rows(engine) == 0  # no rollups yet: nothing to hold
    book(engine)
    # A's three months, B's February and December: five revenue month rows;
    # no spend, meetings, surveys or action items.
    assert hold_month_rows(engine) == 5
    with engine.connect() as conn:
        held = held_rows(conn, TABLE, "client_id", None)
        assert sorted(held.columns["amount_cents"].tolist()) == [9, 50, 100, 200, 1_007]


@pytest.fixture
def reads(monkeypatch) -> list:
    """The clients each read of held rows asked for (None: all)."""
    asked = []
    read = held_rollups._read

    def spy(conn, table, key, month, clients=None):
        asked.append(None if clients is None else list(clients))
        return read(conn, table, key, month, clients)

    monkeypatch.setattr(held_rollups, "_read", spy)
    return asked


def _month_rows(engine):
    with engine.connect() as conn:
        return held_rows(conn, TABLE, "client_id", None)


def test_after_a_write_only_the_clients_it_refreshed_are_read_again(engine, reads):
    ids = book(engine)
    hold_for(engine)
    first = _month_rows(engine)
    assert reads == [None]
    with engine.begin() as conn:
        add_invoice(conn, ids["B"], dt.date(2026, 3, 3), 40)
    again = _month_rows(engine)
    assert reads == [None, [ids["B"]]]
    # A's rows as they were, B's read again: its March is new.
    assert sorted(again.columns["amount_cents"].tolist()) == [
        9,
        40,
        50,
        100,
        200,
        1_007,
    ]
    assert sorted(again.client.tolist()) == sorted([ids["A"]] * 3 + [ids["B"]] * 3)
    assert again is not first
    assert sums(engine) == [1_397, 1_300]


def test_a_write_that_changes_no_rollup_reads_nothing_again(engine, reads):
    book(engine)
    hold_for(engine)
    first = _month_rows(engine)
    with engine.begin() as conn:
        bump_data_version(conn)  # a report comment, say
    assert _month_rows(engine) is first
    assert reads == [None]


def test_a_refresh_of_every_client_reads_all_again(engine, reads):
    book(engine)
    hold_for(engine)
    _month_rows(engine)
    with engine.begin() as conn:
        refresh_rollups(conn, None)
    _month_rows(engine)
    assert reads == [None, None]


def test_the_changes_each_version_recorded(engine):
    with engine.begin() as conn:
        start = data_version(conn)
    for clients in ({3, 1}, {2}, set()):
        with engine.begin() as conn:
            bump_data_version(conn)
            record_rollup_change(conn, clients)
    with engine.connect() as conn:
        assert rollup_changes(conn, start, start + 3) == {1, 2, 3}
        assert rollup_changes(conn, start + 1, start + 3) == {2}
        assert rollup_changes(conn, start + 2, start + 3) == set()
        # Further behind than the changes kept: all may have changed.
        assert rollup_changes(conn, start + 3 - KEPT_CHANGES, start + 3) is None
    with engine.begin() as conn:
        bump_data_version(conn)
        record_rollup_change(conn, None)
    with engine.connect() as conn:
        assert rollup_changes(conn, start + 3, start + 4) is None
        assert rollup_changes(conn, start, start + 3) == {1, 2, 3}


def test_old_changes_are_dropped(engine):
    with engine.begin() as conn:
        bump_data_version(conn)
        record_rollup_change(conn, {1})
        conn.execute(
            update(DataVersion).values(version=DataVersion.version + KEPT_CHANGES)
        )
    with engine.begin() as conn:
        bump_data_version(conn)
        record_rollup_change(conn, {2})
        kept = conn.execute(select(RollupChange.client_id)).scalars().all()
    assert kept == [2]


@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(st.integers(1, 30), max_size=60),
    wanted=st.lists(st.integers(0, 35), max_size=10),
    days=st.lists(st.integers(0, 400), min_size=60, max_size=60),
)
def test_a_few_keys_choose_the_rows_a_mask_chooses(keys, wanted, days):
    start = np.datetime64("2026-01-01")
    rows = held_rollups.HeldRows(
        key=np.array(keys, dtype="int64"),
        day=start + np.array(days[: len(keys)], dtype="int64"),
        columns={},
        client=np.array(keys, dtype="int64"),
    )
    pieces = Pieces.of([(dt.date(2026, 2, 1), dt.date(2026, 5, 1)),
                        (dt.date(2026, 4, 1), dt.date(2026, 9, 1))])  # fmt: skip
    chosen = np.array(wanted, dtype="int64")
    for skipped in ([], [dt.date(2026, 3, 1)]):
        few, few_pieces = rows.chosen(pieces, skipped, chosen)
        bounds = np.array(pieces.bounds, dtype="datetime64[D]")
        mask = (rows.day >= bounds[0]) & (rows.day < bounds[-1])
        mask &= np.isin(rows.key, chosen)
        if skipped:
            mask &= rows.day != np.datetime64(skipped[0])
        assert few.tolist() == np.flatnonzero(mask).tolist()
        expected = np.searchsorted(bounds, rows.day[mask], side="right") - 1
        assert few_pieces.tolist() == expected.tolist()


def test_rows_that_fit_32_bits_are_held_so_and_summed_in_64(engine):
    with engine.begin() as conn:
        a = add_client(conn, "A")
        b = add_client(conn, "B")
        # Each client's month fits in 32 bits; their sum does not.
        add_invoice(conn, a, dt.date(2026, 1, 10), 1_500_000_000)
        add_invoice(conn, b, dt.date(2026, 1, 20), 1_500_000_000)
    hold_for(engine)
    rows = _month_rows(engine)
    assert rows.columns["amount_cents"].dtype == np.int32
    assert sums(engine) == [3_000_000_000, 3_000_000_000]
