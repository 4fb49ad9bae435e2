"""Client (logo) counts for a window, and the onboard/churn pairs behind cohorts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.held import held, holds
from data.queries.selection import client_condition, selected_client_ids

# A client never churned churns after every day.
NEVER = dt.date.max.toordinal() + 1
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
    """`client_counts` of each window, from one pass over the clients: their
    distinct (onboarded_on, churned_on) pairs, counted (where the database is
    held, every client's pair as held, each counting 1), then compared with
    every window's bounds as day numbers (a client never churned counts as
    churning after every day)."""
    if holds(conn):
        every = held_client_days(conn)
        ids = selected_client_ids(conn, filters, scope)
        chosen = slice(None) if ids is None else np.isin(every.id, ids, kind="table")
        onboarded, churned = every.onboarded[chosen], every.churned[chosen]
        clients = np.ones(len(onboarded), dtype=np.int64)
    else:
        rows = conn.execute(
            select(Client.onboarded_on, Client.churned_on, func.count())
            .where(client_condition(filters, scope))
            .group_by(Client.onboarded_on, Client.churned_on)
        ).all()
        onboarded = _day_numbers(row[0] for row in rows)
        churned = _day_numbers(row[1] for row in rows)
        clients = np.array([row[2] for row in rows], dtype=np.int64)

    def count(selected: np.ndarray) -> int:
        return int(clients[selected].sum())

    counts = []
    for window in windows:
        start, t = window.start.toordinal(), window.t.toordinal()
        at_start = (onboarded <= start) & (churned > start)
        churned_in = (churned >= start) & (churned <= t)
        counts.append(
            {
                "active_clients": count((onboarded <= t) & (churned > t)),
                "clients_at_start": count(at_start),
                "new_clients": count((onboarded >= start) & (onboarded <= t)),
                "lost_clients": count(churned_in),
                "lost_from_start": count(at_start & churned_in),
            }
        )
    return counts


@dataclass(frozen=True)
class ClientDays:
    """Every client's id (ascending), onboarding and churn days as day numbers
    (`toordinal`; NEVER while a client)."""

    id: np.ndarray
    onboarded: np.ndarray
    churned: np.ndarray


def held_client_days(conn: Connection) -> ClientDays:
    """`ClientDays` as of the connection's data version, read again after a
    write (a few ms: one row per client)."""
    return held(conn, ("client days",), _read_client_days)


def _read_client_days(conn: Connection) -> ClientDays:
    rows = conn.execute(
        select(Client.id, Client.onboarded_on, Client.churned_on).order_by(Client.id)
    ).all()
    return ClientDays(
        id=np.array([row[0] for row in rows], dtype=np.int64),
        onboarded=_day_numbers(row[1] for row in rows),
        churned=_day_numbers(row[2] for row in rows),
    )


def _day_numbers(days) -> np.ndarray:
    """Dates as `toordinal()` day numbers; None (never churned) as NEVER."""
    return np.array(
        [NEVER if day is None else day.toordinal() for day in days], dtype=np.int64
    )


def _dates(numbers: np.ndarray) -> list[dt.date | None]:
    """`_day_numbers` back to dates (NEVER to None)."""
    return [None if n == NEVER else dt.date.fromordinal(n) for n in numbers.tolist()]


def onboard_churn_pairs(
    *, conn: Connection, filters: Filters | None, scope: Scope, as_of: dt.date
) -> pd.DataFrame:
    """Clients onboarded by `as_of`, counted per (onboarded_on, churned_on) pair,
    by onboarded_on then churned_on (never churned last); where the database is
    held, from every client's held days."""
    if holds(conn):
        return _held_pairs(conn, filters, scope, as_of)
    clients = func.count().label("clients")
    rows = conn.execute(
        select(Client.onboarded_on, Client.churned_on, clients)
        .where(client_condition(filters, scope), Client.onboarded_on <= as_of)
        .group_by(Client.onboarded_on, Client.churned_on)
        .order_by(Client.onboarded_on, Client.churned_on.is_(None), Client.churned_on)
    ).all()
    return _pairs_frame(
        [row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows]
    )


def _held_pairs(
    conn: Connection, filters: Filters | None, scope: Scope, as_of: dt.date
) -> pd.DataFrame:
    every = held_client_days(conn)
    ids = selected_client_ids(conn, filters, scope)
    chosen = every.onboarded <= as_of.toordinal()
    if ids is not None:
        chosen &= np.isin(every.id, ids, kind="table")
    pairs = np.stack([every.onboarded[chosen], every.churned[chosen]], axis=1)
    found, clients = np.unique(pairs, axis=0, return_counts=True)  # sorted
    return _pairs_frame(_dates(found[:, 0]), _dates(found[:, 1]), clients.tolist())


def _pairs_frame(onboarded: list, churned: list, clients: list) -> pd.DataFrame:
    # Plain values: pandas probing SQLAlchemy Row objects is many times slower.
    return pd.DataFrame(
        {
            "onboarded_on": pd.Series(onboarded, dtype=object),
            "churned_on": pd.Series(churned, dtype=object),
            "clients": pd.Series(clients, dtype="int64"),
        }
    )
