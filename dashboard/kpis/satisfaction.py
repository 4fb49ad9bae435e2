"""Satisfaction topic: NPS and CSAT of the survey responses in the window."""

from __future__ import annotations

from sqlalchemy import Connection

from dashboard.kpis.context import KpiContext
from dashboard.metrics.satisfaction import satisfaction_metrics
from data.queries.satisfaction import survey_counts


def satisfaction_kpis(
    conn: Connection, ctx: KpiContext, keys: frozenset[str] | None = None
) -> dict[str, int | float | None]:
    """The Satisfaction rows of METRICS.md for the context's window."""
    counts = survey_counts(
        conn=conn, filters=ctx.filters, scope=ctx.scope, window=ctx.window
    )
    return satisfaction_metrics(counts)
