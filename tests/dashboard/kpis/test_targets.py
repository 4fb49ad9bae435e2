"""The target per KPI that applies to a view (`view_targets`)."""

from __future__ import annotations

import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.scope import Scope
from dashboard.kpis.targets import view_targets
from tests.data.queries.test_targets import Q4, _book


@pytest.mark.parametrize(
    ("filters", "scope", "expected"),
    [
        (Filters(Q4), Scope.everything(), {"nps": 20.0}),
        (Filters(Q4, segment="smb"), Scope.everything(), {"nps": 10.0}),
        (Filters(Q4, segment="enterprise"), Scope.everything(), {"nps": 30.0}),
        # No client of the segment: the portfolio's.
        (Filters(Q4, segment="mid_market"), Scope.everything(), {"nps": 20.0}),
        (
            Filters(Q4, clients=("BETA",)),
            Scope.everything(),
            {"attendance_rate": 0.7, "nps": 40.0},
        ),
        (
            Filters(Q4, clients=("ACME",)),
            Scope.everything(),
            {"attendance_rate": 0.9, "nps": 30.0},
        ),
        # A book, a region, or a narrower viewer has no agreed target.
        (Filters(Q4, owner="Bob"), Scope.everything(), {}),
        (Filters(Q4), Scope.for_owner("Bob"), {}),
    ],
)
def test_the_target_that_applies_to_each_view(engine, filters, scope, expected):
    with engine.begin() as conn:
        _book(conn)
        assert view_targets(conn, filters=filters, scope=scope) == expected
