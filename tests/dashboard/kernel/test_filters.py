"""Filters are built from strings with every problem reported, never ignored."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.filters import (
    FilterChoices,
    FilterError,
    FilterOptions,
    parse_filters,
)

AS_OF = dt.date(2026, 8, 15)
OPTIONS = FilterOptions(
    client_ids=frozenset({"C1", "C2"}),
    regions=frozenset({"EMEA"}),
    owners=frozenset({"Ann"}),
)


def test_defaults_to_the_current_quarter():
    filters = parse_filters(period=None, as_of=AS_OF)
    assert filters.period.label == "2026-Q3"
    assert not filters.has_client_criteria


def test_reads_every_criterion_and_drops_duplicate_clients():
    filters = parse_filters(
        period="2026-07",
        clients=["C2", "C1", "C2", " "],
        segment="smb",
        region="EMEA",
        owner="Ann",
        as_of=AS_OF,
        options=OPTIONS,
    )
    assert filters.as_dict() == {
        "period": "2026-07",
        "clients": ["C2", "C1"],
        "segment": "smb",
        "region": "EMEA",
        "owner": "Ann",
    }


def test_every_problem_is_reported_at_once():
    with pytest.raises(FilterError) as error:
        parse_filters(
            period="2026-Q5",
            clients=["C9"],
            segment="giant",
            region="Mars",
            owner="Zed",
            as_of=AS_OF,
            options=OPTIONS,
        )
    problems = error.value.problems
    assert len(problems) == 5
    assert "unknown client C9" in problems
    assert any("segment 'giant'" in p for p in problems)
    assert "unknown region 'Mars'" in problems
    assert "unknown owner 'Zed'" in problems


def test_a_period_that_has_not_started_is_refused():
    with pytest.raises(FilterError, match="2026-Q4 has not started yet"):
        parse_filters(period="2026-Q4", as_of=AS_OF)


def test_client_names_are_built_once_and_fall_back_to_the_id():
    choices = FilterChoices(clients=(("C1", "Acme"), ("C2", "Beta plc")))
    assert choices.client_name("C2") == "Beta plc"
    assert choices.client_name("C9") == "C9"
    # One dictionary for every lookup (the budget tab names thousands of projects).
    assert choices.client_names is choices.client_names
    assert choices.client_names == {"C1": "Acme", "C2": "Beta plc"}
