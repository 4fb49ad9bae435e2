"""Reading the rollups: which month and day rows sum exactly to a set of windows.

The windows' bounds cut the timeline into pieces (see `Pieces`). A month that no
bound cuts lies wholly inside one piece and is read from its month row; a month a
bound cuts is read from its day rows. Each piece, and so each window, gets every
day it covers exactly once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import (
    Connection,
    Subquery,
    Table,
    and_,
    func,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import RollupState
from data.models.rollups import DAY, MONTH, next_month
from data.queries.buckets import Pieces
from data.queries.frames import integer_matrix
from data.queries.held import holds
from data.queries.held_rollups import key_piece_sums, piece_sums
from data.queries.selection import selected_client_ids, selected_clients


def rollup_timezone(conn: Connection) -> str | None:
    """The time zone of the rollups' meeting days; None while there are no
    rollups (a database that no write has refreshed): read the raw rows then."""
    return conn.execute(
        select(RollupState.timezone).where(RollupState.id == 1)
    ).scalar_one_or_none()


def rollups_ready(conn: Connection, wanted: bool = True) -> bool:
    """Whether to read the rollups: `wanted`, and they exist (time-zone-free
    ones; meetings also need the configured time zone, see `rollup_timezone`)."""
    return wanted and rollup_timezone(conn) is not None


def _month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Buckets:
    """The pieces of some windows, and the months their bounds cut."""

    pieces: Pieces
    cut_months: tuple[dt.date, ...]

    @classmethod
    def of(cls, windows: Sequence[Window]) -> Buckets:
        """Buckets for windows of days `[start, t]`."""
        pieces = Pieces.of([(w.start, w.end) for w in windows])
        cut = sorted({_month_of(b) for b in pieces.bounds if b.day != 1})
        return cls(pieces=pieces, cut_months=tuple(cut))

    def rows(self, table: Table, condition: ColumnElement[bool]) -> Subquery:
        """The rows of a rollup table that make up the pieces, each day once, of
        the rows `condition` selects: the uncut months' rows and the cut months'
        day rows, as two arms of a UNION ALL so that each can use its index (the
        date-first key for all clients, the client-first index for a few)."""
        day = table.c.day
        months = select(table).where(
            condition,
            table.c.grain == MONTH,
            self.pieces.within(day),
            day.not_in(self.cut_months) if self.cut_months else true(),
        )
        if not self.cut_months:
            return months.subquery()
        cut = or_(*(and_(day >= m, day < next_month(m)) for m in self.cut_months))
        days = select(table).where(
            condition, table.c.grain == DAY, self.pieces.within(day), cut
        )
        return union_all(months, days).subquery()


def summed(rows: Subquery, names: Sequence[str]) -> list[ColumnElement]:
    """SQL aggregates: Σ of each named rollup column (0 when no row)."""
    return [func.coalesce(func.sum(rows.c[name]), 0).label(name) for name in names]


def rollup_piece_sums(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    *,
    windows: Sequence[Window],
    filters: Filters | None,
    scope: Scope,
) -> list[dict[str, int | float]]:
    """Per window, the named rollup columns summed over the selected clients:
    from the rollup rows held in memory where the database is held, else in
    the database."""
    buckets = Buckets.of(windows)
    if holds(conn):
        by_piece = piece_sums(
            conn,
            table,
            names,
            pieces=buckets.pieces,
            cut_months=buckets.cut_months,
            keys=selected_client_ids(conn, filters, scope),
        )
    else:
        rows = buckets.rows(table, selected_clients(table.c.client_id, filters, scope))
        piece = buckets.pieces.piece(rows.c.day).label("piece")
        found = conn.execute(select(piece, *summed(rows, names)).group_by(piece))
        by_piece = {row.piece: row._mapping for row in found}
    return buckets.pieces.sums(by_piece, names)


def rollup_key_sums(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    *,
    key: str,
    windows: Sequence[Window],
    condition: ColumnElement[bool],
    chosen: Callable[[], np.ndarray | None],
) -> np.ndarray:
    """(key, piece, Σ each named column) rows of the pieces of the windows over
    the rows of the chosen keys (clients or projects): `condition` selects them
    in SQL, `chosen()` gives their ids (None: all) for the rollup rows held in
    memory, which are used where the database is held. A key and piece may have
    two rows (a month's and a cut month's days)."""
    buckets = Buckets.of(windows)
    if holds(conn):
        return key_piece_sums(
            conn,
            table,
            names,
            key=key,
            pieces=buckets.pieces,
            cut_months=buckets.cut_months,
            keys=chosen(),
        )
    rows = buckets.rows(table, condition)
    piece = buckets.pieces.piece(rows.c.day).label("piece")
    sums = [func.sum(rows.c[name]) for name in names]
    statement = select(rows.c[key], piece, *sums).group_by(rows.c[key], piece)
    return integer_matrix(conn, statement, 2 + len(names))


def rollup_key_totals(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    *,
    key: str,
    window: Window,
    condition: ColumnElement[bool],
    chosen: Callable[[], np.ndarray | None],
) -> pd.DataFrame:
    """Per key with rows in the window, each named column summed over it
    (`rollup_key_sums` of one window): a frame indexed by key, one int64 column
    per name."""
    found = rollup_key_sums(
        conn, table, names, key=key, windows=[window], condition=condition,
        chosen=chosen,
    )  # fmt: skip
    # A key may have two rows (its months, and the days of a cut month).
    sums = pd.DataFrame(found[:, 2:], index=found[:, 0], columns=list(names))
    return sums.groupby(level=0).sum()


def raw_piece_sums(
    conn: Connection,
    day: ColumnElement,
    client_id: ColumnElement,
    columns: Sequence[ColumnElement],
    *,
    windows: Sequence[Window],
    filters: Filters | None,
    scope: Scope,
    condition: ColumnElement[bool] | None = None,
) -> list[dict[str, int | float]]:
    """Per window, the labelled aggregates `columns` over raw rows whose `day`
    lies in the window (and that meet `condition`), in one query."""
    pieces = Pieces.of([(w.start, w.end) for w in windows])
    piece = pieces.piece(day).label("piece")
    rows = conn.execute(
        select(piece, *columns)
        .where(
            selected_clients(client_id, filters, scope),
            pieces.within(day),
            true() if condition is None else condition,
        )
        .group_by(piece)
    )
    names = [column.name for column in columns]
    return pieces.sums({row.piece: row._mapping for row in rows}, names)
