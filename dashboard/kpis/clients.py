"""Clients topic: logo counts, retention and churn for one KPI context."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from dashboard.kpis.context import KpiContext
from dashboard.metrics.clients import logo_metrics
from data.queries.clients import client_counts, client_counts_many


def clients_kpis(
    conn: Connection, ctx: KpiContext, keys: frozenset[str] | None = None
) -> dict[str, int | float | None]:
    """The Clients rows of METRICS.md for the context's window."""
    counts = client_counts(
        conn=conn, filters=ctx.filters, scope=ctx.scope, window=ctx.window
    )
    return logo_metrics(counts)


def clients_kpis_many(
    conn: Connection, contexts: Sequence[KpiContext], keys: Sequence[frozenset[str]]
) -> list[dict[str, int | float | None]]:
    """`clients_kpis` of contexts that differ only by window, in one query."""
    first = contexts[0]
    counts = client_counts_many(
        conn=conn,
        filters=first.filters,
        scope=first.scope,
        windows=[ctx.window for ctx in contexts],
    )
    return [logo_metrics(c) for c in counts]
