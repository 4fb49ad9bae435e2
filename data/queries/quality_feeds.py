"""The newest row of each feed (invoices, meetings, …) within the filters and the
viewer's scope, on or before as_of, in one query: how long each has been quiet."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from sqlalchemy import Connection, func, select, true

from dashboard.kernel.filters import Filters
from dashboard.kernel.scope import Scope
from data.models import (
    AcquisitionSpend,
    ActionItem,
    Invoice,
    Meeting,
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
    end = local_midnight_utc(as_of + dt.timedelta(days=1), timezone)

    def newest(column, condition):
        found = select(func.max(column)).where(condition, column <= as_of)
        return found.scalar_subquery()

    columns = {
        "invoices": newest(
            Invoice.issued_on, selected_clients(Invoice.client_id, filters, scope)
        ),
        "spend": newest(
            Spend.spent_on, selected_projects(Spend.project_id, filters, scope)
        ),
        "meetings": select(func.max(Meeting.scheduled_start))
        .where(
            selected_clients(Meeting.client_id, filters, scope),
            Meeting.scheduled_start < end,
        )
        .scalar_subquery(),
        "action_items": newest(
            ActionItem.created_on,
            selected_clients(ActionItem.client_id, filters, scope),
        ),
        "surveys": newest(
            SurveyResponse.responded_on,
            selected_clients(SurveyResponse.client_id, filters, scope),
        ),
    }
    if sees_acquisition_spend(filters, scope):
        segment = filters.segment if filters is not None else None
        condition = AcquisitionSpend.segment == segment if segment else true()
        columns["acquisition_spend"] = newest(AcquisitionSpend.spent_on, condition)
    row = conn.execute(select(*(c.label(k) for k, c in columns.items()))).one()
    found = dict(row._mapping)
    started = found["meetings"]
    if isinstance(started, str):  # SQLite: MAX() of a subquery comes back as text
        started = dt.datetime.fromisoformat(started)
    if started is not None:
        local = started.replace(tzinfo=dt.UTC).astimezone(zoneinfo.ZoneInfo(timezone))
        found["meetings"] = local.date()
    return {feed: _as_date(value) for feed, value in found.items()}


def _as_date(value) -> dt.date | None:
    # SQLite returns MAX() over a date column of a scalar subquery as text.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
