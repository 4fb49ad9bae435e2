"""Each data-quality check on a hand-made book (tests/dashboard/quality/book.py),
on SQLite and PostgreSQL: the count for everyone and for one account manager
(counted in the database, and summed from what a server holds per client), and
the rows of each check."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.filters import Filters, default_period
from dashboard.kernel.quality_text import CHECKS
from dashboard.kernel.scope import Scope
from dashboard.quality.checks import check_rows, run_checks
from data.queries.held import hold_for, holds
from tests.dashboard.quality.book import (
    AS_OF,
    EXPECTED,
    add_quality_book,
    quality_settings,
)

ANN = Scope.for_owner("Ann")


@pytest.fixture(params=["database", "held"])
def book(request, engine):
    with engine.begin() as conn:
        add_quality_book(conn)
    if request.param == "held":
        hold_for(engine)
    with engine.connect() as conn:
        assert holds(conn) == (request.param == "held")
    return engine


def counts(engine, scope, filters=None, **settings):
    with engine.connect() as conn:
        found = run_checks(
            conn, settings=quality_settings(**settings), filters=filters, scope=scope
        )
    return found


def test_every_check_has_its_hand_counted_rows(book):
    assert set(EXPECTED) == set(CHECKS)
    everyone = counts(book, Scope.everything()).counts
    ann = counts(book, ANN).counts
    assert everyone == {check: pair[0] for check, pair in EXPECTED.items()}
    assert ann == {check: pair[1] for check, pair in EXPECTED.items()}


def test_feed_ages_and_the_quiet_ones(book):
    found = counts(book, Scope.everything())
    ages = {f.feed: (f.newest, f.age_days, f.quiet) for f in found.feeds}
    assert ages == {
        "invoices": (dt.date(2026, 5, 10), 97, True),
        "spend": (dt.date(2026, 7, 10), 36, False),
        "meetings": (dt.date(2026, 8, 15), 0, False),
        "action_items": (dt.date(2026, 3, 1), 167, True),
        "acquisition_spend": (None, None, False),
        "surveys": (dt.date(2026, 7, 1), 45, False),
    }
    quiet = found.checks[0]
    assert quiet.check == "quiet_feeds" and quiet.severity == "high"
    assert quiet.kpis == (
        "revenue", "arpa", "nrr", "grr", "clv", "action_items_due",
        "action_item_completion_rate",
    )  # fmt: skip
    # An account manager never sees acquisition spend (it has no client).
    assert "acquisition_spend" not in {f.feed for f in counts(book, ANN).feeds}


def test_a_feed_limit_is_a_setting(book):
    found = counts(book, Scope.everything(), quality_stale_days=(("invoices", 100),))
    # Invoices are 97 days old: within 100; action items keep their 90 days.
    assert [f.feed for f in found.feeds if f.quiet] == ["action_items"]
    assert found.counts["quiet_feeds"] == 1


def test_the_filters_narrow_the_checks(book):
    bob_segment = Filters(period=default_period(AS_OF), clients=("C3",))
    found = counts(book, Scope.everything(), bob_segment).counts
    assert found["active_without_invoice"] == 1  # C3
    assert found["duplicate_client_names"] == 0  # a name alone is no duplicate
    assert found["old_open_action_items"] == 1  # A4


@pytest.mark.parametrize(
    ("check", "column", "expected"),
    [
        ("active_without_invoice", "client_external_id", ["C2", "C3"]),
        ("no_recent_survey", "client_external_id", ["C2"]),
        ("duplicate_client_names", "client_external_id", ["C1", "C2", "C4"]),
        ("old_open_action_items", "owner", ["Unknown", "Bob"]),
        ("action_items_without_owner", "owner", ["Unknown", "TBD", " "]),
        ("meetings_without_attendees", "client_external_id", ["C3", "C1"]),
        ("quiet_feeds", "feed", ["invoices", "action_items"]),
    ],
)
def test_the_rows_of_a_check(book, check, column, expected):
    assert list(rows_of(book, check)[column]) == expected


def rows_of(engine, check):
    with engine.connect() as conn:
        return check_rows(
            conn, check, settings=quality_settings(), filters=None,
            scope=Scope.everything(),
        )  # fmt: skip


def test_spend_after_the_end_is_summed_per_project_as_an_amount(book):
    rows = rows_of(book, "projects_spending_after_end")
    assert [
        (r.client_external_id, r.last_spent_on, str(r.spend_after_end))
        for r in rows.itertuples()
    ] == [
        ("C1", dt.date(2026, 7, 10), "100.00"),
        ("C3", dt.date(2026, 3, 1), "50.00"),
    ]


def test_revenue_of_the_quarter_nets_credit_notes(book):
    rows = rows_of(book, "active_without_invoice")
    # C2: 50.00 billed and credited; C3: nothing billed.
    assert [str(v) for v in rows["revenue_in_quarter"]] == ["0.00", "0.00"]
