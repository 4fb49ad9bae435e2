"""The spend rollups' day rows, held in memory per data version where the
database is held (a server; `data.queries.held`).

The Budget tab's burn-up adds up the daily spend of the counted projects from
their first day to t: for all clients some 350,000 day rows, which the database
groups by day by sorting them (about 100–200 ms of SQLite on every Budget tab not
yet in the result cache). Held here, by project, in compact columns (a day
number in 32 bits, cents in 32 bits when every value fits), the same sums take a
few milliseconds: one and a half million day rows in about 12 MB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, Engine, literal, select

from data.models import RollupSpend
from data.models.rollups import DAY
from data.queries.cells import narrow, run_positions
from data.queries.day_numbers import days_from
from data.queries.held import changed_clients_read, held, hold_for

EPOCH_DAY = dt.date(1970, 1, 1)
EPOCH = np.datetime64(EPOCH_DAY, "D")
# Rows read from the driver at a time: what a start holds besides the arrays.
CHUNK_ROWS = 100_000


@dataclass(frozen=True)
class SpendDays:
    """Day rows of the project spend rollup by project: the projects (ascending),
    the client of each, where each project's rows start (`offsets`, one more
    than the projects), and per row its day (days since 1970-01-01, ascending
    within a project) and cents."""

    project: np.ndarray
    client: np.ndarray
    offsets: np.ndarray
    day: np.ndarray
    cents: np.ndarray

    @classmethod
    def of_columns(
        cls, project: np.ndarray, client: np.ndarray, day: np.ndarray, cents
    ) -> SpendDays:
        """From row columns ordered by project, then day."""
        starts = np.flatnonzero(np.r_[True, project[1:] != project[:-1]])
        if not len(project):
            starts = np.zeros(0, dtype="int64")
        return cls(
            project=project[starts].astype("int64"),
            client=client[starts].astype("int64"),
            offsets=np.r_[starts, len(project)].astype("int64"),
            day=day.astype("int32"),
            cents=narrow(cents),
        )

    def rows_of(self, project_ids: np.ndarray) -> np.ndarray:
        """The positions of the rows of these projects (those it has)."""
        ids = np.unique(np.asarray(project_ids, dtype="int64"))
        at = np.searchsorted(self.project, ids)
        at = at[at < len(self.project)]
        at = at[np.isin(self.project[at], ids)]
        low = self.offsets[at]
        return run_positions(low, self.offsets[at + 1] - low)

    def daily(
        self, project_ids: np.ndarray, t: dt.date
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per day up to t with a row of these projects, ascending: the days
        (numpy days) and Σ cents (int64), as the database groups them."""
        rows = self.rows_of(project_ids)
        day = self.day[rows]
        keep = day <= (np.datetime64(t, "D") - EPOCH).astype("int64")
        day, cents = day[keep], self.cents[rows][keep].astype("int64")
        if not len(day):
            return np.zeros(0, dtype="datetime64[D]"), np.zeros(0, dtype="int64")
        first = int(day.min())
        offset = day - first
        present = np.bincount(offset) > 0
        sums = np.zeros(len(present), dtype="int64")
        np.add.at(sums, offset, cents)
        days = np.flatnonzero(present)
        return (days + first).astype("datetime64[D]"), sums[days]

    def replaced(self, clients: Sequence[int], fresh: SpendDays) -> SpendDays:
        """These rows with those of `clients` replaced by `fresh` (theirs as they
        are now)."""
        keep = ~np.isin(self.client, np.asarray(clients, dtype="int64"))
        parts = [(self, keep), (fresh, np.ones(len(fresh.project), dtype=bool))]
        project, client, day, cents = [], [], [], []
        for part, kept in parts:
            lengths = np.diff(part.offsets)
            rows = np.repeat(kept, lengths)
            project.append(np.repeat(part.project, lengths)[rows])
            client.append(np.repeat(part.client, lengths)[rows])
            day.append(part.day[rows])
            cents.append(part.cents[rows].astype("int64"))
        project_all, day_all = np.concatenate(project), np.concatenate(day)
        order = np.lexsort((day_all, project_all))
        return SpendDays.of_columns(
            project_all[order],
            np.concatenate(client)[order],
            day_all[order],
            np.concatenate(cents)[order],
        )


def held_spend_days(conn: Connection, version: int | None = None) -> SpendDays:
    """Every project's spend day rows as of the connection's data version; after
    a write, only the clients it refreshed are read again."""
    return held(
        conn,
        ("spend days",),
        _read,
        version,
        update=changed_clients_read(_read),
    )


def hold_spend_days(engine: Engine) -> int:
    """Hold this database's spend day rows (`hold_for`) and read them now (a
    server's start, before it forks its workers); the rows read."""
    hold_for(engine)
    with engine.connect() as conn:
        return len(held_spend_days(conn).day)


def _read(conn: Connection, clients: list[int] | None = None) -> SpendDays:
    """The day rows (of these clients; None: all), a chunk at a time."""
    table = RollupSpend.__table__
    day_number = days_from(table.c.day, literal(EPOCH_DAY, table.c.day.type))
    statement = (
        select(table.c.project_id, table.c.client_id, day_number, table.c.amount_cents)
        .where(table.c.grain == DAY)
        .order_by(table.c.project_id, table.c.day)
    )
    if clients is not None:
        statement = statement.where(table.c.client_id.in_(clients))
    result = conn.execute(statement)
    # Straight from the driver, a chunk at a time into one array: a Row per
    # row, or all the rows as tuples at once, would cost more than the arrays.
    chunks = []
    while chunk := result.cursor.fetchmany(CHUNK_ROWS):
        chunks.append(np.array(chunk, dtype="int64"))
    result.close()
    found = np.concatenate(chunks) if chunks else np.zeros((0, 4), dtype="int64")
    return SpendDays.of_columns(found[:, 0], found[:, 1], found[:, 2], found[:, 3])
