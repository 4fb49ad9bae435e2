"""Client (logo) counts for a window, and the onboard/churn pairs behind cohorts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.selection import client_condition

COUNT_NAMES = (
    "active_clients",
    "clients_at_start",
    "new_clients",
    "lost_clients",
    "lost_from_start",
)


def active_on(day: dt.date) -> ColumnElement[bool]:
    """SQL: the client is active on `day` (onboarded, and not yet churned)."""
    return and_(
        Client.onboarded_on <= day,
        or_(Client.churned_on.is_(None), Client.churned_on > day),
    )


def _count_where(condition: ColumnElement[bool]):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _count_columns(window: Window) -> dict[str, ColumnElement]:
    start, t = window.start, window.t
    churned_in = and_(Client.churned_on >= start, Client.churned_on <= t)
    return {
        "active_clients": _count_where(active_on(t)),
        "clients_at_start": _count_where(active_on(start)),
        "new_clients": _count_where(
            and_(Client.onboarded_on >= start, Client.onboarded_on <= t)
        ),
        "lost_clients": _count_where(churned_in),
        "lost_from_start": _count_where(and_(active_on(start), churned_in)),
    }


def client_counts(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> dict[str, int]:
    """Logo counts for `[window.start, window.t]`, in one pass over the clients.

    `active_clients` (active on t), `clients_at_start` (S, active on start),
    `new_clients` (onboarded in the window), `lost_clients` (churned in the window,
    new ones included) and `lost_from_start` (L_S: of S, churned in the window).
    """
    return client_counts_many(
        conn=conn, filters=filters, scope=scope, windows=[window]
    )[0]


def client_counts_many(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
) -> list[dict[str, int]]:
    """`client_counts` of each window, in one pass over the clients."""
    columns = [
        expression.label(f"w{index}_{name}")
        for index, window in enumerate(windows)
        for name, expression in _count_columns(window).items()
    ]
    row = conn.execute(select(*columns).where(client_condition(filters, scope))).one()
    values = row._mapping
    return [
        {name: int(values[f"w{index}_{name}"]) for name in COUNT_NAMES}
        for index in range(len(windows))
    ]


def onboard_churn_pairs(
    *, conn: Connection, filters: Filters | None, scope: Scope, as_of: dt.date
) -> pd.DataFrame:
    """Clients onboarded by `as_of`, counted per (onboarded_on, churned_on) pair."""
    clients = func.count().label("clients")
    rows = conn.execute(
        select(Client.onboarded_on, Client.churned_on, clients)
        .where(client_condition(filters, scope), Client.onboarded_on <= as_of)
        .group_by(Client.onboarded_on, Client.churned_on)
        .order_by(Client.onboarded_on, Client.churned_on)
    ).all()
    # Plain values: pandas probing SQLAlchemy Row objects is many times slower.
    return pd.DataFrame(
        {
            "onboarded_on": pd.Series([row[0] for row in rows], dtype=object),
            "churned_on": pd.Series([row[1] for row in rows], dtype=object),
            "clients": pd.Series([row[2] for row in rows], dtype="int64"),
        }
    )
