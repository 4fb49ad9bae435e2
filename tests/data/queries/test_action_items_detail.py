"""Action item drill-down queries: due/completed/on time per period and the open
overdue items, with the same conditions as the action item metrics."""

from __future__ import annotations

import datetime as dt

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.queries.action_items import action_item_counts, open_overdue_counts
from data.queries.action_items_detail import (
    due_counts_by_period,
    open_overdue_by_client,
    open_overdue_by_owner,
    overdue_items,
)
from data.rollups import refresh_rollups
from tests.factories import add_action_item, add_client

D = dt.date
AS_OF = D(2026, 8, 15)
JULY, AUGUST = parse_period("2026-07"), parse_period("2026-08")
WINDOWS = {"2026-07": JULY.window(AS_OF), "2026-08": AUGUST.window(AS_OF)}
AUGUST_WINDOW = AUGUST.window(AS_OF)  # [08-01, 08-15]: t = 08-15
EVERYTHING = Scope.everything()
SMB = Filters(AUGUST, segment="smb")


def _add_items(conn) -> None:
    a = add_client(conn, "A", name="Acme")
    b = add_client(conn, "B", name="Beta")
    c = add_client(conn, "C", name="Corp", segment="enterprise")
    add_action_item(conn, a, D(2026, 7, 5), completed_on=D(2026, 7, 4))  # on time
    add_action_item(conn, a, D(2026, 7, 10), completed_on=D(2026, 7, 12))  # late
    add_action_item(conn, a, D(2026, 7, 20), owner="bob")  # open, overdue on t
    # completed after as_of: not completed, and overdue on t = 08-15
    add_action_item(conn, a, D(2026, 8, 3), completed_on=D(2026, 8, 20))
    add_action_item(conn, a, D(2026, 8, 15))  # due on t: not overdue yet
    add_action_item(conn, b, D(2026, 7, 15), completed_on=D(2026, 7, 15))  # on time
    add_action_item(conn, c, D(2026, 7, 1))  # enterprise, open, overdue on t


def test_due_counts_per_period_match_the_metric_counts(engine):
    with engine.begin() as conn:
        _add_items(conn)
        counts = due_counts_by_period(
            conn=conn, filters=SMB, scope=EVERYTHING, windows=WINDOWS, as_of=AS_OF
        )
        august = action_item_counts(
            conn=conn,
            filters=SMB,
            scope=EVERYTHING,
            window=AUGUST_WINDOW,
            as_of=AS_OF,
        )
    # July (smb): due 07-05, 07-10, 07-20, 07-15 = 4; completed by as_of: 07-05,
    # 07-10, 07-15 = 3; on time (completed <= due): 07-05, 07-15 = 2.
    # August: due 08-03, 08-15 = 2; the 08-03 one completed 08-20 > as_of: 0, 0.
    assert counts.values.tolist() == [["2026-07", 4, 3, 2], ["2026-08", 2, 0, 0]]
    assert august["due"] == 2
    assert august["completed"] == 0


def test_due_counts_from_the_rollups_are_the_raw_counts(engine):
    with engine.begin() as conn:
        _add_items(conn)
        refresh_rollups(conn, None)
        counts = [
            due_counts_by_period(
                conn=conn,
                filters=SMB,
                scope=EVERYTHING,
                windows=WINDOWS,
                as_of=AS_OF,
                rollups=rollups,
            ).values.tolist()
            for rollups in (True, False)
        ]
    # As above: the 08-03 item completed 08-20, after as_of, is taken off again.
    assert counts == [[["2026-07", 4, 3, 2], ["2026-08", 2, 0, 0]]] * 2


def test_open_overdue_on_several_days_in_one_query(engine):
    with engine.begin() as conn:
        _add_items(conn)
        days = [D(2026, 7, 1), D(2026, 7, 11), D(2026, 8, 15), D(2026, 8, 20)]
        counts = open_overdue_counts(conn, None, EVERYTHING, days)
        singles = [
            action_item_counts(
                conn=conn,
                filters=None,
                scope=EVERYTHING,
                window=Window(D(2026, 6, 1), day),
                as_of=AS_OF,
            )["open_overdue"]
            for day in days
        ]
    # 07-01: none due before. 07-11: A's 07-05 was done 07-04, A's 07-10 is
    # done only 07-12, C's 07-01 is open: 2. 08-15: A's 07-20, A's 08-03 (done
    # 08-20), C's 07-01: 3. 08-20: A's 08-03 was done that day, 08-15 is now
    # overdue: 3.
    assert counts == singles == [0, 2, 3, 3]


def test_due_counts_keep_empty_periods(engine):
    with engine.begin() as conn:
        _add_items(conn)
        june = {"2026-06": parse_period("2026-06").window(AS_OF)}
        counts = due_counts_by_period(
            conn=conn, filters=None, scope=EVERYTHING, windows=june, as_of=AS_OF
        )
    assert counts.values.tolist() == [["2026-06", 0, 0, 0]]


def test_open_overdue_by_owner_and_client(engine):
    with engine.begin() as conn:
        _add_items(conn)
        owners = open_overdue_by_owner(
            conn=conn, filters=None, scope=EVERYTHING, window=AUGUST_WINDOW
        )
        clients = open_overdue_by_client(
            conn=conn, filters=None, scope=EVERYTHING, window=AUGUST_WINDOW
        )
        smb_clients = open_overdue_by_client(
            conn=conn, filters=SMB, scope=EVERYTHING, window=AUGUST_WINDOW
        )
        metric = action_item_counts(
            conn=conn,
            filters=None,
            scope=EVERYTHING,
            window=AUGUST_WINDOW,
            as_of=AS_OF,
        )
    # Overdue on t = 08-15: A's 07-20 (bob) and 08-03 (ann, completed 08-20 > t),
    # C's 07-01 (ann). Most first.
    assert owners.values.tolist() == [["ann", 2], ["bob", 1]]
    assert clients.values.tolist() == [["A", "Acme", 2], ["C", "Corp", 1]]
    assert smb_clients.values.tolist() == [["A", "Acme", 2]]
    assert owners["items"].sum() == metric["open_overdue"] == 3


def test_overdue_list_is_most_overdue_first_and_limited(engine):
    with engine.begin() as conn:
        _add_items(conn)
        items, total = overdue_items(
            conn=conn, filters=None, scope=EVERYTHING, window=AUGUST_WINDOW, limit=2
        )
    # C's 07-01: 45 days before 08-15; A's 07-20: 26 days; (A's 08-03: 12, cut).
    assert total == 3
    assert items[
        ["external_id", "owner", "due_on", "days_overdue"]
    ].values.tolist() == [
        ["C", "ann", D(2026, 7, 1), 45],
        ["A", "bob", D(2026, 7, 20), 26],
    ]
