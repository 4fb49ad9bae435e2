"""Clients lost in a window: counts per churn reason, and the clients themselves."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, and_, func, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.frames import plain_rows
from data.queries.selection import client_condition

CHURNED_COLUMNS = ["external_id", "name", "segment", "churn_reason", "churned_on"]


def _churned_in(window: Window) -> ColumnElement[bool]:
    return and_(Client.churned_on >= window.start, Client.churned_on <= window.t)


def churn_by_reason(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Clients with `churned_on` in the window per (churn_reason, segment).

    Columns `churn_reason` (None when not given), `segment`, `clients`; most
    clients first.
    """
    clients = func.count().label("clients")
    rows = conn.execute(
        select(Client.churn_reason, Client.segment, clients)
        .where(client_condition(filters, scope), _churned_in(window))
        .group_by(Client.churn_reason, Client.segment)
        .order_by(clients.desc(), Client.churn_reason, Client.segment)
    ).all()
    frame = pd.DataFrame(
        plain_rows(rows), columns=["churn_reason", "segment", "clients"]
    )
    frame["clients"] = frame["clients"].astype("int64")
    return frame.astype({"churn_reason": object}).where(frame.notna(), None)


def churned_clients(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """One row per client with `churned_on` in the window, by segment and date."""
    rows = conn.execute(
        select(
            Client.external_id,
            Client.name,
            Client.segment,
            Client.churn_reason,
            Client.churned_on,
        )
        .where(client_condition(filters, scope), _churned_in(window))
        .order_by(Client.segment, Client.churned_on, Client.external_id)
    ).all()
    frame = pd.DataFrame(plain_rows(rows), columns=CHURNED_COLUMNS)
    return frame.astype({"churn_reason": object}).where(frame.notna(), None)
