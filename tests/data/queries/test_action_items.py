"""Action item counts: due in the window, completed by as_of, on time, open overdue."""

from __future__ import annotations

import datetime as dt

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.queries.action_items import action_item_counts
from tests.factories import add_action_item, add_client

Q2 = parse_period("2026-Q2")
AS_OF = dt.date(2026, 5, 15)
WINDOW = Q2.window(AS_OF)  # [2026-04-01, 2026-05-15], t = 05-15
D = dt.date


def _add_items(conn) -> None:
    x = add_client(conn, "X")
    y = add_client(conn, "Y")
    add_action_item(conn, x, D(2026, 4, 10), completed_on=D(2026, 4, 9))  # a1
    add_action_item(conn, x, D(2026, 4, 20), completed_on=D(2026, 4, 25))  # a2
    add_action_item(conn, x, D(2026, 5, 10))  # a3
    add_action_item(conn, x, D(2026, 5, 15))  # a4: due on t
    add_action_item(conn, x, D(2026, 3, 20), completed_on=D(2026, 5, 20))  # a5
    add_action_item(conn, x, D(2026, 3, 1), completed_on=D(2026, 3, 5))  # a6
    add_action_item(conn, x, D(2026, 5, 20))  # a7: due after t
    add_action_item(conn, x, D(2026, 5, 1), completed_on=D(2026, 5, 16))  # a8
    add_action_item(conn, y, D(2026, 4, 5), visibility="shared")  # b1


def test_action_item_counts_for_one_client(engine):
    with engine.begin() as conn:
        _add_items(conn)
        counts = action_item_counts(
            conn=conn,
            filters=Filters(Q2, clients=("X",)),
            scope=Scope.everything(),
            window=WINDOW,
            as_of=AS_OF,
        )
    # due in [04-01, 05-15]: a1, a2, a3, a4, a8 = 5
    # completed by as_of 05-15: a1, a2 = 2 (a8 on 05-16 is after as_of)
    # on time (completed_on <= due_on): a1 = 1
    # open overdue on t (due < 05-15, open on 05-15): a3, a5 (done 05-20), a8 = 3
    #   (a4 is due on t, a7 after t, a2 and a6 were done by t)
    assert counts == {"due": 5, "completed": 2, "on_time": 1, "open_overdue": 3}


def test_action_item_counts_follow_scope(engine):
    with engine.begin() as conn:
        _add_items(conn)
        everything = action_item_counts(
            conn=conn, filters=None, scope=Scope.everything(), window=WINDOW,
            as_of=AS_OF,
        )  # fmt: skip
        only_y = action_item_counts(
            conn=conn, filters=None, scope=Scope.for_client("Y"), window=WINDOW,
            as_of=AS_OF,
        )  # fmt: skip
    # X's counts plus b1 (due 04-05, open): due 6, open overdue 4
    assert everything == {"due": 6, "completed": 2, "on_time": 1, "open_overdue": 4}
    assert only_y == {"due": 1, "completed": 0, "on_time": 0, "open_overdue": 1}


def test_previous_window_counts_completion_by_as_of_and_overdue_on_its_t(engine):
    # P-1 of Q2 cut like Q2-to-date: [01-01, 02-14]; as_of stays 05-15.
    window = Window(D(2026, 1, 1), D(2026, 2, 14))
    with engine.begin() as conn:
        x = add_client(conn, "X")
        add_action_item(conn, x, D(2026, 2, 1), completed_on=D(2026, 3, 1))
        add_action_item(conn, x, D(2026, 2, 14), completed_on=D(2026, 2, 14))
        counts = action_item_counts(
            conn=conn, filters=None, scope=Scope.everything(), window=window,
            as_of=AS_OF,
        )  # fmt: skip
    # Both due in the window; both completed by as_of; only the second on time.
    # The first is still open on t = 02-14 (done 03-01) and due before it.
    assert counts == {"due": 2, "completed": 2, "on_time": 1, "open_overdue": 1}
