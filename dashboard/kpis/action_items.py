"""Action items topic: items due in the window, and items open and overdue on t."""

from __future__ import annotations

from sqlalchemy import Connection

from dashboard.kpis.context import KpiContext
from dashboard.metrics.action_items import action_item_metrics
from data.queries.action_items import action_item_counts


def action_items_kpis(
    conn: Connection, ctx: KpiContext
) -> dict[str, int | float | None]:
    """The Action items rows of METRICS.md for the context's window."""
    counts = action_item_counts(
        conn=conn,
        filters=ctx.filters,
        scope=ctx.scope,
        window=ctx.window,
        as_of=ctx.as_of,
    )
    return action_item_metrics(counts)
