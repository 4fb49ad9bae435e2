"""What is held per name: dropping what was read for another day."""

from __future__ import annotations

import datetime as dt

from data.queries.held import forget_others, held, held_if_current, hold_for
from data.version import bump_data_version

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


def test_what_is_held_is_given_only_while_it_is_current(engine):
    hold_for(engine)
    with engine.connect() as conn:
        assert held_if_current(conn, "thing") is None  # nothing held yet
        value = held(conn, "thing", lambda c: ["read"])
        assert held_if_current(conn, "thing") is value
    with engine.begin() as conn:
        bump_data_version(conn)
        assert held_if_current(conn, "thing") is None  # this transaction wrote
    with engine.connect() as conn:
        assert held_if_current(conn, "thing") is None  # a newer version
        assert held(conn, "thing", lambda c: ["again"]) == ["again"]
        assert held_if_current(conn, "thing") == ["again"]
