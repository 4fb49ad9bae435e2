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
from sqlalchemy import Connection, func, select

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import ActionItem, Client, Meeting
from data.queries.action_items import (
    action_item_counts_many,
    open_overdue_on,
    selected_items,
)
from data.queries.frames import rows_frame
from data.queries.rollups import rollup_timezone

DUE_COLUMNS = ["period", "due", "completed", "on_time"]
OVERDUE_COLUMNS = ["external_id", "name", "title", "owner", "due_on"]


def due_counts_by_period(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Mapping[str, Window],
    as_of: dt.date,
    rollups: bool = True,
) -> pd.DataFrame:
    """Per period label (in the given order): items due in its window, those
    completed by as_of and those completed on or before their due date; one
    query for all the windows, over the rollups where they exist unless
    `rollups` is false."""
    if not windows:
        return pd.DataFrame(columns=DUE_COLUMNS)
    counts = action_item_counts_many(
        conn=conn,
        filters=filters,
        scope=scope,
        windows=list(windows.values()),
        as_of=as_of,
        overdue=[False] * len(windows),
        rollups=rollups and rollup_timezone(conn) is not None,
    )
    return pd.DataFrame(
        [
            (label, c["due"], c["completed"], c["on_time"])
            for label, c in zip(windows, counts, strict=True)
        ],
        columns=DUE_COLUMNS,
    )


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
    return rows_frame(rows, ["owner", "items"], {"items"})


def open_overdue_by_client(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Open overdue items on t per client, most first: external_id, name, items."""
    rows = _overdue_by(conn, filters, scope, window.t, Client.external_id, Client.name)
    return rows_frame(rows, ["external_id", "name", "items"], {"items"})


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
