"""Satisfaction topic: NPS and CSAT of the survey responses in the window."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from dashboard.kpis.context import KpiContext
from dashboard.metrics.satisfaction import satisfaction_metrics
from data.queries.rollups import rollup_timezone
from data.queries.satisfaction import survey_counts, survey_counts_many


def satisfaction_kpis(
    conn: Connection, ctx: KpiContext, keys: frozenset[str] | None = None
) -> dict[str, int | float | None]:
    """The Satisfaction rows of METRICS.md for the context's window."""
    if ctx.use_rollups and rollup_timezone(conn) is not None:
        return satisfaction_kpis_many(conn, [ctx], [keys or frozenset()])[0]
    counts = survey_counts(
        conn=conn, filters=ctx.filters, scope=ctx.scope, window=ctx.window
    )
    return satisfaction_metrics(counts)


def satisfaction_kpis_many(
    conn: Connection, contexts: Sequence[KpiContext], keys: Sequence[frozenset[str]]
) -> list[dict[str, int | float | None]]:
    """`satisfaction_kpis` of contexts that differ only by window, in one query
    (over the rollups where they exist)."""
    first = contexts[0]
    counts = survey_counts_many(
        conn=conn,
        filters=first.filters,
        scope=first.scope,
        windows=[ctx.window for ctx in contexts],
        rollups=first.use_rollups and rollup_timezone(conn) is not None,
    )
    return [satisfaction_metrics(c) for c in counts]
