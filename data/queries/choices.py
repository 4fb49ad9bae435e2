"""Queries behind the filter bar: the clients, regions and owners that may be chosen."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, func, select

from dashboard.kernel.filters import FilterOptions
from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.selection import scope_condition


def client_choices(*, conn: Connection, scope: Scope) -> pd.DataFrame:
    """Clients the viewer may pick: external_id and name, ordered by name."""
    rows = conn.execute(
        select(
            Client.external_id, Client.name, Client.segment, Client.region, Client.owner
        )
        .where(scope_condition(scope))
        .order_by(Client.name, Client.external_id)
    ).all()
    return pd.DataFrame(
        rows, columns=["external_id", "name", "segment", "region", "owner"]
    )


def filter_options(*, conn: Connection, scope: Scope) -> FilterOptions:
    """The client ids, regions and owners that exist within the scope."""
    clients = client_choices(conn=conn, scope=scope)
    return FilterOptions(
        client_ids=frozenset(clients["external_id"]),
        regions=frozenset(clients["region"].dropna()),
        owners=frozenset(clients["owner"].dropna()),
    )


def first_data_day(*, conn: Connection, scope: Scope) -> dt.date | None:
    """The earliest onboarding day within the scope (where the quarter list starts)."""
    return conn.execute(
        select(func.min(Client.onboarded_on)).where(scope_condition(scope))
    ).scalar_one()
