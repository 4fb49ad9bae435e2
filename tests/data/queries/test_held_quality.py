"""Each client's data-quality figures held in memory: after a write, the clients
it recorded and those whose own row changed are read again, and every count and
feed stays what the database gives (the hand-made book of
tests/dashboard/quality/book.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, update

import data.queries.held as held_module
import data.queries.held_quality as held_quality_module
from dashboard.kernel.filters import Filters, default_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.quality.checks import check_dates
from data.models import Client, Invoice
from data.queries.held import hold_for
from data.queries.held_quality import held_check_counts, held_quality
from data.queries.quality import ROW_CHECKS, check_statement, count_rows
from data.queries.quality_feeds import newest_rows
from data.rollups import refresh_rollups
from data.version import bump_data_version, record_rollup_change
from tests.dashboard.quality.book import (
    AS_OF,
    EXPECTED,
    add_quality_book,
    quality_settings,
)
from tests.factories import add_action_item, add_client, add_invoice

DATES = check_dates(quality_settings())
ANN = Scope.for_owner("Ann")
VIEWS = [
    (None, Scope.everything()),
    (None, ANN),
    (Filters(default_period(AS_OF), clients=("C3",)), Scope.everything()),
    (Filters(default_period(AS_OF), owner="Bob"), Scope.everything()),
    (Filters(default_period(AS_OF), segment="enterprise"), Scope.everything()),
    (None, Scope.for_client("C2")),
]


@pytest.fixture
def book(engine, monkeypatch):
    """The book, held; `reads` lists the clients each read of the held figures
    asked for (None: all)."""
    with engine.begin() as conn:
        ids = add_quality_book(conn)
    hold_for(engine)
    reads: list[list[int] | None] = []
    real = held_quality_module._read

    def read(conn, dates, clients=None):
        reads.append(None if clients is None else list(clients))
        return real(conn, dates, clients)

    monkeypatch.setattr(held_quality_module, "_read", read)
    return engine, ids, reads


def in_database(conn, filters, scope):
    counts = {
        check: count_rows(
            conn, check_statement(check, filters=filters, scope=scope, dates=DATES)
        )
        for check in ROW_CHECKS
    }
    newest = newest_rows(
        conn=conn, filters=filters, scope=scope, as_of=AS_OF, timezone="UTC"
    )
    return counts, newest


def assert_same_as_the_database(engine):
    with engine.connect() as conn:
        for filters, scope in VIEWS:
            assert held_check_counts(conn, filters, scope, DATES) == in_database(
                conn, filters, scope
            ), (filters, scope)


def test_held_figures_are_the_database_s_for_every_view(book):
    engine, _, reads = book
    assert_same_as_the_database(engine)
    with engine.connect() as conn:
        counts, newest = held_check_counts(conn, None, Scope.everything(), DATES)
    assert counts == {check: EXPECTED[check][0] for check in ROW_CHECKS}
    assert newest["meetings"] == dt.date(2026, 8, 15)
    assert newest["acquisition_spend"] is None
    assert reads == [None]  # read once, for every view after


def test_a_write_that_records_a_client_reads_that_client_again(book):
    engine, ids, reads = book
    assert_same_as_the_database(engine)
    with engine.begin() as conn:
        add_action_item(conn, ids["C3"], dt.date(2026, 9, 1), owner="tbd",
                        created_on=dt.date(2026, 8, 14))  # fmt: skip
        refresh_rollups(conn, {ids["C3"]})
    with engine.connect() as conn:
        counts, newest = held_check_counts(conn, None, Scope.everything(), DATES)
    assert counts["action_items_without_owner"] == 3 + 1
    assert newest["action_items"] == dt.date(2026, 8, 14)
    assert reads == [None, [ids["C3"]]]
    assert_same_as_the_database(engine)


def test_a_client_s_own_row_changed_without_a_record_is_read_again(book):
    engine, ids, reads = book
    with engine.connect() as conn:
        held_check_counts(conn, None, Scope.everything(), DATES)
    with engine.begin() as conn:  # a client import records no client
        bump_data_version(conn)
        conn.execute(
            update(Client).where(Client.id == ids["C3"]).values(name="ACME ltd")
        )
        c6 = add_client(conn, "C6", name="Delta", owner="Ann")
        add_invoice(conn, c6, dt.date(2026, 5, 1), 100)
        record_rollup_change(conn, [])
    with engine.connect() as conn:
        counts, _ = held_check_counts(conn, None, Scope.everything(), DATES)
    # C1, C2, C3 and C4 share "acmeltd"; C5 and the new C6 share "delta".
    assert counts["duplicate_client_names"] == 6
    assert reads == [None, sorted([ids["C3"], c6])]
    assert_same_as_the_database(engine)
    with engine.begin() as conn:  # a client goes (with its rows)
        bump_data_version(conn)
        conn.execute(delete(Invoice).where(Invoice.client_id == c6))
        conn.execute(delete(Client).where(Client.id == c6))
        record_rollup_change(conn, [])
    assert_same_as_the_database(engine)
    assert reads[-1] == [c6]


def test_a_write_of_nothing_they_read_keeps_them(book):
    engine, _, reads = book
    with engine.connect() as conn:
        first = held_quality(conn, DATES)
    with engine.begin() as conn:  # a comment or a target: no rollup, no client
        bump_data_version(conn)
    with engine.connect() as conn:
        assert held_quality(conn, DATES) is first
    assert reads == [None]


def test_a_change_of_all_clients_reads_all_again(book):
    engine, _, reads = book
    assert_same_as_the_database(engine)
    with engine.begin() as conn:
        refresh_rollups(conn, None)
    assert_same_as_the_database(engine)
    assert reads == [None, None]


def test_a_new_day_reads_all_and_forgets_the_day_before(book):
    engine, _, reads = book
    next_day = check_dates(
        Settings(as_of=AS_OF + dt.timedelta(days=1), load_demo_data=False)
    )
    with engine.connect() as conn:
        held_quality(conn, DATES)
        held_quality(conn, next_day)
        held_quality(conn, next_day)
    assert reads == [None, None]
    kept = [name for name in held_module._HELD[engine] if name[0] == "quality"]
    assert kept == [("quality", next_day)]
