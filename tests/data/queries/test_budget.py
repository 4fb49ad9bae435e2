"""Project inputs (BAC, spend to date, milestone weights) and spend in a window."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from data.queries.budget import (
    project_input_arrays_many,
    project_inputs,
    project_inputs_many,
    spend_cents,
)
from data.queries.held import hold_for, holds
from data.queries.held_projects import held_projects
from data.rollups import refresh_rollups
from data.version import bump_data_version
from tests.factories import (
    add_client,
    add_invoice,
    add_milestone,
    add_project,
    add_spend,
)

Q2 = parse_period("2026-Q2")
AS_OF = dt.date(2026, 5, 15)
WINDOW = Q2.window(AS_OF)  # [2026-04-01, 2026-05-15], t = 05-15
D = dt.date


def _add_projects(conn) -> None:
    x = add_client(conn, "X")
    y = add_client(conn, "Y")
    p1 = add_project(conn, x, D(2026, 1, 1), D(2026, 12, 31), 10_000_000,
                     external_id="P1")  # fmt: skip
    add_spend(conn, p1, D(2026, 3, 15), 1_000_000)
    add_spend(conn, p1, D(2026, 5, 15), 500_000)
    add_spend(conn, p1, D(2026, 5, 16), 999_999)  # after t
    add_milestone(conn, p1, D(2026, 3, 1), completed_on=D(2026, 4, 1), weight=2)
    add_milestone(conn, p1, D(2026, 5, 1), completed_on=D(2026, 5, 16), weight=1)
    add_milestone(conn, p1, D(2026, 9, 1), weight=1)
    # Starts after as_of: not counted, but its early spend is spend in P.
    p2 = add_project(conn, x, D(2026, 6, 1), D(2026, 12, 31), 5_000_000,
                     external_id="P2")  # fmt: skip
    add_spend(conn, p2, D(2026, 5, 1), 500)
    # Ended before P: not counted; a late cost in P is still spend in P.
    p3 = add_project(conn, x, D(2025, 1, 1), D(2026, 3, 31), 2_000_000,
                     external_id="P3")  # fmt: skip
    add_spend(conn, p3, D(2026, 4, 5), 20_000)
    # One day, on t; milestones without a weight (the column's default, 1).
    p4 = add_project(conn, x, D(2026, 5, 15), D(2026, 5, 15), 1_000,
                     external_id="P4")  # fmt: skip
    add_milestone(conn, p4, D(2026, 5, 15), completed_on=D(2026, 5, 15))
    add_milestone(conn, p4, D(2026, 5, 15))
    # Ends on P.start: counted; no milestones, no spend.
    add_project(conn, x, D(2026, 2, 1), D(2026, 4, 1), 300_000, external_id="P5")
    p6 = add_project(conn, y, D(2026, 4, 1), D(2026, 6, 30), 700_000,
                     external_id="P6")  # fmt: skip
    add_spend(conn, p6, D(2026, 4, 2), 70_000)


@pytest.fixture(params=["database", "held"])
def inputs(request, engine):
    """`project_inputs` on a new connection: projects and milestones read from
    the database, or from memory as a server holds them."""
    if request.param == "held":
        hold_for(engine)

    def read(**arguments):
        with engine.connect() as conn:
            assert holds(conn) == (request.param == "held")
            return project_inputs(conn=conn, window=WINDOW, **arguments)

    return read


def test_project_inputs_for_one_client(engine, inputs):
    with engine.begin() as conn:
        _add_projects(conn)
    frame = inputs(filters=Filters(Q2, clients=("X",)), scope=Scope.everything())
    # P2 starts after t and P3 ended before P.start; P1, P4, P5 overlap.
    assert list(frame["external_id"]) == ["P1", "P4", "P5"]
    assert set(frame["client_external_id"]) == {"X"}
    assert list(frame["budget_cents"]) == [10_000_000, 1_000, 300_000]
    # P1: 1_000_000 + 500_000 (the 05-16 spend is after t)
    assert list(frame["spent_cents"]) == [1_500_000, 0, 0]
    # P1: weights 2 + 1 + 1, done by t: 2; P4: 1 + 1 by default, done 1
    assert list(frame["milestone_weight"][:2]) == [4.0, 2.0]
    assert list(frame["completed_weight"][:2]) == [2.0, 1.0]
    assert math.isnan(frame["milestone_weight"][2])
    assert math.isnan(frame["completed_weight"][2])
    assert list(frame["start_on"]) == [D(2026, 1, 1), D(2026, 5, 15), D(2026, 2, 1)]
    assert list(frame["end_on"]) == [D(2026, 12, 31), D(2026, 5, 15), D(2026, 4, 1)]


def test_project_inputs_follow_scope(engine, inputs):
    with engine.begin() as conn:
        _add_projects(conn)
    only_y = inputs(filters=None, scope=Scope.for_client("Y"))
    everything = inputs(filters=None, scope=Scope.everything())
    assert list(only_y["external_id"]) == ["P6"]
    assert list(only_y["spent_cents"]) == [70_000]
    assert list(everything["external_id"]) == ["P1", "P4", "P5", "P6"]


def test_project_inputs_empty(inputs):
    frame = inputs(filters=None, scope=Scope.everything())
    assert frame.empty
    assert "spent_cents" in frame.columns


@pytest.mark.parametrize("held", [False, True])
@pytest.mark.parametrize("rollups", [False, True])
def test_the_arrays_of_many_windows_are_the_frames_columns(engine, held, rollups):
    with engine.begin() as conn:
        _add_projects(conn)
        refresh_rollups(conn, None)
    if held:
        hold_for(engine)
    windows = [
        WINDOW,
        parse_period("2026-Q1").window(AS_OF),
        parse_period("2026-05").window(AS_OF),
        WINDOW,  # the same window twice
        parse_period("2025-Q1").window(AS_OF),  # P3 alone
    ]
    arguments = dict(filters=None, scope=Scope.everything(), windows=windows)
    with engine.connect() as conn:
        frames = project_inputs_many(conn=conn, rollups=rollups, **arguments)
        arrays = project_input_arrays_many(conn=conn, rollups=rollups, **arguments)
    assert [len(frame) for frame in frames] == [4, 3, 3, 4, 1]
    # Q2 to 05-15: P1 1_500_000 (the 05-16 spend is after t), P6 70_000.
    assert arrays[0]["spent_cents"].tolist() == [1_500_000, 0, 0, 70_000]
    assert arrays[4]["spent_cents"].tolist() == [0]  # P3's spend is after 2025-Q1
    for frame, found in zip(frames, arrays, strict=True):
        assert sorted(found) == [
            "budget_cents", "completed_weight", "end_on", "milestone_weight",
            "spent_cents", "start_on",
        ]  # fmt: skip
        for name, values in found.items():
            expected = frame[name].to_numpy()
            if name.endswith("_on"):
                expected = expected.astype("datetime64[D]")
            assert values.dtype == expected.dtype, name
            assert np.array_equal(values, expected, equal_nan=name.endswith("weight"))


def test_held_projects_are_read_again_after_a_write(engine):
    with engine.begin() as conn:
        _add_projects(conn)
    hold_for(engine)
    only_y = {"filters": None, "scope": Scope.for_client("Y")}
    with engine.connect() as conn:
        before = project_inputs(conn=conn, window=WINDOW, **only_y)
    assert before["milestone_weight"].isna().all()
    with engine.begin() as conn:
        bump_data_version(conn)
        p6 = int(before["project_id"][0])
        add_milestone(conn, p6, D(2026, 5, 1), completed_on=D(2026, 5, 2), weight=3)
        add_milestone(conn, p6, D(2026, 6, 1), weight=0.5)
        # The writing transaction reads its own rows, and holds none.
        mine = project_inputs(conn=conn, window=WINDOW, **only_y)
        assert list(mine["milestone_weight"]) == [3.5]
    with engine.connect() as conn:
        after = project_inputs(conn=conn, window=WINDOW, **only_y)
    assert list(after["milestone_weight"]) == [3.5]
    assert list(after["completed_weight"]) == [3.0]


def test_spend_in_window_counts_every_project_of_the_clients(engine):
    with engine.begin() as conn:
        _add_projects(conn)
        x_spend = spend_cents(
            conn=conn,
            filters=Filters(Q2, clients=("X",)),
            scope=Scope.everything(),
            window=WINDOW,
        )
        all_spend = spend_cents(
            conn=conn, filters=None, scope=Scope.everything(), window=WINDOW
        )
        none = spend_cents(
            conn=conn, filters=None, scope=Scope.for_client("nobody"), window=WINDOW
        )
    # X in [04-01, 05-15]: P1 500_000 + P2 500 + P3 20_000 (not 03-15, not 05-16)
    assert x_spend == 520_500
    assert all_spend == 520_500 + 70_000
    assert none == 0


def test_a_write_that_leaves_the_projects_keeps_them_held(engine):
    with engine.begin() as conn:
        _add_projects(conn)
    hold_for(engine)
    with engine.connect() as conn:
        first = held_projects(conn)
    p6 = first.frame.set_index("external_id").loc["P6"]
    y, p6_id = int(p6["client_id"]), int(p6["project_id"])
    with engine.begin() as conn:
        add_invoice(conn, y, D(2026, 5, 2), 100)  # refreshes Y's rollups
    with engine.connect() as conn:
        assert held_projects(conn) is first
    with engine.begin() as conn:
        add_milestone(conn, p6_id, D(2026, 5, 3))
        refresh_rollups(conn, {y})  # as an import records the clients it wrote
    with engine.connect() as conn:
        again = held_projects(conn)
    assert again is not first
    assert again.milestones.project_id.tolist().count(p6_id) == 1
