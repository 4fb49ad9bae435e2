"""Budget drill-down queries: daily spend of the counted projects, spend by category
and the milestones of the counted projects."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import text

from dashboard.figures.budget_milestones import milestones_to_show
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from data.queries.budget import spend_cents
from data.queries.budget_detail import (
    daily_spend,
    milestones_shown,
    project_milestones,
    project_schedules,
    spend_by_category,
)
from data.queries.held import hold_for, holds
from data.rollups import refresh_rollups
from tests.factories import add_client, add_milestone, add_project, add_spend

D = dt.date
Q3 = parse_period("2026-Q3")
WINDOW = Q3.window(D(2026, 8, 15))  # [2026-07-01, 2026-08-15]
EVERYTHING = Scope.everything()
SMB = Filters(Q3, segment="smb")


def _add_projects(conn) -> None:
    a = add_client(conn, "A", name="Acme")
    c = add_client(conn, "C", name="Corp", segment="enterprise")
    p1 = add_project(
        conn,
        a,
        D(2026, 6, 1),
        D(2026, 9, 30),
        100_000,
        external_id="P1",
        name="Rollout",
    )
    add_spend(conn, p1, D(2026, 6, 15), 10_000)
    add_spend(conn, p1, D(2026, 7, 10), 5_000, category="travel")
    add_spend(conn, p1, D(2026, 7, 10), 2_500)
    add_spend(conn, p1, D(2026, 8, 20), 9_999)  # after t
    add_milestone(conn, p1, D(2026, 6, 10), completed_on=D(2026, 6, 12))
    add_milestone(conn, p1, D(2026, 7, 31))
    # P2 ended in 2025: not counted for Q3, but its Q3 spend is spend in P.
    p2 = add_project(conn, a, D(2025, 1, 1), D(2025, 12, 31), 50_000, external_id="P2")
    add_spend(conn, p2, D(2026, 7, 5), 3_000, category="software")
    add_milestone(conn, p2, D(2025, 6, 1))
    p3 = add_project(conn, c, D(2026, 7, 1), D(2026, 12, 31), 80_000, external_id="P3")
    add_spend(conn, p3, D(2026, 7, 2), 4_000)
    add_milestone(conn, p3, D(2026, 8, 1), completed_on=D(2026, 8, 3))


@pytest.mark.parametrize("source", ["rows", "rollups", "held rollups"])
def test_daily_spend_of_counted_projects_up_to_t(engine, source):
    with engine.begin() as conn:
        _add_projects(conn)
        p3 = conn.execute(text("SELECT id FROM projects WHERE external_id = 'P3'"))
        add_spend(conn, p3.scalar_one(), WINDOW.t, 1_234)  # on t itself: counted
        refresh_rollups(conn, None, timezone="UTC")
    if source == "held rollups":
        hold_for(engine)
    query = {
        "scope": EVERYTHING,
        "window": WINDOW,
        "rollups": source != "rows",
    }
    with engine.connect() as conn:
        assert holds(conn) == (source == "held rollups")
        smb = daily_spend(conn=conn, filters=SMB, **query)
        every = daily_spend(conn=conn, filters=None, **query)
        only_p3 = daily_spend(conn=conn, filters=None, **query, projects=["P3"])
        not_counted = daily_spend(conn=conn, filters=None, **query, projects=["P2"])
    # P1 since its start (AC accrues before P too); the two 07-10 rows are one day;
    # 08-20 is after t. P2 does not overlap Q3.
    assert smb.values.tolist() == [[D(2026, 6, 15), 100.0], [D(2026, 7, 10), 75.0]]
    # Every client: P3's 40.00 on 07-02 and 12.34 on t join in.
    assert every.values.tolist() == [
        [D(2026, 6, 15), 100.0],
        [D(2026, 7, 2), 40.0],
        [D(2026, 7, 10), 75.0],
        [D(2026, 8, 15), 12.34],
    ]
    assert only_p3.values.tolist() == [[D(2026, 7, 2), 40.0], [D(2026, 8, 15), 12.34]]
    assert not_counted.empty


def test_spend_by_category_adds_up_to_the_spend_metric(engine):
    with engine.begin() as conn:
        _add_projects(conn)
        frame = spend_by_category(
            conn=conn, filters=SMB, scope=EVERYTHING, window=WINDOW
        )
        total = spend_cents(conn=conn, filters=SMB, scope=EVERYTHING, window=WINDOW)
    # In [07-01, 08-15], smb: travel 50.00, P2 software 30.00, labour 25.00.
    assert frame.values.tolist() == [
        ["travel", 50.0],
        ["software", 30.0],
        ["labor", 25.0],
    ]
    assert round(frame["amount"].sum() * 100) == total == 10_500


def test_milestones_of_counted_projects(engine):
    with engine.begin() as conn:
        _add_projects(conn)
        smb = project_milestones(
            conn=conn, filters=SMB, scope=EVERYTHING, window=WINDOW
        )
        every = project_milestones(
            conn=conn, filters=None, scope=EVERYTHING, window=WINDOW
        )
    columns = ["project_external_id", "client_name", "planned_on", "completed_on"]
    assert smb[columns].values.tolist() == [
        ["P1", "Acme", D(2026, 6, 10), D(2026, 6, 12)],
        ["P1", "Acme", D(2026, 7, 31), None],
    ]
    # P2's milestone is left out (the project does not overlap Q3); P3's is in.
    assert every["project_external_id"].tolist() == ["P1", "P1", "P3"]


@pytest.mark.parametrize("held", [False, True], ids=["read", "held"])
def test_schedules_of_counted_projects(engine, held):
    with engine.begin() as conn:
        _add_projects(conn)
        # A's: held after P1, before C's P3 (the held projects are by client).
        a = conn.execute(text("SELECT id FROM clients WHERE external_id = 'A'"))
        add_project(
            conn, a.scalar_one(), D(2026, 8, 1), D(2026, 8, 31), 1, external_id="a1"
        )
    if held:
        hold_for(engine)
    with engine.connect() as conn:
        assert holds(conn) == held
        smb = project_schedules(conn=conn, filters=SMB, scope=EVERYTHING, window=WINDOW)
        every = project_schedules(
            conn=conn, filters=None, scope=EVERYTHING, window=WINDOW
        )
    # P1 (smb, overlaps Q3) with BAC 1,000.00; P2 ended in 2025; P3 is enterprise.
    assert smb.values.tolist() == [
        ["P1", D(2026, 6, 1), D(2026, 9, 30), 1000.0],
        ["a1", D(2026, 8, 1), D(2026, 8, 31), 0.01],
    ]
    # In code point order whatever the database's collation: "a1" after "P3".
    assert every["external_id"].tolist() == ["P1", "P3", "a1"]
    assert every["bac"].tolist() == [1000.0, 800.0, 0.01]


def _shown(conn, t: dt.date, count: int):
    return milestones_shown(
        conn=conn, filters=None, scope=EVERYTHING, window=WINDOW, t=t, count=count
    )


def test_the_milestones_shown_late_first_then_nearest_to_t(engine):
    # t = 2026-08-15. Late: P1's open one planned 07-31 and P3's completed
    # 08-03 against 08-01. On time: P1's first (completed 06-12, planned 06-10,
    # is late too). P2 is not counted.
    with engine.begin() as conn:
        _add_projects(conn)
        p1 = conn.execute(text("SELECT id FROM projects WHERE external_id = 'P1'"))
        p1 = p1.scalar_one()
        add_milestone(conn, p1, D(2026, 8, 20))  # open, 5 days after t
        add_milestone(conn, p1, D(2026, 8, 10), completed_on=D(2026, 8, 9))
        shown, total = _shown(conn, D(2026, 8, 15), 4)
        assert total == 5
        # All three late ones, then the nearest on time (08-10: 5 days, as
        # 08-20 is, which comes later in the list: same project, later date).
        assert [(r.project_external_id, r.planned_on) for r in shown.itertuples()] == [
            ("P1", D(2026, 6, 10)),
            ("P1", D(2026, 7, 31)),
            ("P1", D(2026, 8, 10)),
            ("P3", D(2026, 8, 1)),
        ]
        assert shown["client_name"].tolist() == ["Acme"] * 3 + ["Corp"]
        shown, total = _shown(conn, D(2026, 8, 15), 2)
        assert shown["planned_on"].tolist() == [D(2026, 7, 31), D(2026, 8, 1)]
        # Open and planned on t itself: not late, so after the three late ones.
        p3 = conn.execute(text("SELECT id FROM projects WHERE external_id = 'P3'"))
        add_milestone(conn, p3.scalar_one(), D(2026, 8, 15))
        shown, total = _shown(conn, D(2026, 8, 15), 3)
        assert total == 6
        assert D(2026, 8, 15) not in shown["planned_on"].tolist()


def test_the_database_picks_what_ranking_every_milestone_picks(engine):
    # Many ties: few planned dates, clients with equal names, open and done.
    rng = random.Random(7)
    with engine.begin() as conn:
        clients = [
            add_client(conn, f"K{n}", name=rng.choice(["Zed", "acme", "Acme", "Ärzte"]))
            for n in range(6)
        ]
        for n in range(14):
            project = add_project(
                conn, rng.choice(clients), D(2026, 1, 1), D(2026, 12, 31), 1_000,
                external_id=f"P{n:02d}", name=rng.choice(["Build", "Run"]),
            )  # fmt: skip
            for _ in range(rng.randint(0, 6)):
                planned = D(2026, 8, 15) + dt.timedelta(days=rng.randint(-12, 12))
                done = rng.choice([None, planned, planned + dt.timedelta(days=3)])
                add_milestone(conn, project, planned, completed_on=done)
        every = project_milestones(
            conn=conn, filters=None, scope=EVERYTHING, window=WINDOW
        )
        for t in (D(2026, 8, 15), D(2026, 7, 20)):
            for count in (1, 5, 30, 500):
                shown, total = _shown(conn, t, count)
                expected = milestones_to_show(every, t, count).drop(columns="state")
                assert total == len(every)
                assert shown.to_dict("records") == expected.to_dict("records")
