"""Action item drill-down: due/completed/on-time per period, and what is overdue.

Counts use the same SQL conditions as the action item metrics (items due in the
window; completed by as_of; completed on or before their due date; open overdue on
t), so the bars and the cards cannot disagree. A client-facing scope counts and
lists only the items shared with the client, as the cards do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Connection, func, literal, select, union_all

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import ActionItem, Client, Meeting
from data.queries.action_items import (
    due_in_window,
    due_item_columns,
    open_overdue_on,
    selected_items,
)

DUE_COLUMNS = ["period", "due", "completed", "on_time"]
OVERDUE_COLUMNS = ["external_id", "name", "title", "owner", "due_on"]


def due_counts_by_period(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Mapping[str, Window],
    as_of: dt.date,
) -> pd.DataFrame:
    """Per period label (in the given order): items due in its window, those
    completed by as_of and those completed on or before their due date."""
    if not windows:
        return pd.DataFrame(columns=DUE_COLUMNS)
    selected = selected_items(filters, scope)
    parts = [
        select(literal(label).label("period"), *due_item_columns(as_of)).where(
            selected, due_in_window(window)
        )
        for label, window in windows.items()
    ]
    rows = {row.period: row for row in conn.execute(union_all(*parts)).all()}
    frame = pd.DataFrame(
        [
            (
                label,
                int(rows[label].due),
                int(rows[label].completed),
                int(rows[label].on_time),
            )
            for label in windows
        ],
        columns=DUE_COLUMNS,
    )
    return frame


def _overdue_by(
    conn: Connection, filters: Filters | None, scope: Scope, t: dt.date, *columns
) -> list:
    selected = selected_items(filters, scope)
    count = func.count().label("items")
    return conn.execute(
        select(*columns, count)
        .select_from(ActionItem)
        .join(Client, Client.id == ActionItem.client_id)
        .where(selected, open_overdue_on(t))
        .group_by(*columns)
        .order_by(count.desc(), *columns)
    ).all()


def open_overdue_by_owner(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Open overdue items on t per item owner, most first: owner, items."""
    rows = _overdue_by(conn, filters, scope, window.t, ActionItem.owner)
    return pd.DataFrame(rows, columns=["owner", "items"]).astype({"items": "int64"})


def open_overdue_by_client(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Open overdue items on t per client, most first: external_id, name, items."""
    rows = _overdue_by(conn, filters, scope, window.t, Client.external_id, Client.name)
    frame = pd.DataFrame(rows, columns=["external_id", "name", "items"])
    return frame.astype({"items": "int64"})


def overdue_items(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    limit: int = 200,
    with_origin: bool = False,
) -> tuple[pd.DataFrame, int]:
    """The open overdue items on t, most overdue first (at most `limit`), and how
    many there are in all. Columns: external_id, name (client), title, owner,
    due_on, days_overdue (t − due_on); `with_origin`: also created_on and
    meeting_start (the start of the item's meeting, None without one)."""
    t = window.t
    condition = (
        selected_items(filters, scope),
        open_overdue_on(t),
    )
    total = conn.execute(
        select(func.count()).select_from(ActionItem).where(*condition)
    ).scalar_one()
    origin = [ActionItem.created_on, Meeting.scheduled_start] if with_origin else []
    rows = conn.execute(
        select(
            Client.external_id,
            Client.name,
            ActionItem.title,
            ActionItem.owner,
            ActionItem.due_on,
            *origin,
        )
        .join(Client, Client.id == ActionItem.client_id)
        .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(*condition)
        .order_by(ActionItem.due_on, Client.name, ActionItem.title, ActionItem.id)
        .limit(limit)
    ).all()
    columns = OVERDUE_COLUMNS + (["created_on", "meeting_start"] if with_origin else [])
    frame = pd.DataFrame(rows, columns=columns)
    frame["days_overdue"] = pd.Series(
        [(t - due).days for due in frame["due_on"]], index=frame.index, dtype="int64"
    )
    return frame, int(total)
