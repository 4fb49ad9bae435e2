"""The spend rollups' day rows (each project's spend per day), held in memory
per data version where the database is held (a server; `data.queries.held`).

The Budget tab's burn-up adds up the daily spend of every counted project from
its first day to t: for all clients at `large`, some 350,000 day rows grouped
by day, which the database sorts on every view (about 0.1 s). Held here as
compact arrays (1.5 million rows, some 23 MB), the same sums are a mask and a
grouped add. After a write, only the rows of the clients it refreshed are read
again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, select

from data.models import RollupSpend
from data.models.rollups import DAY
from data.queries.held import changed_clients_read, held

# Rows turned into arrays at a time while reading: a few megabytes of Python
# objects at most, whatever the table's size.
CHUNK = 100_000
EPOCH = np.datetime64("1970-01-01", "D")
# Below this, sums of whole numbers are exact in doubles.
EXACT = 2**53


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01, as the held rows' `day`."""
    return int((np.datetime64(day, "D") - EPOCH).astype("int64"))


@dataclass(frozen=True)
class DailySpend:
    """Day rows of the spend rollups: project, client, day (days since
    1970-01-01) and cents; whole numbers, in no particular order."""

    project: np.ndarray
    client: np.ndarray
    day: np.ndarray
    cents: np.ndarray

    def replaced(self, clients: Sequence[int], fresh: DailySpend) -> DailySpend:
        """These rows with those of `clients` replaced by `fresh` (theirs as
        they are now)."""
        keep = ~np.isin(self.client, np.asarray(clients, dtype="int64"))
        return DailySpend(
            *(
                np.concatenate([mine[keep], theirs])
                for mine, theirs in (
                    (self.project, fresh.project),
                    (self.client, fresh.client),
                    (self.day, fresh.day),
                    (self.cents, fresh.cents),
                )
            )
        )

    def per_day(
        self, project_ids: np.ndarray, t: dt.date
    ) -> tuple[np.ndarray, np.ndarray]:
        """The days up to t on which these projects spent (ascending, numpy
        days) and Σ cents of each (int64, exact)."""
        ids = np.asarray(project_ids, dtype="int64")
        chosen = np.isin(self.project, ids, kind="table")
        chosen &= self.day <= day_number(t)
        day, cents = self.day[chosen], self.cents[chosen]
        if not len(day):
            return EPOCH + day.astype("timedelta64[D]"), cents
        first = int(day.min())
        if int(np.abs(cents).sum()) < EXACT:
            # Whole numbers whose every partial sum is below 2**53 add up
            # exactly as doubles: counted per day without sorting.
            found = np.bincount(day - first, weights=cents).astype("int64")
            spent = np.bincount(day - first) > 0
        else:
            found = np.zeros(int(day.max()) - first + 1, dtype="int64")
            np.add.at(found, day - first, cents)
            spent = np.zeros(len(found), dtype=bool)
            spent[day - first] = True
        days = np.flatnonzero(spent) + first
        return EPOCH + days.astype("timedelta64[D]"), found[spent]


def held_daily_spend(conn: Connection) -> DailySpend:
    """Every day row of the spend rollups, as of the connection's data version
    (see the module's text)."""
    return held(conn, ("daily spend",), _read, update=changed_clients_read(_read))


def _read(conn: Connection, clients: Sequence[int] | None = None) -> DailySpend:
    """The day rows (of these `clients`; None: all), a chunk at a time."""
    table = RollupSpend.__table__
    statement = select(
        table.c.project_id, table.c.client_id, table.c.day, table.c.amount_cents
    ).where(table.c.grain == DAY)
    if clients is not None:
        statement = statement.where(table.c.client_id.in_(clients))
    result = conn.execute(statement)
    parts: list[tuple[np.ndarray, ...]] = []
    try:
        # Straight from the driver: building a Row per row costs more than the
        # query.
        while rows := result.cursor.fetchmany(CHUNK):
            # ISO text (SQLite) or dates (PostgreSQL) alike.
            days = np.asarray([row[2] for row in rows], dtype="datetime64[D]")
            parts.append(
                (
                    np.fromiter((row[0] for row in rows), "int32", len(rows)),
                    np.fromiter((row[1] for row in rows), "int32", len(rows)),
                    (days - EPOCH).astype("int32"),
                    np.fromiter((row[3] for row in rows), "int64", len(rows)),
                )
            )
    finally:
        result.close()
    if not parts:
        return DailySpend(
            *(np.zeros(0, dtype=kind) for kind in ("int32",) * 3 + ("int64",))
        )
    return DailySpend(*(np.concatenate(column) for column in zip(*parts, strict=True)))
