"""The action items not completed by their due date, held in memory: the open
overdue counts, per owner, per client and the listed items are the database's,
on a small book, on random items, and after writes (only the clients a write
recorded are read again)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

import data.queries.held_items as held_items_module
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.db import make_engine
from data.models import Base
from data.queries.action_items import open_overdue_counts
from data.queries.action_items_detail import open_overdue
from data.queries.held import hold_for, holds
from data.rollups import refresh_rollups
from tests.factories import add_action_item, add_client, add_meeting

D = dt.date
AUGUST = parse_period("2026-08")
DAYS = [D(2026, 7, 1), D(2026, 7, 11), D(2026, 8, 15), D(2026, 8, 20)]
VIEWS = [
    (None, Scope.everything()),
    (Filters(AUGUST, segment="smb"), Scope.everything()),
    (Filters(AUGUST, clients=("C",)), Scope.everything()),
    (None, Scope.for_client("A")),
    (None, Scope.for_owner("Ann")),
]


def add_book(conn) -> dict[str, int]:
    a = add_client(conn, "A", name="Acme", owner="Ann")
    b = add_client(conn, "B", name="Beta", owner="Bob")
    c = add_client(conn, "C", name="Corp", segment="enterprise", owner="Ann")
    m = add_meeting(conn, a, dt.datetime(2026, 6, 30, 9))
    add_action_item(conn, a, D(2026, 7, 5), completed_on=D(2026, 7, 4))  # on time
    add_action_item(conn, a, D(2026, 7, 10), completed_on=D(2026, 7, 12))  # late
    add_action_item(conn, a, D(2026, 7, 20), owner="bob", meeting_id=m,
                    visibility="shared")  # fmt: skip
    add_action_item(conn, a, D(2026, 8, 3), completed_on=D(2026, 8, 20))
    add_action_item(conn, a, D(2026, 8, 15), title="Due on t")
    add_action_item(conn, b, D(2026, 7, 15), completed_on=D(2026, 7, 15))
    add_action_item(conn, b, D(2026, 7, 20), owner="", title="B's")  # tie on due
    add_action_item(conn, c, D(2026, 7, 1), owner="Zoë")
    return {"A": a, "B": b, "C": c}


def results(engine, filters, scope, limit):
    """Everything a view reads of the open overdue items, on a new connection."""
    with engine.connect() as conn:
        found = open_overdue(
            conn=conn,
            filters=filters,
            scope=scope,
            window=Window(D(2026, 8, 1), D(2026, 8, 15)),
            limit=limit,
            with_origin=True,
        )
        counts = open_overdue_counts(conn, filters, scope, DAYS)
    return found, counts


def assert_same(held_engine, database_engine, limits=(0, 1, 2, 200)):
    for filters, scope in VIEWS:
        for limit in limits:
            mine, counts = results(held_engine, filters, scope, limit)
            theirs, their_counts = results(database_engine, filters, scope, limit)
            assert counts == their_counts
            assert mine.total == theirs.total
            for name in ("by_owner", "by_client", "items"):
                pd.testing.assert_frame_equal(
                    getattr(mine, name), getattr(theirs, name), check_dtype=False
                )


@pytest.fixture
def both(engine):
    """(the engine, held; another engine on the same database, not held)."""
    hold_for(engine)
    other = create_engine(engine.url)
    with other.connect() as conn:
        assert not holds(conn)
    yield engine, other
    other.dispose()


def test_held_items_give_the_database_s_counts_and_lists(both):
    held, database = both
    with held.begin() as conn:
        add_book(conn)
    assert_same(held, database)
    found, counts = results(held, None, Scope.everything(), 2)
    # On 08-15: C's 07-01 (45 days), A's 07-20 and B's 07-20 (26), A's 08-03
    # (completed 08-20). Two listed: C's, then of the two due 07-20 Acme's.
    assert found.total == 4
    assert found.items[["external_id", "days_overdue"]].values.tolist() == [
        ["C", 45], ["A", 26]
    ]  # fmt: skip
    assert found.by_owner.values.tolist() == [["", 1], ["Zoë", 1], ["ann", 1],
                                              ["bob", 1]]  # fmt: skip
    assert counts == [0, 2, 4, 4]
    # A client sees its items shared with it alone.
    assert results(held, None, Scope.for_client("A"), 5)[0].total == 1


def test_a_write_reads_again_only_the_clients_it_recorded(both, monkeypatch):
    held, database = both
    with held.begin() as conn:
        ids = add_book(conn)
        refresh_rollups(conn, None)
    assert_same(held, database, limits=(2,))
    reads = []
    real = held_items_module._read

    def read(conn, clients=None):
        reads.append(clients)
        return real(conn, clients)

    monkeypatch.setattr(held_items_module, "_read", read)
    with held.begin() as conn:
        add_action_item(conn, ids["B"], D(2026, 6, 1), owner="Bob")
        refresh_rollups(conn, {ids["B"]})
    assert_same(held, database, limits=(2,))
    assert reads == [[ids["B"]]]
    assert results(held, None, Scope.everything(), 0)[0].total == 5


ITEM = st.tuples(
    st.sampled_from(["A", "B", "C"]),
    st.integers(0, 60),  # due: days after 07-01
    st.one_of(st.none(), st.integers(-5, 70)),  # completed: days after due
    st.sampled_from(["ann", "Bob", "", "n/a", "Zoë", "<b>x</b>"]),
    st.sampled_from(["Call", "call", "Ä", "Send deck"]),
    st.booleans(),  # shared
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(items=st.lists(ITEM, max_size=25))
def test_random_items_held_and_in_the_database_agree(tmp_path_factory, items):
    path = tmp_path_factory.mktemp("items") / "test.db"
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    other = create_engine(engine.url)
    try:
        with engine.begin() as conn:
            clients = {
                "A": add_client(conn, "A", name="Acme", owner="Ann"),
                "B": add_client(conn, "B", name="acme", owner="Bob"),
                "C": add_client(conn, "C", name="Corp", segment="enterprise"),
            }
            for client, due, completed, owner, title, shared in items:
                due_on = D(2026, 7, 1) + dt.timedelta(days=due)
                add_action_item(
                    conn,
                    clients[client],
                    due_on,
                    completed_on=None
                    if completed is None
                    else due_on + dt.timedelta(days=completed),
                    created_on=D(2026, 6, 1),
                    owner=owner,
                    title=title,
                    visibility="shared" if shared else "internal",
                )
        hold_for(engine)
        assert_same(engine, other, limits=(0, 3, 200))
    finally:
        other.dispose()
        engine.dispose()
