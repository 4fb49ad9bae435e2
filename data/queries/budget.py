"""Project budget inputs: per project BAC, spend to date and milestone weights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import (
    BigInteger,
    Connection,
    Select,
    and_,
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
    Milestone,
    Project,
    RollupSpend,
    RollupSpendCategories,
    Spend,
)
from data.queries.buckets import Pieces
from data.queries.cells import cell_sums, compact
from data.queries.frames import plain_rows
from data.queries.held import holds
from data.queries.held_projects import (
    PROJECT_FIELDS,
    Milestones,
    held_projects,
    milestone_rows,
    milestone_weights,
    project_rows,
)
from data.queries.rollups import rollup_key_sums, rollup_piece_sums
from data.queries.selection import (
    client_condition,
    selected_client_ids,
    selected_clients,
    selected_projects,
)

# Before any spend: the start of "spend up to t" windows read from the rollups.
EARLIEST = dt.date(1, 1, 1)

PROJECT_COLUMNS = [
    *PROJECT_FIELDS,
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
    (frame,) = project_inputs_many(
        conn=conn, filters=filters, scope=scope, windows=[window], rollups=rollups
    )
    return frame


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
    """`project_inputs` of each window, for all of them at once: the projects
    overlapping any window with their milestones (held in memory where the
    database is held, else two queries), and their spend summed between the
    windows' last days, then added up to each t (one query; from the spend
    rollups when `rollups` is set)."""
    found = _inputs(conn, filters, scope, windows, rollups=rollups)
    frames = []
    for index, keep in enumerate(found.kept):
        frame = found.projects.assign(
            spent_cents=found.spent[:, index],
            milestone_weight=found.milestone_weight,
            completed_weight=found.completed_weight[index],
        )
        frame = frame[keep].reset_index(drop=True)[PROJECT_COLUMNS]
        frames.append(frame.astype(PROJECT_TYPES))
    return frames


def project_input_arrays_many(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
    rollups: bool = False,
) -> list[dict[str, np.ndarray]]:
    """The numeric columns of `project_inputs_many`'s frames as arrays, one
    dict per window (`start_on`, `end_on` as numpy days): the same values,
    without building a frame per window."""
    found = _inputs(conn, filters, scope, windows, rollups=rollups)
    projects = found.projects
    columns = {
        "budget_cents": projects["budget_cents"].to_numpy(dtype="int64"),
        "start_on": found.start_on,
        "end_on": found.end_on,
        "milestone_weight": found.milestone_weight,
    }
    return [
        {
            **{name: values[keep] for name, values in columns.items()},
            "spent_cents": found.spent[keep, index],
            "completed_weight": found.completed_weight[index][keep],
        }
        for index, keep in enumerate(found.kept)
    ]


@dataclass(frozen=True)
class _Inputs:
    """The projects overlapping any of the windows, in order, with their days
    as numpy days and per project the spend up to each window's t (a column per
    window), Σ milestone weight, Σ weight completed by each t, and per window
    the mask of its projects."""

    projects: pd.DataFrame
    start_on: np.ndarray
    end_on: np.ndarray
    spent: np.ndarray
    milestone_weight: np.ndarray
    completed_weight: list[np.ndarray]
    kept: list[np.ndarray]


def _inputs(
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
    *,
    rollups: bool,
) -> _Inputs:
    span = Window(min(w.start for w in windows), max(w.t for w in windows))
    counted_ids = counted_project_ids(filters, scope, span)
    if holds(conn):
        every = held_projects(conn)
        projects, starts, ends = every.overlapping(
            selected_client_ids(conn, filters, scope), span.start, span.t
        )
        milestones = every.milestones
    else:
        counted = and_(client_condition(filters, scope), overlaps(span))
        projects = pd.DataFrame(
            plain_rows(conn.execute(project_rows().where(counted))),
            columns=PROJECT_FIELDS,
        )
        milestones = Milestones.of_rows(
            plain_rows(
                conn.execute(
                    milestone_rows().where(Milestone.project_id.in_(counted_ids))
                )
            )
        )
        starts = np.asarray(projects["start_on"], dtype="datetime64[D]")
        ends = np.asarray(projects["end_on"], dtype="datetime64[D]")
    ids = projects["project_id"].to_numpy(dtype="int64")
    days = [window.t for window in windows]
    spent = _spent_up_to(conn, counted_ids, ids, days, rollups=rollups)
    total, done = milestone_weights(ids, milestones, days)
    kept = [
        (starts <= np.datetime64(window.t, "D"))
        & (ends >= np.datetime64(window.start, "D"))
        for window in windows
    ]
    return _Inputs(projects, starts, ends, spent, total, done, kept)


def _spent_up_to(
    conn: Connection,
    counted: Select,
    project_ids: np.ndarray,
    days: Sequence,
    *,
    rollups: bool,
) -> np.ndarray:
    """Per project of `project_ids` (a row each, in order; which the SQL
    `counted` selects) and day d of `days` (a column each): Σ spend with
    `spent_on <= d` (cents; 0 for a project without spend).

    The spend up to the first day, then the spend between successive days, each a
    plain sum the covering indexes answer, added up in order (whole cents); from
    the rollups, one query for all the pieces."""
    distinct = sorted(set(days))
    if rollups:
        spans = [
            (distinct[index - 1] + dt.timedelta(days=1) if index else EARLIEST, day)
            for index, day in enumerate(distinct)
        ]
        table = RollupSpend.__table__
        found = rollup_key_sums(
            conn,
            table,
            ["amount_cents"],
            key="project_id",
            windows=[Window(low, t) for low, t in spans],
            condition=table.c.project_id.in_(counted),
            chosen=lambda: project_ids,
        )
    else:
        parts = []
        for index, day in enumerate(distinct):
            since = Spend.spent_on > distinct[index - 1] if index else true()
            rows = conn.execute(
                select(Spend.project_id, func.sum(Spend.amount_cents))
                .where(Spend.project_id.in_(counted), since, Spend.spent_on <= day)
                .group_by(Spend.project_id)
            )
            parts += [(project, index, cents) for project, cents in rows]
        found = np.array(parts, dtype="int64").reshape(-1, 3)
    # Per project and piece (a piece may have two rows), then added up in order.
    projects, row_of = compact(found[:, 0])
    _present, (sums,) = cell_sums(
        row_of, found[:, 1], (len(projects), len(distinct)), [found[:, 2]]
    )
    running = np.cumsum(sums, axis=1)
    # Each of project_ids' rows of `running`; a project without spend has 0.
    at = np.minimum(np.searchsorted(projects, project_ids), max(len(projects) - 1, 0))
    spent = np.zeros((len(project_ids), len(distinct)), dtype="int64")
    if len(projects):
        has = projects[at] == project_ids
        spent[has] = running[at[has]]
    column = {day: index for index, day in enumerate(distinct)}
    return spent[:, [column[day] for day in days]]


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
