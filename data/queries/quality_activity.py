"""Data-quality checks of meetings and action items: held meetings without
client attendees or objectives, action items long overdue or without an owner."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, exists, func, or_, select

from data.models import ActionItem, Attendee, Client, Meeting
from data.queries.quality_base import (
    YEAR_DAYS,
    CheckDates,
    client_columns,
    clients_of,
)

# Owners that name nobody: an action item with one of these has no owner.
PLACEHOLDER_OWNERS = ("", "-", "?", "n/a", "na", "none", "tbd", "tba", "unknown")


def _held_meetings(filters, scope, dates: CheckDates, *conditions) -> Select:
    start, end = dates.meeting_bounds()
    return (
        select(
            Meeting.external_id.label("meeting_external_id"),
            *client_columns(),
            Meeting.kind,
            Meeting.scheduled_start.label("scheduled_start_utc"),
        )
        .join(Client, Client.id == Meeting.client_id)
        .where(
            clients_of(filters, scope),
            Meeting.status == "held",
            Meeting.scheduled_start >= start,
            Meeting.scheduled_start < end,
            *conditions,
        )
        .order_by(Meeting.scheduled_start, Meeting.external_id)
    )


def meetings_without_attendees(filters, scope, dates: CheckDates) -> Select:
    """Meetings held in the last 12 months with no client-side attendee."""
    return _held_meetings(
        filters,
        scope,
        dates,
        ~exists().where(Attendee.meeting_id == Meeting.id, Attendee.side == "client"),
    )


def meetings_without_objectives(filters, scope, dates: CheckDates) -> Select:
    """Meetings held in the last 12 months with no objectives set (empty or 0)."""
    return _held_meetings(
        filters,
        scope,
        dates,
        or_(Meeting.objectives_set.is_(None), Meeting.objectives_set == 0),
    )


def _open_items(filters, scope, *conditions) -> Select:
    return (
        select(
            ActionItem.external_id.label("action_item_external_id"),
            *client_columns(),
            ActionItem.title,
            ActionItem.owner,
            ActionItem.due_on,
        )
        .join(Client, Client.id == ActionItem.client_id)
        .where(
            clients_of(filters, scope), ActionItem.completed_on.is_(None), *conditions
        )
        .order_by(ActionItem.due_on, ActionItem.external_id)
    )


def old_open_action_items(filters, scope, dates: CheckDates) -> Select:
    """Items due more than 365 days before as_of and still open."""
    cutoff = dates.as_of - dt.timedelta(days=YEAR_DAYS)
    return _open_items(filters, scope, ActionItem.due_on < cutoff)


def action_items_without_owner(filters, scope, dates: CheckDates) -> Select:
    """Open items whose owner is empty or a placeholder."""
    return _open_items(
        filters, scope, func.lower(func.trim(ActionItem.owner)).in_(PLACEHOLDER_OWNERS)
    )
