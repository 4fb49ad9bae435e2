"""The next meeting of a report: the first scheduled one from as_of, found in the
first month or later in the year (the report book of tests/dashboard/reports/book.py,
as_of 2026-08-15)."""

from __future__ import annotations

import datetime as dt

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reports.loaders import next_meeting
from tests.dashboard.reports.book import SETTINGS, add_report_book
from tests.factories import add_meeting

Q3 = parse_period("2026-Q3")


def first_meeting(engine, client: str, lang: str = "en") -> str | None:
    with engine.connect() as conn:
        return next_meeting(
            conn,
            SETTINGS,
            Filters(period=Q3, clients=(client,)),
            Scope.everything(),
            lang,
        )


def test_the_first_scheduled_meeting_within_a_month(engine):
    with engine.begin() as conn:
        ids = add_report_book(conn)
        # Later than K1's QBR of Sep 3, and a cancelled one before it.
        add_meeting(conn, ids["K1"], dt.datetime(2026, 9, 10, 9), status="scheduled")
        add_meeting(conn, ids["K1"], dt.datetime(2026, 8, 20, 9), status="cancelled")
    assert first_meeting(engine, "K1") == "QBR, Sep 3, 2026"


def test_a_meeting_months_ahead_is_found_and_none_is_none(engine):
    with engine.begin() as conn:
        ids = add_report_book(conn)
        # 66 days after as_of: past the first month, within the year.
        add_meeting(conn, ids["K2"], dt.datetime(2026, 10, 20, 9), status="scheduled")
        add_meeting(conn, ids["K2"], dt.datetime(2027, 8, 20, 9), status="scheduled")
    assert first_meeting(engine, "K2") == "Monthly review, Oct 20, 2026"
    assert first_meeting(engine, "K3") is None
