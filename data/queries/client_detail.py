"""One client's page: profile, meetings, open action items, project spend by day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import pandas as pd
from sqlalchemy import Connection, and_, case, func, or_, select, true

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import ActionItem, Client, Meeting, Project, Spend
from data.queries.frames import plain_rows
from data.queries.selection import (
    client_condition,
    local_midnight_utc,
    scope_condition,
    selected_clients,
)
from data.queries.visibility import client_facing_items_condition

PROFILE_COLUMNS = (
    "external_id",
    "name",
    "segment",
    "industry",
    "region",
    "owner",
    "onboarded_on",
    "churned_on",
    "churn_reason",
)
MEETING_COLUMNS = [
    "external_id",
    "kind",
    "scheduled_start",
    "status",
    "planned_minutes",
    "actual_minutes",
    "objectives_set",
    "objectives_met",
]
OPEN_ITEM_COLUMNS = [
    "external_id",
    "title",
    "owner",
    "created_on",
    "due_on",
    "meeting_kind",
    "meeting_start",
    "client_external_id",
    "client_name",
]
SPEND_COLUMNS = ["project_external_id", "spent_on", "amount_cents"]


def client_profile(
    *, conn: Connection, external_id: str, scope: Scope
) -> dict[str, object] | None:
    """The client's own columns, or None when it is unknown or outside the scope."""
    row = conn.execute(
        select(*(getattr(Client, column) for column in PROFILE_COLUMNS)).where(
            Client.external_id == external_id, scope_condition(scope)
        )
    ).first()
    return None if row is None else dict(row._mapping)


def client_meetings(
    *,
    conn: Connection,
    filters: Filters,
    scope: Scope,
    window: Window,
    timezone: str,
) -> pd.DataFrame:
    """Meetings of the selected clients whose local start date is in the window,
    oldest first; `scheduled_start` stays naive UTC."""
    rows = conn.execute(
        select(*(getattr(Meeting, column) for column in MEETING_COLUMNS))
        .where(
            selected_clients(Meeting.client_id, filters, scope),
            Meeting.scheduled_start >= local_midnight_utc(window.start, timezone),
            Meeting.scheduled_start < local_midnight_utc(window.end, timezone),
        )
        .order_by(Meeting.scheduled_start, Meeting.external_id)
    ).all()
    return pd.DataFrame(plain_rows(rows), columns=MEETING_COLUMNS)


def open_action_items(
    *, conn: Connection, filters: Filters, scope: Scope, as_of: dt.date
) -> pd.DataFrame:
    """Items of the selected clients created by as_of and not completed by it
    (`completed_on` empty or later), with their meeting's kind and start (None
    without a meeting) and their client's external id and name; only the shared
    ones for a client-facing scope.

    Recent commitments come first: items not yet due (soonest due first), then the
    overdue ones, most recently due first, so last week's items are not buried
    under ones a year late."""
    not_yet_due = ActionItem.due_on >= as_of
    rows = conn.execute(
        select(
            ActionItem.external_id,
            ActionItem.title,
            ActionItem.owner,
            ActionItem.created_on,
            ActionItem.due_on,
            Meeting.kind,
            Meeting.scheduled_start,
            Client.external_id,
            Client.name,
        )
        .join(Client, Client.id == ActionItem.client_id)
        .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(
            selected_clients(ActionItem.client_id, filters, scope),
            ActionItem.created_on <= as_of,
            or_(ActionItem.completed_on.is_(None), ActionItem.completed_on > as_of),
            client_facing_items_condition(scope),
        )
        .order_by(
            case((not_yet_due, 0), else_=1),
            case((not_yet_due, ActionItem.due_on)),
            ActionItem.due_on.desc(),
            ActionItem.external_id,
        )
    ).all()
    frame = pd.DataFrame(plain_rows(rows), columns=OPEN_ITEM_COLUMNS).astype(object)
    return frame.where(frame.notna(), None)


def project_spend_by_day(
    *, conn: Connection, filters: Filters, scope: Scope, window: Window
) -> pd.DataFrame:
    """Spend per project and day (cents) up to `window.t`, for the selected clients'
    projects that overlap the window; ordered by project, then day."""
    projects = (
        select(Project.id)
        .join(Client, Client.id == Project.client_id)
        .where(
            client_condition(filters, scope),
            and_(Project.start_on <= window.t, Project.end_on >= window.start),
        )
    )
    rows = conn.execute(
        select(
            Project.external_id,
            Spend.spent_on,
            func.sum(Spend.amount_cents).label("amount_cents"),
        )
        .join(Project, Project.id == Spend.project_id)
        .where(Spend.project_id.in_(projects), Spend.spent_on <= window.t)
        .group_by(Project.external_id, Spend.spent_on)
        .order_by(Project.external_id, Spend.spent_on)
    ).all()
    frame = pd.DataFrame(plain_rows(rows), columns=SPEND_COLUMNS)
    return frame.astype({"amount_cents": "int64"})


def last_held_reviews(
    *,
    conn: Connection,
    filters: Filters,
    scope: Scope,
    as_of: dt.date,
    kinds,
    among: Collection[str] | None = None,
) -> dict[str, dt.datetime]:
    """Client external id → the start (UTC) of its latest held meeting of one of
    `kinds` that started by the end of as_of (clients without one left out);
    `among`: only the selected clients with these external ids."""
    end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    if among is not None and not among:
        return {}
    # Per client, its meetings walked back from the end to the first review
    # (the index is by client and start): a grouped max read every meeting of
    # each client, ten times as long for the two hundred of the overdue list.
    latest = (
        select(Meeting.scheduled_start)
        .where(
            Meeting.client_id == Client.id,
            Meeting.scheduled_start < end,
            Meeting.status == "held",
            Meeting.kind.in_(tuple(kinds)),
        )
        .order_by(Meeting.scheduled_start.desc())
        .limit(1)
        .correlate(Client)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(Client.external_id, latest).where(
            selected_clients(Client.id, filters, scope),
            true() if among is None else Client.external_id.in_(sorted(among)),
        )
    ).all()
    return {external_id: start for external_id, start in rows if start is not None}
