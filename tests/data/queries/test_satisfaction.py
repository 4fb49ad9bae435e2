"""Survey counts and acquisition spend, checked against the hand-counted book."""

from __future__ import annotations

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from data.queries.acquisition import acquisition_spend_cents
from data.queries.satisfaction import survey_counts
from tests.factories import BOOK_AS_OF, add_book

Q2 = parse_period("2026-Q2")
WINDOW = Q2.window(BOOK_AS_OF)


def test_survey_counts_in_window(engine):
    with engine.begin() as conn:
        add_book(conn)
        everything = survey_counts(
            conn=conn, filters=Filters(Q2), scope=Scope.everything(), window=WINDOW
        )
        smb = survey_counts(
            conn=conn,
            filters=Filters(Q2, segment="smb"),
            scope=Scope.everything(),
            window=WINDOW,
        )
    # NPS in [04-01, 05-15]: 10, 9, 10, 8, 6, 0, 7 (G's 05-16 and 03-31 left out)
    # CSAT: 5, 4, 3, 1 (B's 05-20 left out)
    assert everything == {
        "nps_n": 7,
        "promoters": 3,
        "detractors": 2,
        "csat_n": 4,
        "satisfied": 2,
    }
    # smb = C, D, F, H: NPS C 10, C 8, H 6; CSAT C 4, H 3
    assert smb == {
        "nps_n": 3,
        "promoters": 1,
        "detractors": 1,
        "csat_n": 2,
        "satisfied": 1,
    }


def test_acquisition_spend_by_window_and_segment(engine):
    with engine.begin() as conn:
        add_book(conn)

        def spend(segment=None, scope=None):
            return acquisition_spend_cents(
                conn=conn,
                scope=scope or Scope.everything(),
                window=WINDOW,
                segment=segment,
            )

        # in [04-01, 05-15]: 300000 (smb) + 100000 (untagged); 03-31, 05-20 out
        assert spend() == 400_000
        assert spend("smb") == 300_000
        assert spend("enterprise") == 0
        assert spend(scope=Scope.for_owner("ann")) is None
        assert spend(scope=Scope(internal=False)) is None
