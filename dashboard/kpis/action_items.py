"""Action items topic: items due in the window, and items open and overdue on t."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from dashboard.kpis.context import KpiContext
from dashboard.metrics.action_items import action_item_metrics
from data.queries.action_items import action_item_counts, action_item_counts_many
from data.queries.rollups import rollup_timezone


def action_items_kpis(
    conn: Connection, ctx: KpiContext, keys: frozenset[str] | None = None
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


def action_items_kpis_many(
    conn: Connection, contexts: Sequence[KpiContext], keys: Sequence[frozenset[str]]
) -> list[dict[str, int | float | None]]:
    """`action_items_kpis` of contexts that differ only by window: one query for
    the items due, and open overdue only where it is asked for."""
    first = contexts[0]
    counts = action_item_counts_many(
        conn=conn,
        filters=first.filters,
        scope=first.scope,
        windows=[ctx.window for ctx in contexts],
        as_of=first.as_of,
        overdue=["open_overdue" in wanted for wanted in keys],
        rollups=first.use_rollups and rollup_timezone(conn) is not None,
    )
    return [action_item_metrics(c) for c in counts]
