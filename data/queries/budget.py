"""Project budget inputs: per project BAC, spend to date and milestone weights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sqlalchemy import (
    BigInteger,
    Connection,
    Select,
    and_,
    case,
    cast,
    func,
    select,
    true,
)
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import (
    Client,
    Milestone,
    Project,
    RollupSpend,
    RollupSpendCategories,
    Spend,
)
from data.queries.buckets import Pieces
from data.queries.rollups import Buckets, rollup_key_sums, rollup_piece_sums
from data.queries.selection import (
    client_condition,
    selected_clients,
    selected_projects,
)

# Before any spend: the start of "spend up to t" windows read from the rollups.
EARLIEST = dt.date(1, 1, 1)

PROJECT_COLUMNS = [
    "project_id",
    "external_id",
    "name",
    "client_id",
    "client_external_id",
    "start_on",
    "end_on",
    "budget_cents",
    "spent_cents",
    "milestone_weight",
    "completed_weight",
]
PROJECT_TYPES = {
    "project_id": "int64",
    "client_id": "int64",
    "budget_cents": "int64",
    "spent_cents": "int64",
    "milestone_weight": "float64",
    "completed_weight": "float64",
}


def overlaps(window: Window) -> ColumnElement[bool]:
    """SQL: the project overlaps the window (`start_on <= t`, `end_on >= start`)."""
    return and_(Project.start_on <= window.t, Project.end_on >= window.start)


def counted_project_ids(
    filters: Filters | None, scope: Scope, window: Window
) -> Select:
    """SQL: the ids of the projects of the selected clients that overlap the
    window (with no client restricted, from the projects alone: no join)."""
    return select(Project.id).where(
        selected_clients(Project.client_id, filters, scope), overlaps(window)
    )


def _done_by(t) -> ColumnElement[bool]:
    return and_(Milestone.completed_on.is_not(None), Milestone.completed_on <= t)


def _cents(expression) -> ColumnElement:
    return cast(func.coalesce(expression, 0), BigInteger)


def project_inputs(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    rollups: bool = False,
) -> pd.DataFrame:
    """One row per project of the selected clients that overlaps the window.

    `spent_cents` is its spend with `spent_on <= t` (AC, cents; from the spend
    rollups when `rollups` is set, else from the spend rows); `milestone_weight`
    is Σ weight of its milestones (NaN when it has none) and `completed_weight`
    Σ weight of those completed by t. Ordered by client and project external id.
    """
    t = window.t
    counted = and_(client_condition(filters, scope), overlaps(window))
    counted_ids = counted_project_ids(filters, scope, window)
    spent = _spent_by(counted_ids, t, rollups=rollups).subquery()
    weight = func.coalesce(Milestone.weight, 1.0)
    done = _done_by(t)
    weights = (
        select(
            Milestone.project_id,
            func.sum(weight).label("total"),
            func.sum(case((done, weight), else_=0.0)).label("completed"),
        )
        .where(Milestone.project_id.in_(counted_ids))
        .group_by(Milestone.project_id)
        .subquery()
    )
    rows = _plain(
        conn.execute(
            select(
                Project.id,
                Project.external_id,
                Project.name,
                Project.client_id,
                Client.external_id.label("client_external_id"),
                Project.start_on,
                Project.end_on,
                Project.budget_cents,
                _cents(spent.c.cents),
                weights.c.total,
                weights.c.completed,
            )
            .join(Client, Client.id == Project.client_id)
            .outerjoin(spent, spent.c.project_id == Project.id)
            .outerjoin(weights, weights.c.project_id == Project.id)
            .where(counted)
            .order_by(Client.external_id, Project.external_id)
        )
    )
    frame = pd.DataFrame(rows, columns=PROJECT_COLUMNS)
    return frame.astype(PROJECT_TYPES)


def spend_cents(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    rollups: bool = False,
) -> int:
    """Σ spend with `spent_on` in the window, over every project of the selected
    clients (whether or not the project's dates overlap the window), in cents;
    from the spend rollups when `rollups` is set."""
    if rollups:
        return spend_cents_many(
            conn=conn, filters=filters, scope=scope, windows=[window], rollups=True
        )[0]
    return int(
        conn.execute(
            select(_cents(func.sum(Spend.amount_cents))).where(
                selected_projects(Spend.project_id, filters, scope),
                Spend.spent_on >= window.start,
                Spend.spent_on <= window.t,
            )
        ).scalar_one()
    )


def project_inputs_many(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
    rollups: bool = False,
) -> list[pd.DataFrame]:
    """`project_inputs` of each window, from three queries for all of them: the
    projects overlapping any window, their spend summed between the windows' last
    days (then added up to each t; from the spend rollups when `rollups` is set),
    and their milestone weights done by each t."""
    first = min(window.start for window in windows)
    last = max(window.t for window in windows)
    counted = and_(client_condition(filters, scope), overlaps(Window(first, last)))
    counted_ids = counted_project_ids(filters, scope, Window(first, last))
    projects = pd.DataFrame(
        _plain(
            conn.execute(
                select(
                    Project.id,
                    Project.external_id,
                    Project.name,
                    Project.client_id,
                    Client.external_id,
                    Project.start_on,
                    Project.end_on,
                    Project.budget_cents,
                )
                .join(Client, Client.id == Project.client_id)
                .where(counted)
                .order_by(Client.external_id, Project.external_id)
            )
        ),
        columns=PROJECT_COLUMNS[:8],
    )
    spent = _spent_up_to(
        conn, counted_ids, [window.t for window in windows], rollups=rollups
    )
    weight = func.coalesce(Milestone.weight, 1.0)
    done = [
        func.sum(case((_done_by(w.t), weight), else_=0.0)).label(f"done{index}")
        for index, w in enumerate(windows)
    ]
    weights = pd.DataFrame(
        _plain(
            conn.execute(
                select(Milestone.project_id, func.sum(weight).label("total"), *done)
                .where(Milestone.project_id.in_(counted_ids))
                .group_by(Milestone.project_id)
            )
        ),
        columns=["project_id", "total", *[f"done{i}" for i in range(len(windows))]],
    ).set_index("project_id")
    ids = projects["project_id"]
    frames = []
    for index, window in enumerate(windows):
        frame = projects.copy()
        frame["spent_cents"] = ids.map(spent[index]).fillna(0).astype("int64")
        frame["milestone_weight"] = ids.map(weights["total"])
        frame["completed_weight"] = ids.map(weights[f"done{index}"])
        keep = (frame["start_on"] <= window.t) & (frame["end_on"] >= window.start)
        frame = frame[keep].reset_index(drop=True)[PROJECT_COLUMNS]
        frames.append(frame.astype(PROJECT_TYPES))
    return frames


def _plain(result) -> list[tuple]:
    # Plain tuples: pandas probing SQLAlchemy Row objects is many times slower.
    return [tuple(row) for row in result]


def _spent_by(project_ids, t: dt.date, *, rollups: bool) -> Select:
    """SQL: per project of `project_ids`, `project_id, cents` = Σ spend with
    `spent_on <= t`. From the rollups' months and the days of the month t
    cuts, or from the spend rows (the reference)."""
    window = Window(EARLIEST, t)
    if rollups:
        rows = Buckets.of([window]).rows(
            RollupSpend.__table__, RollupSpend.project_id.in_(project_ids)
        )
        project_id, cents = rows.c.project_id, rows.c.amount_cents
        condition = true()
    else:
        project_id, cents = Spend.project_id, Spend.amount_cents
        condition = and_(
            project_id.in_(project_ids),
            Spend.spent_on >= window.start,
            Spend.spent_on <= window.t,
        )
    return (
        select(project_id.label("project_id"), func.sum(cents).label("cents"))
        .where(condition)
        .group_by(project_id)
    )


def _rollup_spent_between(
    conn: Connection, project_ids: Select, spans: Sequence[tuple]
) -> np.ndarray:
    """(project, piece, cents) rows of the spend rollups for contiguous spans of
    days `[low, t]` (the pieces); a project and piece may have two rows."""
    table = RollupSpend.__table__
    return rollup_key_sums(
        conn,
        table,
        "amount_cents",
        key="project_id",
        windows=[Window(low, t) for low, t in spans],
        condition=table.c.project_id.in_(project_ids),
        chosen=lambda: np.asarray(
            conn.execute(project_ids).scalars().all(), dtype="int64"
        ),
    )


def _spent_up_to(
    conn: Connection, project_ids, days: Sequence, *, rollups: bool
) -> list[pd.Series]:
    """Per day d of `days`: Σ spend with `spent_on <= d` per project (cents;
    a project with no spend may be left out).

    The spend up to the first day, then the spend between successive days, each a
    plain sum the covering indexes answer, added up in order (whole cents); from
    the rollups, one query for all the pieces."""
    distinct = sorted(set(days))
    if rollups:
        spans = [
            (distinct[index - 1] + dt.timedelta(days=1) if index else EARLIEST, day)
            for index, day in enumerate(distinct)
        ]
        found = _rollup_spent_between(conn, project_ids, spans)
    else:
        parts = []
        for index, day in enumerate(distinct):
            since = Spend.spent_on > distinct[index - 1] if index else true()
            rows = conn.execute(
                select(Spend.project_id, func.sum(Spend.amount_cents))
                .where(Spend.project_id.in_(project_ids), since, Spend.spent_on <= day)
                .group_by(Spend.project_id)
            )
            parts += [(project, index, cents) for project, cents in rows]
        found = np.array(parts, dtype="int64").reshape(-1, 3)
    # Per project and piece (a piece may have two rows), then added up in order.
    projects, row_of = np.unique(found[:, 0], return_inverse=True)
    sums = np.zeros((len(projects), len(distinct)), dtype="int64")
    np.add.at(sums, (row_of, found[:, 1]), found[:, 2])
    running = np.cumsum(sums, axis=1)
    up_to = {
        day: pd.Series(running[:, index], index=projects)
        for index, day in enumerate(distinct)
    }
    return [up_to[day] for day in days]


def spend_cents_many(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
    rollups: bool = False,
) -> list[int]:
    """`spend_cents` of each window, from one query for all of them (over the
    spend rollups when `rollups` is set)."""
    if rollups:
        sums = rollup_piece_sums(
            conn,
            RollupSpendCategories.__table__,
            ["amount_cents"],
            windows=windows,
            filters=filters,
            scope=scope,
        )
        return [totals["amount_cents"] for totals in sums]
    pieces = Pieces.of([(w.start, w.end) for w in windows])
    piece = pieces.piece(Spend.spent_on).label("piece")
    rows = conn.execute(
        select(piece, func.sum(Spend.amount_cents).label("cents"))
        .where(
            selected_projects(Spend.project_id, filters, scope),
            pieces.within(Spend.spent_on),
        )
        .group_by(piece)
    )
    by_piece = {row.piece: row._mapping for row in rows}
    return [totals["cents"] for totals in pieces.sums(by_piece, ["cents"])]
