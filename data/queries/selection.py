"""The one place where filters and scope become SQL: which clients a query may count."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import numpy as np
from sqlalchemy import Connection, and_, select, true
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.scope import Scope
from data.models import Client, Project


def _scope_conditions(scope: Scope) -> list[ColumnElement[bool]]:
    conditions = []
    if scope.client_ids is not None:
        conditions.append(Client.external_id.in_(sorted(scope.client_ids)))
    if scope.owner is not None:
        conditions.append(Client.owner == scope.owner)
    return conditions


def _client_conditions(
    filters: Filters | None, scope: Scope
) -> list[ColumnElement[bool]]:
    conditions = _scope_conditions(scope)
    if filters is not None:
        if filters.clients:
            conditions.append(Client.external_id.in_(filters.clients))
        if filters.segment is not None:
            conditions.append(Client.segment == filters.segment)
        if filters.region is not None:
            conditions.append(Client.region == filters.region)
        if filters.owner is not None:
            conditions.append(Client.owner == filters.owner)
    return conditions


def _all_of(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    # `true()` disappears from any AND it joins: no restriction, no SQL.
    return and_(*conditions) if conditions else true()


def scope_condition(scope: Scope) -> ColumnElement[bool]:
    """SQL condition on `clients` for what the viewer may see."""
    return _all_of(_scope_conditions(scope))


def client_condition(filters: Filters | None, scope: Scope) -> ColumnElement[bool]:
    """SQL condition on `clients`: the scope, then the filters' client criteria."""
    return _all_of(_client_conditions(filters, scope))


def selected_clients(
    client_id: ColumnElement, filters: Filters | None, scope: Scope
) -> ColumnElement[bool]:
    """SQL condition on a table's `client_id` column: the client is selected.

    Nothing to restrict (no filter, a scope that sees everything) gives no
    condition at all, not `client_id IN (SELECT id FROM clients)`, which the
    database would run as one index seek per client.
    """
    conditions = _client_conditions(filters, scope)
    if not conditions:
        return true()
    return client_id.in_(select(Client.id).where(*conditions))


def selected_client_ids(
    conn: Connection, filters: Filters | None, scope: Scope
) -> np.ndarray | None:
    """The ids of the selected clients, sorted; None when nothing is restricted
    (every client, even one added after this call)."""
    conditions = _client_conditions(filters, scope)
    if not conditions:
        return None
    result = conn.execute(select(Client.id).where(*conditions).order_by(Client.id))
    return np.asarray(result.scalars().all(), dtype="int64")


def selected_projects(
    project_id: ColumnElement, filters: Filters | None, scope: Scope
) -> ColumnElement[bool]:
    """SQL condition on a table's `project_id` column: the project belongs to a
    selected client (no condition at all when nothing is restricted)."""
    conditions = _client_conditions(filters, scope)
    if not conditions:
        return true()
    clients = select(Client.id).where(*conditions)
    return project_id.in_(select(Project.id).where(Project.client_id.in_(clients)))


def local_midnight_utc(day: dt.date, timezone: str) -> dt.datetime:
    """Naive UTC datetime of local midnight starting `day` (meeting bounds)."""
    local = dt.datetime.combine(day, dt.time(), tzinfo=zoneinfo.ZoneInfo(timezone))
    return local.astimezone(dt.UTC).replace(tzinfo=None)
