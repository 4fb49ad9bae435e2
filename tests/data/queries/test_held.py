"""What is held per name: dropping what was read for another day."""

from __future__ import annotations

import datetime as dt

from data.queries.held import forget_others

MONDAY, TUESDAY = dt.date(2026, 11, 30), dt.date(2026, 12, 1)


def test_only_the_kinds_names_for_another_day_are_dropped():
    kept = {
        ("health", MONDAY, True, ()): 1,
        ("health", TUESDAY, True, ()): 2,
        ("health", MONDAY, False, ()): 3,
        ("quality", MONDAY): 4,
        "projects": 5,
        ("health",): 6,
    }
    forget_others("health", TUESDAY)(kept)
    assert kept == {
        ("health", TUESDAY, True, ()): 2,
        ("quality", MONDAY): 4,
        "projects": 5,
    }
