"""Invoice sums per client for a few named windows (by issued_on, in cents)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, Connection, and_, case, cast, func, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Invoice, RollupRevenue
from data.queries.buckets import Pieces
from data.queries.cells import cell_sums, compact
from data.queries.frames import integer_matrix
from data.queries.rollups import rollup_key_sums
from data.queries.selection import selected_client_ids, selected_clients


def cents_in(window: Window) -> ColumnElement[int]:
    """SQL aggregate: Σ amount_cents of invoices issued in the window (0 if none)."""
    in_window = and_(Invoice.issued_on >= window.start, Invoice.issued_on <= window.t)
    total = func.sum(case((in_window, Invoice.amount_cents), else_=0))
    return cast(func.coalesce(total, 0), BigInteger)


def revenue_by_client(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Mapping[str, Window],
) -> pd.DataFrame:
    """One row per client with an invoice in any window; a column of cents per window.

    Credit notes (negative amounts) are included; a client with invoices in one
    window only has 0 in the others. The index is the client id.
    """
    names = list(windows)
    if not names:
        raise ValueError("revenue_by_client needs at least one window")
    sums = [cents_in(window).label(name) for name, window in windows.items()]
    first = min(window.start for window in windows.values())
    last = max(window.t for window in windows.values())
    rows = conn.execute(
        select(Invoice.client_id, *sums)
        .where(
            selected_clients(Invoice.client_id, filters, scope),
            Invoice.issued_on >= first,
            Invoice.issued_on <= last,
        )
        .group_by(Invoice.client_id)
        .order_by(Invoice.client_id)
    ).all()
    # Plain tuples: pandas probing SQLAlchemy Row objects is many times slower.
    columns = list(zip(*rows, strict=True)) or [()] * (len(names) + 1)
    frame = pd.DataFrame(
        {
            name: np.asarray(values, dtype="int64")
            for name, values in zip(["client_id", *names], columns, strict=True)
        }
    )
    return frame.set_index("client_id")


def revenue_by_client_many(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Mapping[str, Window]],
    rollups: bool,
) -> list[pd.DataFrame]:
    """`revenue_by_client` of each mapping of named windows, in one query grouped
    by client and piece: from the rollups when `rollups` is set, else from the
    invoices. Each frame has the rows the single query would give: the clients
    with an invoice between the mapping's first and last day."""
    flat = [window for named in windows for window in named.values()]
    if rollups:
        return _frames(_rollup_sums(conn, filters, scope, flat), flat, windows)
    pieces = Pieces.of([(w.start, w.end) for w in flat])
    piece = pieces.piece(Invoice.issued_on).label("piece")
    found = integer_matrix(
        conn,
        select(Invoice.client_id, piece, func.sum(Invoice.amount_cents))
        .where(
            selected_clients(Invoice.client_id, filters, scope),
            pieces.within(Invoice.issued_on),
        )
        .group_by(Invoice.client_id, piece),
        3,
    )
    return _frames(found, flat, windows)


def _rollup_sums(
    conn: Connection, filters: Filters | None, scope: Scope, flat: Sequence[Window]
) -> np.ndarray:
    """(client, piece, cents) rows from the rollups (a client and piece may
    have two rows; `_frames` adds them up)."""
    table = RollupRevenue.__table__
    return rollup_key_sums(
        conn,
        table,
        ["amount_cents"],
        key="client_id",
        windows=flat,
        condition=selected_clients(table.c.client_id, filters, scope),
        chosen=lambda: selected_client_ids(conn, filters, scope),
    )


def _frames(
    found: np.ndarray, flat: Sequence[Window], windows: Sequence[Mapping[str, Window]]
) -> list[pd.DataFrame]:
    """Per mapping, a frame of cents per client and named window from the
    (client, piece, cents) rows of the pieces of all the windows (`flat`); a
    client and piece may have several rows."""
    pieces = Pieces.of([(w.start, w.end) for w in flat])
    ids, piece_of, cents = found.T
    clients, row_of = compact(ids)
    count = len(pieces.bounds) - 1
    present, (sums,) = cell_sums(
        row_of, piece_of, (len(clients), max(count, 0)), [cents]
    )
    frames, index = [], 0
    for named in windows:
        columns = {}
        for name in named:
            columns[name] = sums[:, pieces.pieces_of(index)].sum(axis=1)
            index += 1
        low = min(w.start for w in named.values())
        high = max(w.end for w in named.values())
        span = [k for k in range(count) if low <= pieces.bounds[k] < high]
        keep = present[:, span].any(axis=1)
        frame = pd.DataFrame(
            {name: values[keep].astype("int64") for name, values in columns.items()},
            index=pd.Index(clients[keep], name="client_id"),
        )
        frames.append(frame)
    return frames
