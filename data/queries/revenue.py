"""Invoice sums per client for a few named windows (by issued_on, in cents)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, Connection, and_, case, cast, func, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Invoice
from data.queries.selection import selected_clients


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
