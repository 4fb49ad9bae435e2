"""The one place where filters and scope become SQL: which clients a query may count."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sqlalchemy import Select, and_, select, true
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.scope import Scope
from data.models import Client


def scope_condition(scope: Scope) -> ColumnElement[bool]:
    """SQL condition on `clients` for what the viewer may see."""
    conditions = []
    if scope.client_ids is not None:
        conditions.append(Client.external_id.in_(sorted(scope.client_ids)))
    if scope.owner is not None:
        conditions.append(Client.owner == scope.owner)
    return and_(true(), *conditions)


def client_condition(filters: Filters | None, scope: Scope) -> ColumnElement[bool]:
    """SQL condition on `clients`: the scope, then the filters' client criteria."""
    conditions = [scope_condition(scope)]
    if filters is not None:
        if filters.clients:
            conditions.append(Client.external_id.in_(filters.clients))
        if filters.segment is not None:
            conditions.append(Client.segment == filters.segment)
        if filters.region is not None:
            conditions.append(Client.region == filters.region)
        if filters.owner is not None:
            conditions.append(Client.owner == filters.owner)
    return and_(*conditions)


def selected_client_ids(filters: Filters | None, scope: Scope) -> Select:
    """A subquery of `clients.id` for the filters within the scope."""
    return select(Client.id).where(client_condition(filters, scope))


def local_midnight_utc(day: dt.date, timezone: str) -> dt.datetime:
    """Naive UTC datetime of local midnight starting `day` (meeting bounds)."""
    local = dt.datetime.combine(day, dt.time(), tzinfo=zoneinfo.ZoneInfo(timezone))
    return local.astimezone(dt.UTC).replace(tzinfo=None)
