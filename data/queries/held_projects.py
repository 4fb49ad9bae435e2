"""The projects and milestones the budget figures read, held in memory per data
version where the database is held (a server; `data.queries.held`).

A view of all clients reads some ten thousand projects and their milestones for
every budget figure (the headline's nine windows, the client health, the budget
tab). Held here, choosing a view's projects is a mask over arrays. The
milestones' weights are summed by `milestone_weights` from held rows and from
rows read from the database alike, so both give the same doubles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from data.models import Client, Milestone, Project
from data.queries.frames import plain_rows
from data.queries.held import held, hold_for
from data.version import rollup_changes

# The project columns of the budget inputs, in their order.
PROJECT_FIELDS = [
    "project_id",
    "external_id",
    "name",
    "client_id",
    "client_external_id",
    "start_on",
    "end_on",
    "budget_cents",
]


@dataclass(frozen=True)
class Milestones:
    """Milestone rows: the project of each, its weight (empty counts 1) and the
    day it was completed (NaT while open); by project, then id."""

    project_id: np.ndarray
    weight: np.ndarray
    completed_on: np.ndarray

    @classmethod
    def of_rows(cls, rows: list[tuple]) -> Milestones:
        """From (project_id, weight, completed_on) rows, in their order."""
        project_id, weight, completed_on = list(zip(*rows, strict=True)) or ([],) * 3
        return cls(
            project_id=np.asarray(project_id, dtype="int64"),
            weight=np.asarray(weight, dtype="float64"),
            completed_on=_days(completed_on),
        )

    def of_projects(self, project_ids: np.ndarray) -> Milestones:
        """The rows of these projects, in the same order."""
        keep = np.isin(self.project_id, project_ids)
        return Milestones(
            self.project_id[keep], self.weight[keep], self.completed_on[keep]
        )

    def rows(self) -> list[tuple]:
        """(project_id, weight, completed_on as a day number) rows, to compare."""
        return list(
            zip(
                self.project_id.tolist(),
                self.weight.tolist(),
                self.completed_on.view("int64").tolist(),
                strict=True,
            )
        )


def milestone_rows():
    """SQL: the rows of `Milestones.of_rows`, in its order (the caller adds its
    conditions)."""
    return select(
        Milestone.project_id,
        func.coalesce(Milestone.weight, 1.0),
        Milestone.completed_on,
    ).order_by(Milestone.project_id, Milestone.id)


def milestone_weights(
    project_ids: np.ndarray, milestones: Milestones, days: list[dt.date]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Per project of `project_ids` (in its order): Σ weight of its milestones,
    and per day d of `days` Σ weight of those completed by d; NaN for a project
    without milestones. Each sum adds its project's rows in their order."""
    count = len(project_ids)
    order = np.argsort(project_ids, kind="stable")
    chosen = milestones.of_projects(project_ids)
    at = order[np.searchsorted(project_ids[order], chosen.project_id)]
    without = np.bincount(at, minlength=count) == 0

    def summed(weights: np.ndarray) -> np.ndarray:
        # bincount adds each bin's weights one after the other, in row order.
        total = np.bincount(at, weights=weights, minlength=count).astype("float64")
        total[without] = np.nan
        return total

    done = [
        summed(
            np.where(chosen.completed_on <= np.datetime64(day, "D"), chosen.weight, 0.0)
        )
        for day in days
    ]
    return summed(chosen.weight), done


@dataclass(frozen=True)
class HeldProjects:
    """Every project (`PROJECT_FIELDS`, by client then project external id, as
    the budget inputs are ordered) with its days as numpy days, and every
    milestone."""

    frame: pd.DataFrame
    client_id: np.ndarray
    start_on: np.ndarray
    end_on: np.ndarray
    milestones: Milestones

    def overlapping(
        self, client_ids: np.ndarray | None, first: dt.date, last: dt.date
    ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """The projects of these clients (None: all) overlapping `[first, last]`,
        in order, with their start and end days as numpy days."""
        keep = self.overlapping_mask(client_ids, first, last)
        return (
            self.frame[keep].reset_index(drop=True),
            self.start_on[keep],
            self.end_on[keep],
        )

    def overlapping_mask(
        self, client_ids: np.ndarray | None, first: dt.date, last: dt.date
    ) -> np.ndarray:
        """Which projects `overlapping` chooses, a boolean per project."""
        keep = (self.start_on <= np.datetime64(last, "D")) & (
            self.end_on >= np.datetime64(first, "D")
        )
        if client_ids is not None:
            keep &= np.isin(self.client_id, client_ids, kind="table")
        return keep

    def same_for(self, clients: list[int], fresh: HeldProjects) -> bool:
        """Whether `fresh` (these clients' projects and milestones as they are
        now) holds what these rows hold of them."""
        mine = self.frame[np.isin(self.client_id, clients)]
        ids = mine["project_id"].to_numpy(dtype="int64")
        return (
            list(mine.itertuples(index=False))
            == list(fresh.frame.itertuples(index=False))
            and self.milestones.of_projects(ids).rows() == fresh.milestones.rows()
        )


def project_rows():
    """SQL: the project columns of the budget inputs, ordered as they are (the
    caller adds its conditions)."""
    return (
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
        .order_by(Client.external_id, Project.external_id)
    )


def held_projects(conn: Connection, version: int | None = None) -> HeldProjects:
    """Every project and milestone as of the connection's data version.

    After writes that recorded the clients they changed (an import, a review's
    save), those clients' projects and milestones are read: when they are what
    is held (a review's save changes neither), the rest is not read again.
    After any other write, all is read again."""

    def update(c: Connection, projects: HeldProjects, since: int, until: int):
        changed = rollup_changes(c, since, until)
        if not changed:
            return None
        clients = sorted(changed)
        return projects if projects.same_for(clients, _read(c, clients)) else None

    return held(conn, ("projects",), _read, version, update=update)


def hold_projects(engine: Engine) -> int:
    """Hold this database's projects and milestones (`hold_for`) and read them
    now (a server's start); the rows read."""
    hold_for(engine)
    with engine.connect() as conn:
        projects = held_projects(conn)
    return len(projects.frame) + len(projects.milestones.project_id)


def _read(conn: Connection, clients: list[int] | None = None) -> HeldProjects:
    """Every project and milestone, or those of these clients."""
    projects, weights = project_rows(), milestone_rows()
    if clients is not None:
        projects = projects.where(Project.client_id.in_(clients))
        theirs = select(Project.id).where(Project.client_id.in_(clients))
        weights = weights.where(Milestone.project_id.in_(theirs))
    frame = pd.DataFrame(plain_rows(conn.execute(projects)), columns=PROJECT_FIELDS)
    result = conn.execute(weights)
    rows = result.cursor.fetchall()
    result.close()
    return HeldProjects(
        frame=frame,
        client_id=frame["client_id"].to_numpy(dtype="int64"),
        start_on=_days(frame["start_on"]),
        end_on=_days(frame["end_on"]),
        milestones=Milestones.of_rows(rows),
    )


def _days(values) -> np.ndarray:
    # Dates, ISO text (SQLite read straight from the driver) or None (NaT).
    return np.array(list(values), dtype="datetime64[D]").reshape(-1)
