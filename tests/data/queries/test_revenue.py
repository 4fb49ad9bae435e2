"""Invoice sums per client and window, checked against the hand-counted book."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.queries.revenue import revenue_by_client
from tests.factories import BOOK_AS_OF, add_book

Q2 = parse_period("2026-Q2")
WINDOWS = {
    "current": Q2.window(BOOK_AS_OF),
    "year_earlier": Q2.year_earlier_window(BOOK_AS_OF),
    "trailing_12": Window(dt.date(2025, 5, 16), BOOK_AS_OF),
}


@pytest.fixture
def book(engine):
    """The engine with the book inserted, and the client ids by name."""
    with engine.begin() as conn:
        ids = add_book(conn)
    return engine, ids


def by_client(book, filters=None, scope=None):
    engine, ids = book
    with engine.connect() as conn:
        frame = revenue_by_client(
            conn=conn,
            filters=filters or Filters(Q2),
            scope=scope or Scope.everything(),
            windows=WINDOWS,
        )
    names = {client_id: name for name, client_id in ids.items()}
    return frame.rename(index=names).sort_index()


def test_revenue_by_client_sums_each_window_in_cents(book):
    frame = by_client(book)
    assert WINDOWS["year_earlier"] == Window(dt.date(2025, 4, 1), dt.date(2025, 5, 15))
    # current [2026-04-01, 05-15]: A 150000, B 30000, C 20000, H 50000 - 50000
    # year earlier [2025-04-01, 05-15]: A 100000, B 80000, E -10000, G 60000,
    #   H 40000; T12 [2025-05-16, 2026-05-15] adds E 70000. D's invoice is after t.
    assert frame.to_dict("index") == {
        "A": {"current": 150_000, "year_earlier": 100_000, "trailing_12": 150_000},
        "B": {"current": 30_000, "year_earlier": 80_000, "trailing_12": 30_000},
        "C": {"current": 20_000, "year_earlier": 0, "trailing_12": 20_000},
        "E": {"current": 0, "year_earlier": -10_000, "trailing_12": 70_000},
        "G": {"current": 0, "year_earlier": 60_000, "trailing_12": 0},
        "H": {"current": 0, "year_earlier": 40_000, "trailing_12": 0},
    }
    assert all(str(dtype) == "int64" for dtype in frame.dtypes)


def test_revenue_by_client_applies_filters_and_scope(book):
    assert list(by_client(book, Filters(Q2, segment="smb")).index) == ["C", "H"]
    assert list(by_client(book, scope=Scope.for_client("A")).index) == ["A"]


def test_revenue_by_client_needs_a_window(engine):
    with engine.connect() as conn, pytest.raises(ValueError):
        revenue_by_client(conn=conn, filters=None, scope=Scope.everything(), windows={})
