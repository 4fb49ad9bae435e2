"""Meetings topic: held meetings of the window, their attendance, goals and cost."""

from __future__ import annotations

from sqlalchemy import Connection

from dashboard.kpis.context import KpiContext
from dashboard.metrics.meetings import meeting_metrics
from data.queries.meetings import meeting_totals


def meetings_kpis(conn: Connection, ctx: KpiContext) -> dict[str, int | float | None]:
    """The Meetings rows of METRICS.md for the context's window (local dates)."""
    totals = meeting_totals(
        conn=conn,
        filters=ctx.filters,
        scope=ctx.scope,
        window=ctx.window,
        timezone=ctx.timezone,
    )
    return meeting_metrics(totals, internal=ctx.scope.internal)
