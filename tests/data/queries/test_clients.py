"""Logo counts and onboard/churn pairs, checked against the hand-counted book."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import text

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from data.queries.clients import client_counts, onboard_churn_pairs
from data.queries.held import hold_for
from data.version import bump_data_version
from tests.factories import BOOK_AS_OF, add_book, add_client

Q2 = parse_period("2026-Q2")
WINDOW = Q2.window(BOOK_AS_OF)  # [2026-04-01, 2026-05-15]


@pytest.fixture(params=["database", "held"])
def book(request, engine):
    """The engine with the book inserted; its clients counted in the database,
    or from their days as a server holds them."""
    with engine.begin() as conn:
        add_book(conn)
    if request.param == "held":
        hold_for(engine)
    return engine


def counts(engine, filters=None, scope=None):
    with engine.connect() as conn:
        return client_counts(
            conn=conn,
            filters=filters or Filters(Q2),
            scope=scope or Scope.everything(),
            window=WINDOW,
        )


def test_client_counts_follow_the_definitions(book):
    # active on t = 05-15: A, C, G (H churned on t, so not active) -> 3
    # S, active on 04-01: A, B, C (onboarded on 04-01), G, H; not E (churned 04-01) -> 5
    # new (onboarded in [04-01, 05-15]): C, D; not F (05-20) -> 2
    # lost (churned in window): B, D, E, H; not G (05-16) -> 4
    # L_S (of S, churned in window): B, H -> 2
    assert counts(book) == {
        "active_clients": 3,
        "clients_at_start": 5,
        "new_clients": 2,
        "lost_clients": 4,
        "lost_from_start": 2,
    }


def test_client_counts_apply_segment_filter(book):
    # smb: C, D, F, H. active t: C; S: C, H; new: C, D; lost: D, H; L_S: H
    assert counts(book, Filters(Q2, segment="smb")) == {
        "active_clients": 1,
        "clients_at_start": 2,
        "new_clients": 2,
        "lost_clients": 2,
        "lost_from_start": 1,
    }


def test_client_counts_apply_scope_and_filters_together(book):
    # scope owner ann: A, B, F, G; filter region south: F only (onboarded after t)
    result = counts(book, Filters(Q2, region="south"), Scope.for_owner("ann"))
    assert result == dict.fromkeys(result, 0)
    # client filter B and E: S = B; lost B, E; L_S = B
    result = counts(book, Filters(Q2, clients=("B", "E")))
    assert result == {
        "active_clients": 0,
        "clients_at_start": 1,
        "new_clients": 0,
        "lost_clients": 2,
        "lost_from_start": 1,
    }


def test_onboard_churn_pairs_group_clients_up_to_as_of(book):
    with book.connect() as conn:
        pairs = onboard_churn_pairs(
            conn=conn, filters=None, scope=Scope.everything(), as_of=BOOK_AS_OF
        )
    # F (onboarded 05-20) is after as_of; G and H share onboarded_on but not churn.
    assert len(pairs) == 7
    assert int(pairs["clients"].sum()) == 7
    first = pairs.iloc[0]
    assert first["onboarded_on"] == dt.date(2024, 1, 1)
    assert first["churned_on"] in (dt.date(2026, 5, 15), dt.date(2026, 5, 16))


def test_a_churn_written_is_counted_at_once(book):
    before = counts(book)
    with book.begin() as conn:
        conn.execute(
            text(
                "UPDATE clients SET churned_on = :day WHERE id = "
                "(SELECT min(id) FROM clients WHERE churned_on IS NULL "
                "AND onboarded_on < :start)"
            ),
            {"day": dt.date(2026, 5, 1), "start": WINDOW.start},
        )
        bump_data_version(conn)
    after = counts(book)
    assert after["active_clients"] == before["active_clients"] - 1
    assert after["lost_clients"] == before["lost_clients"] + 1
    assert after["lost_from_start"] == before["lost_from_start"] + 1
    assert after["clients_at_start"] == before["clients_at_start"]


def test_the_pairs_are_the_same_held_or_not_never_churned_last(engine):
    with engine.begin() as conn:
        add_book(conn)
        # Two joined the same day: one still a client, one gone.
        add_client(conn, "STAYS", onboarded_on=dt.date(2025, 3, 3))
        add_client(
            conn,
            "LEFT",
            onboarded_on=dt.date(2025, 3, 3),
            churned_on=dt.date(2025, 9, 9),
        )
    arguments = dict(filters=None, scope=Scope.everything(), as_of=BOOK_AS_OF)
    with engine.connect() as conn:
        read = onboard_churn_pairs(conn=conn, **arguments)
    hold_for(engine)
    with engine.connect() as conn:
        kept = onboard_churn_pairs(conn=conn, **arguments)
    pd.testing.assert_frame_equal(kept, read, check_exact=True)
    for _, group in read.groupby("onboarded_on", sort=False):
        churned = group["churned_on"].tolist()
        known = [day for day in churned if day is not None]
        assert churned == sorted(known) + [None] * (len(churned) - len(known))
    assert list(read["onboarded_on"]) == sorted(read["onboarded_on"])
    same_day = read[read["onboarded_on"] == dt.date(2025, 3, 3)]
    assert same_day["churned_on"].tolist() == [dt.date(2025, 9, 9), None]
