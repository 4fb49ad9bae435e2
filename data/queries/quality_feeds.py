"""The newest row of each feed (invoices, meetings, …) within the filters and the
viewer's scope, on or before as_of, in one query: how long each has been quiet."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping

from sqlalchemy import Connection, func, select, true

from dashboard.kernel.filters import Filters
from dashboard.kernel.scope import Scope
from data.models import (
    AcquisitionSpend,
    ActionItem,
    Invoice,
    Meeting,
    Project,
    Spend,
    SurveyResponse,
)
from data.queries.selection import (
    local_midnight_utc,
    selected_clients,
    selected_projects,
)


def sees_acquisition_spend(filters: Filters | None, scope: Scope) -> bool:
    """Acquisition spend belongs to no client: only a viewer who sees every client
    (internal figures included), with no client, region or owner filter."""
    if not (scope.is_everything and scope.internal):
        return False
    return filters is None or not (filters.clients or filters.region or filters.owner)


def _sources(as_of: dt.date, timezone: str) -> dict[str, tuple]:
    """Feed → (its date column, the condition "on or before as_of"). A
    meeting's date is its local start date."""
    end = local_midnight_utc(as_of + dt.timedelta(days=1), timezone)
    return {
        "invoices": (Invoice.issued_on, Invoice.issued_on <= as_of),
        "spend": (Spend.spent_on, Spend.spent_on <= as_of),
        "meetings": (Meeting.scheduled_start, Meeting.scheduled_start < end),
        "action_items": (ActionItem.created_on, ActionItem.created_on <= as_of),
        "surveys": (SurveyResponse.responded_on, SurveyResponse.responded_on <= as_of),
    }


def newest_rows(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    as_of: dt.date,
    timezone: str,
) -> dict[str, dt.date | None]:
    """Feed → the date of its newest row on or before as_of (None: no row). A
    meeting's date is its local start date; acquisition spend only for a viewer
    who may see it (`sees_acquisition_spend`)."""
    columns = {}
    for feed, (column, bound) in _sources(as_of, timezone).items():
        if feed == "spend":
            selected = selected_projects(Spend.project_id, filters, scope)
        else:
            selected = selected_clients(column.table.c.client_id, filters, scope)
        found = select(func.max(column)).where(selected, bound)
        columns[feed] = found.scalar_subquery().label(feed)
    row = conn.execute(select(*columns.values())).one()
    return newest_found(conn, row._mapping, filters, scope, as_of, timezone)


def newest_found(
    conn: Connection,
    found: Mapping[str, object],
    filters: Filters | None,
    scope: Scope,
    as_of: dt.date,
    timezone: str,
) -> dict[str, dt.date | None]:
    """Each feed's newest value (`found`, meetings as a naive UTC start) as a
    date, and acquisition spend for a viewer who may see it."""
    newest = {feed: _as_date(value) for feed, value in found.items()}
    newest["meetings"] = local_day(found["meetings"], timezone)
    if sees_acquisition_spend(filters, scope):
        newest["acquisition_spend"] = newest_acquisition_spend(conn, filters, as_of)
    return newest


def newest_per_client(
    conn: Connection, as_of: dt.date, timezone: str, clients: list[int] | None
) -> dict[str, list[tuple]]:
    """Feed → (client id, its newest value on or before as_of) for each client
    (of `clients`; None: all) with one; meetings' values are naive UTC starts."""
    found = {}
    for feed, (column, bound) in _sources(as_of, timezone).items():
        if feed == "spend":
            client = Project.client_id
            statement = select(client, func.max(column)).join(
                Project, Project.id == Spend.project_id
            )
        else:
            client = column.table.c.client_id
            statement = select(client, func.max(column))
        statement = statement.where(bound).group_by(client)
        if clients is not None:
            statement = statement.where(client.in_(clients))
        found[feed] = [tuple(row) for row in conn.execute(statement)]
    return found


def newest_acquisition_spend(
    conn: Connection, filters: Filters | None, as_of: dt.date
) -> dt.date | None:
    """The newest acquisition spend on or before as_of, of the filters' segment."""
    segment = filters.segment if filters is not None else None
    condition = AcquisitionSpend.segment == segment if segment else true()
    found = select(func.max(AcquisitionSpend.spent_on)).where(
        condition, AcquisitionSpend.spent_on <= as_of
    )
    return _as_date(conn.execute(found).scalar_one())


def local_day(started: object, timezone: str) -> dt.date | None:
    """The local date of a meeting start stored as naive UTC (None: none)."""
    if started is None:
        return None
    if isinstance(started, str):  # SQLite: MAX() of a subquery comes back as text
        started = dt.datetime.fromisoformat(started)
    utc = started.replace(tzinfo=dt.UTC)  # type: ignore[union-attr]
    return utc.astimezone(zoneinfo.ZoneInfo(timezone)).date()


def _as_date(value) -> dt.date | None:
    # SQLite returns MAX() over a date column of a scalar subquery as text.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
