"""Action item drill-down: due/completed/on-time per period, and what is overdue.

Counts use the same SQL conditions as the action item metrics (items due in the
window; completed by as_of; completed on or before their due date; open overdue on
t), so the bars and the cards cannot disagree. A client-facing scope counts and
lists only the items shared with the client, as the cards do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection, and_, select

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
from data.queries.held import holds
from data.queries.held_items import held_items
from data.queries.held_labels import held_client_labels
from data.queries.rollups import rollup_timezone
from data.queries.selection import selected_client_ids

DUE_COLUMNS = ["period", "due", "completed", "on_time"]
OVERDUE_COLUMNS = ["external_id", "name", "title", "owner", "due_on"]
MOST_IDS = 2_000  # items read by id at most (bound parameters)


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


@dataclass(frozen=True)
class OpenOverdue:
    """The open overdue items on t, counted per owner and per client, and listed."""

    by_owner: pd.DataFrame
    by_client: pd.DataFrame
    items: pd.DataFrame
    total: int


def open_overdue(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    limit: int = 200,
    with_origin: bool = False,
) -> OpenOverdue:
    """The open overdue items on t, read once: per item owner and per client,
    most first (ties by owner, by client external id, in Python's order of
    text; an empty owner first); the items most overdue first (at most `limit`)
    and how many there are in all.

    Per owner: owner, items. Per client: external_id, name, items. The items:
    external_id, name (client), title, owner, due_on, days_overdue (t − due_on);
    `with_origin`: also created_on and meeting_start (the start of the item's
    meeting, None without one)."""
    t = window.t
    if holds(conn):
        found, listed = _held_overdue(conn, filters, scope, t, limit, with_origin)
    else:
        condition = and_(selected_items(filters, scope), open_overdue_on(t))
        found = _listed(conn, condition, None, with_origin)
        listed = found.head(limit)
    items = listed.reset_index(drop=True)
    items["days_overdue"] = pd.Series(
        [(t - due).days for due in items["due_on"]], index=items.index, dtype="int64"
    )
    return OpenOverdue(
        by_owner=_most_first(found, ["owner"]),
        by_client=_most_first(found, ["external_id", "name"]),
        items=items,
        total=len(found),
    )


def _listed(
    conn: Connection, condition, limit: int | None, with_origin: bool
) -> pd.DataFrame:
    """The items `condition` selects, most overdue first (by due date, client
    name, title), at most `limit` (None: all)."""
    origin = [ActionItem.created_on, Meeting.scheduled_start] if with_origin else []
    statement = (
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
        .where(condition)
        .order_by(ActionItem.due_on, Client.name, ActionItem.title, ActionItem.id)
    )
    if limit is not None:
        statement = statement.limit(limit)
    return rows_frame(conn.execute(statement).all(), _columns(with_origin))


def _columns(with_origin: bool) -> list[str]:
    return OVERDUE_COLUMNS + (["created_on", "meeting_start"] if with_origin else [])


def _held_overdue(
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    t: dt.date,
    limit: int,
    with_origin: bool,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """From the held items: (owner, external_id, name) of every open overdue
    item on t, for the counts, and the first `limit` items listed, read from
    the database by id among those due no later than the limit-th."""
    held = held_items(conn)
    chosen = held.chosen(selected_client_ids(conn, filters, scope), scope.internal)
    labels = held_client_labels(conn)
    # The items are the viewer's clients' already: their names by position (a
    # client a write removed since the items were read is left out, as by a join).
    mask = held.overdue_on(t, chosen)
    known, at = labels.found(held.client[mask])
    mask[mask] = known
    external_ids, names = labels.external_id[at], labels.name[at]
    found = pd.DataFrame(
        {
            "owner": pd.Series(held.owner[mask], dtype=object),
            "external_id": pd.Series(external_ids, dtype=object),
            "name": pd.Series(names, dtype=object),
        }
    )
    due = np.sort(held.due[mask])
    if limit <= 0 or not len(due):
        return found, rows_frame([], _columns(with_origin))
    last = due[min(limit, len(due)) - 1]
    candidates = held.item[mask & (held.due <= last)]
    if len(candidates) > MOST_IDS:  # many due the same day: ask as without ids
        condition = and_(selected_items(filters, scope), open_overdue_on(t))
    else:
        condition = ActionItem.id.in_(candidates.tolist())
    return found, _listed(conn, condition, limit, with_origin)


def _most_first(found: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Items per distinct value of `columns`, most first, then by the values."""
    counted = (
        found.groupby(columns, dropna=False, sort=False)
        .size()
        .rename("items")
        .reset_index()
    )
    ordered = counted.sort_values(
        ["items", *columns],
        ascending=[False] + [True] * len(columns),
        na_position="first",
        kind="stable",
    )
    frame = ordered.reset_index(drop=True)
    frame["items"] = frame["items"].astype("int64")
    return frame


def open_overdue_by_owner(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Open overdue items on t per item owner, most first: owner, items."""
    query = {"conn": conn, "filters": filters, "scope": scope, "window": window}
    return open_overdue(**query, limit=0).by_owner


def open_overdue_by_client(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Open overdue items on t per client, most first: external_id, name, items."""
    query = {"conn": conn, "filters": filters, "scope": scope, "window": window}
    return open_overdue(**query, limit=0).by_client


def overdue_items(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    limit: int = 200,
    with_origin: bool = False,
) -> tuple[pd.DataFrame, int]:
    """`open_overdue`'s items and their number in all."""
    found = open_overdue(
        conn=conn,
        filters=filters,
        scope=scope,
        window=window,
        limit=limit,
        with_origin=with_origin,
    )
    return found.items, found.total
