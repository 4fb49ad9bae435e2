"""The rollup rows a view sums, held in memory, read once per database and data
version.

A view of all clients sums a rollup table's rows over thousands of clients (or
projects) for a dozen windows; in the database that is a grouped scan of some
hundred thousand rows per topic, on every view not yet in the result cache. Held
here as column arrays, the same sums take a few milliseconds. Held are a table's
month rows, and the day rows of the few months that windows' bounds cut (the
month of today, the same day a period earlier), read when first asked for.

Like everything held, they are read again when the data version moves
(`data.queries.held`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, Engine, Float, Table, select

from data.models.rollups import DAY, MONTH, ROLLUP_TABLES, next_month, sum_columns
from data.queries.buckets import Pieces
from data.queries.cells import cell_sums, compact, narrow, run_positions
from data.queries.held import changed_clients_read, held, hold_for
from data.version import data_version

HELD_CUT_MONTHS = 8  # per table and key: the day rows of this many months
# Up to this many keys (a book, a client), a view finds their rows by key order
# instead of testing every held row.
FEW_KEYS = 2_000


@dataclass(frozen=True)
class HeldRows:
    """Rollup rows of one grain: the key of each row (its client, or its
    project), its bucket's first day (as a numpy day), each summed column
    (int32 where every value fits, else int64; float64 for float columns) and
    its client."""

    key: np.ndarray
    day: np.ndarray
    columns: dict[str, np.ndarray]
    client: np.ndarray

    def replaced(self, clients: Sequence[int], fresh: HeldRows) -> HeldRows:
        """These rows with those of `clients` replaced by `fresh` (theirs as
        they are now)."""
        keep = ~np.isin(self.client, np.asarray(clients, dtype="int64"))
        return HeldRows(
            key=np.concatenate([self.key[keep], fresh.key]),
            day=np.concatenate([self.day[keep], fresh.day]),
            columns={
                name: np.concatenate([column[keep], fresh.columns[name]])
                for name, column in self.columns.items()
            },
            client=np.concatenate([self.client[keep], fresh.client]),
        )

    def chosen(
        self, pieces: Pieces, skipped: Sequence, keys: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The rows within the pieces, of the selected `keys` (None: all), not
        in a `skipped` month, in the rows' order (a boolean mask, or for a few
        keys their positions), and the piece of each chosen row."""
        bounds = np.array(pieces.bounds, dtype="datetime64[D]")
        if keys is not None and len(keys) <= FEW_KEYS:
            rows = self.rows_of(keys)
            day = self.day[rows]
            inside = (day >= bounds[0]) & (day < bounds[-1])
            if skipped:
                inside &= ~np.isin(day, np.array(skipped, dtype="datetime64[D]"))
            rows = rows[inside]
            piece = np.searchsorted(bounds, self.day[rows], side="right") - 1
            return rows, piece
        mask = (self.day >= bounds[0]) & (self.day < bounds[-1])
        if skipped:
            mask &= ~np.isin(self.day, np.array(skipped, dtype="datetime64[D]"))
        if keys is not None:
            mask &= np.isin(self.key, keys, kind="table")  # ids: a lookup table
        piece = np.searchsorted(bounds, self.day[mask], side="right") - 1
        return mask, piece

    def rows_of(self, keys: np.ndarray) -> np.ndarray:
        """The positions of the rows of these keys, ascending (so that they are
        summed in the order a mask would sum them)."""
        order, ordered = self.by_key
        wanted = np.unique(np.asarray(keys, dtype=ordered.dtype))
        low = np.searchsorted(ordered, wanted, side="left")
        lengths = np.searchsorted(ordered, wanted, side="right") - low
        # Each key's run of positions in key order, one after the other.
        return np.sort(order[run_positions(low, lengths)])

    @functools.cached_property
    def by_key(self) -> tuple[np.ndarray, np.ndarray]:
        """The rows' positions in key order and their keys in that order (made
        once, when first asked: at start for the month rows)."""
        order = np.argsort(self.key, kind="stable").astype("int32")
        return order, self.key[order].astype("int32")

    def piece_sums(
        self,
        pieces: Pieces,
        skipped: Sequence,
        keys: np.ndarray | None,
        names: Sequence[str],
    ) -> dict[int, dict[str, int | float]]:
        """Per piece with a chosen row, each named column summed."""
        mask, piece = self.chosen(pieces, skipped, keys)
        sums = {}
        for name in names:
            column = self.columns[name]
            # Whole numbers held as int32 are summed in int64.
            kind = "float64" if column.dtype.kind == "f" else "int64"
            total = np.zeros(len(pieces.bounds) - 1, dtype=kind)
            np.add.at(total, piece, column[mask].astype(kind))  # one type: fast
            sums[name] = total
        return {
            int(k): {name: sums[name][k].item() for name in names}
            for k in np.unique(piece)
        }

    def key_piece_sums(
        self,
        pieces: Pieces,
        skipped: Sequence,
        keys: np.ndarray | None,
        names: Sequence[str],
    ) -> np.ndarray:
        """(key, piece, Σ each named column) rows, one per key and piece with a
        chosen row (whole-number columns only)."""
        mask, piece = self.chosen(pieces, skipped, keys)
        ids, row_of = compact(self.key[mask])
        present, sums = cell_sums(
            row_of,
            piece,
            (len(ids), len(pieces.bounds) - 1),
            [self.columns[name][mask] for name in names],
        )
        rows, pieces_of = np.nonzero(present)
        found = [ids[rows], pieces_of, *(total[rows, pieces_of] for total in sums)]
        return np.column_stack(found).reshape(-1, 2 + len(names))


def piece_sums(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    *,
    pieces: Pieces,
    cut_months: Sequence[dt.date],
    keys: np.ndarray | None,
) -> dict[int, dict[str, int | float]]:
    """Per piece, the named columns of the selected clients' rows summed: the
    uncut months from the month rows, the cut months from their day rows."""
    total: dict[int, dict[str, int | float]] = {}
    for rows, skipped in _parts(conn, table, "client_id", cut_months):
        for k, sums in rows.piece_sums(pieces, skipped, keys, names).items():
            held = total.setdefault(k, dict.fromkeys(names, 0))
            for name in names:
                held[name] += sums[name]
    return total


def key_piece_sums(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    *,
    key: str,
    pieces: Pieces,
    cut_months: Sequence[dt.date],
    keys: np.ndarray | None,
) -> np.ndarray:
    """(key, piece, Σ each named column) rows of the selected keys' rows: the
    uncut months from the month rows, the cut months from their day rows (a key
    and piece may have a row from each)."""
    found = [
        rows.key_piece_sums(pieces, skipped, keys, names)
        for rows, skipped in _parts(conn, table, key, cut_months)
    ]
    return np.concatenate(found)


def _parts(
    conn: Connection, table: Table, key: str, cut_months: Sequence[dt.date]
) -> list[tuple[HeldRows, Sequence[dt.date]]]:
    """The held rows that make up the pieces, each day once, with the months to
    skip in each: the month rows but the cut months, and each cut month's days."""
    version = data_version(conn)
    parts = [(held_rows(conn, table, key, None, version), cut_months)]
    parts += [(held_rows(conn, table, key, month, version), ()) for month in cut_months]
    return parts


def held_rows(
    conn: Connection,
    table: Table,
    key: str,
    month: dt.date | None,
    version: int | None = None,
) -> HeldRows:
    """A rollup table's month rows (`month` None) or the day rows of one month,
    by the `key` column, as of the connection's data version (`version`, read
    by the caller, or None to read it here): see `data.queries.held.held`.
    After a write, only the rows of the clients it refreshed are read again."""
    return held(
        conn,
        (table.name, key, month),
        lambda c: _read(c, table, key, month),
        version,
        _forget_days,
        changed_clients_read(lambda c, clients: _read(c, table, key, month, clients)),
    )


# What the views sum: each rollup table by client, the project spend by project.
HELD_KEYS = {"rollup_spend": "project_id"}


def hold_month_rows(engine: Engine) -> int:
    """Hold this database's rollups (`hold_for`) and read every rollup table's
    month rows into memory now, with their key order (a server's start, before
    it forks its workers, which then share them); the rows read."""
    hold_for(engine)
    read = 0
    with engine.connect() as conn:
        version = data_version(conn)
        for table in ROLLUP_TABLES:
            key = HELD_KEYS.get(table.name, "client_id")
            rows = held_rows(conn, table, key, None, version)
            rows.by_key  # noqa: B018 - ordered now, before the workers fork
            read += len(rows.key)
    return read


def _forget_days(kept: dict) -> None:
    """Drop the day rows of all but the most recently read HELD_CUT_MONTHS
    months of each rollup table and key."""
    days: dict[tuple, list[tuple]] = {}
    for name in kept:  # in the order they were read
        if isinstance(name, tuple) and len(name) == 3 and name[2] is not None:
            days.setdefault(name[:2], []).append(name)
    for names in days.values():
        for name in names[:-HELD_CUT_MONTHS]:
            del kept[name]


def _read(
    conn: Connection,
    table: Table,
    key: str,
    month: dt.date | None,
    clients: Sequence[int] | None = None,
) -> HeldRows:
    """The rows of the grain (of these `clients`; None: all)."""
    sums = sum_columns(table)
    names = [c.name for c in sums]
    statement = select(table.c[key], table.c.day, *sums, table.c.client_id)
    if clients is not None:
        statement = statement.where(table.c.client_id.in_(clients))
    if month is None:
        statement = statement.where(table.c.grain == MONTH)
    else:
        statement = statement.where(
            table.c.grain == DAY,
            table.c.day >= month,
            table.c.day < next_month(month),
        )
    result = conn.execute(statement)
    # Straight from the driver: building a Row per row costs more than the query.
    found = result.cursor.fetchall()
    result.close()
    values = list(zip(*found, strict=True)) or [()] * (len(names) + 3)
    columns = {
        name: (
            np.asarray(column, dtype="float64")
            if isinstance(table.c[name].type, Float)
            else narrow(column)
        )
        for name, column in zip(names, values[2:-1], strict=True)
    }
    key_values = np.asarray(values[0], dtype="int64")
    return HeldRows(
        key=key_values,
        # ISO text (SQLite) or dates (PostgreSQL) alike.
        day=np.asarray(values[1], dtype="datetime64[D]"),
        columns=columns,
        # By client already: the same array, held once.
        client=(
            key_values if key == "client_id" else np.asarray(values[-1], dtype="int64")
        ),
    )
