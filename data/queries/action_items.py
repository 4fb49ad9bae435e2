"""Action item counts: items due in a window, and items open and overdue on t."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import ActionItem, RollupActionItems
from data.queries.held import holds
from data.queries.held_items import held_items
from data.queries.rollups import raw_piece_sums, rollup_piece_sums
from data.queries.selection import selected_client_ids, selected_clients
from data.queries.visibility import client_facing_items_condition


def selected_items(filters: Filters | None, scope: Scope) -> ColumnElement[bool]:
    """SQL condition on `action_items`: the items of the selected clients that the
    viewer may see (a client-facing scope sees only the items shared with the
    client)."""
    return and_(
        selected_clients(ActionItem.client_id, filters, scope),
        client_facing_items_condition(scope),
    )


def _count_where(condition: ColumnElement[bool]) -> ColumnElement:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def due_in_window(window: Window) -> ColumnElement[bool]:
    """SQL: the item's `due_on` is in `[window.start, window.t]`."""
    return and_(ActionItem.due_on >= window.start, ActionItem.due_on <= window.t)


def due_item_columns(as_of: dt.date) -> list[ColumnElement]:
    """Aggregates over due items: `due`, `completed` (by as_of), `on_time`."""
    completed = ActionItem.completed_on
    return [
        func.count().label("due"),
        _count_where(and_(completed.is_not(None), completed <= as_of)).label(
            "completed"
        ),
        _count_where(
            and_(completed.is_not(None), completed <= ActionItem.due_on)
        ).label("on_time"),
    ]


def open_overdue_on(t: dt.date) -> ColumnElement[bool]:
    """SQL: due before t and not completed by t (empty or after t)."""
    return and_(
        ActionItem.due_on < t,
        or_(ActionItem.completed_on.is_(None), ActionItem.completed_on > t),
    )


def action_item_counts(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    as_of: dt.date,
) -> dict[str, int]:
    """Counts for the selected clients: `due`, `completed`, `on_time` (items due in
    the window) and `open_overdue` (any item due before t, still open on t).
    A client-facing scope counts only the items shared with the client."""
    selected = selected_items(filters, scope)
    due = conn.execute(
        select(*due_item_columns(as_of)).where(selected, due_in_window(window))
    ).one()
    overdue = conn.execute(
        select(func.count())
        .select_from(ActionItem)
        .where(selected, open_overdue_on(window.t))
    ).scalar_one()
    counts = {key: int(value) for key, value in due._mapping.items()}
    counts["open_overdue"] = int(overdue)
    return counts


def action_item_counts_many(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
    as_of: dt.date,
    overdue: Sequence[bool],
    rollups: bool = False,
) -> list[dict[str, int]]:
    """`action_item_counts` of each window from one query for the items due (over
    the rollups when `rollups` is set); `open_overdue` only for the windows whose
    `overdue` flag is set (one more query for all of them)."""
    if rollups:
        counts = _due_from_rollups(conn, filters, scope, windows, as_of)
    else:
        counts = raw_piece_sums(
            conn,
            ActionItem.due_on,
            ActionItem.client_id,
            due_item_columns(as_of),
            windows=windows,
            filters=filters,
            scope=scope,
            condition=client_facing_items_condition(scope),
        )
    wanted = [c for c, flag in zip(counts, overdue, strict=True) if flag]
    days = [w.t for w, flag in zip(windows, overdue, strict=True) if flag]
    for window_counts, number in zip(
        wanted, open_overdue_counts(conn, filters, scope, days), strict=True
    ):
        window_counts["open_overdue"] = number
    return counts


def open_overdue_counts(
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    days: Sequence[dt.date],
) -> list[int]:
    """The items open and overdue on each day (`open_overdue_on`): from the
    items not completed by their due date held in memory where the database is
    held, else in one pass over the items due before the last day, open after
    the first and not completed by their due date (those are never overdue)."""
    if not days:
        return []
    if holds(conn):
        items = held_items(conn)
        chosen = items.chosen(selected_client_ids(conn, filters, scope), scope.internal)
        return [int(items.overdue_on(day, chosen).sum()) for day in days]
    rows = conn.execute(
        select(*(_count_where(open_overdue_on(t)) for t in days)).where(
            selected_items(filters, scope),
            ActionItem.due_on < max(days),
            or_(
                ActionItem.completed_on.is_(None),
                and_(
                    ActionItem.completed_on > min(days),
                    ActionItem.completed_on > ActionItem.due_on,
                ),
            ),
        )
    ).one()
    return [int(number) for number in rows]


def _due_from_rollups(
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
    as_of: dt.date,
) -> list[dict[str, int]]:
    """Due, completed by as_of and on time per window, from the rollups: they
    count every completed item, so the few completed after as_of (one query on
    the completion date) are taken off again."""
    prefix = "" if scope.internal else "shared_"
    names = ("due", "completed", "on_time")
    sums = rollup_piece_sums(
        conn,
        RollupActionItems.__table__,
        [prefix + name for name in names],
        windows=windows,
        filters=filters,
        scope=scope,
    )
    late = raw_piece_sums(
        conn,
        ActionItem.due_on,
        ActionItem.client_id,
        [func.count().label("late")],
        windows=windows,
        filters=filters,
        scope=scope,
        condition=and_(client_facing_items_condition(scope), completed_after(as_of)),
    )
    counts = []
    for window_sums, window_late in zip(sums, late, strict=True):
        values = {name: window_sums[prefix + name] for name in names}
        values["completed"] -= window_late["late"]
        counts.append(values)
    return counts


def completed_after(day: dt.date) -> ColumnElement[bool]:
    """SQL: the item was completed after `day` (rarely any: completions are not
    dated ahead). Asked as the ids of such items, so that SQLite finds them by
    the completion date's index, not by scanning every item's due date for the
    windows it is combined with."""
    later = select(ActionItem.id).where(ActionItem.completed_on > day)
    return ActionItem.id.in_(later)
