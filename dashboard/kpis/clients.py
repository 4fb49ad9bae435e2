"""Clients topic: logo counts, retention and churn for one KPI context."""

from __future__ import annotations

from sqlalchemy import Connection

from dashboard.kpis.context import KpiContext
from dashboard.metrics.clients import logo_metrics
from data.queries.clients import client_counts


def clients_kpis(conn: Connection, ctx: KpiContext) -> dict[str, int | float | None]:
    """The Clients rows of METRICS.md for the context's window."""
    counts = client_counts(
        conn=conn, filters=ctx.filters, scope=ctx.scope, window=ctx.window
    )
    return logo_metrics(counts)
