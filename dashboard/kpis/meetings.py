"""Meetings topic: held meetings of the window, their attendance, goals and cost."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from dashboard.kpis.context import KpiContext
from dashboard.metrics.meetings import meeting_metrics
from data.queries.meetings import meeting_totals, meeting_totals_many
from data.queries.rollups import rollup_timezone


def meetings_kpis(conn: Connection, ctx: KpiContext) -> dict[str, int | float | None]:
    """The Meetings rows of METRICS.md for the context's window (local dates)."""
    return meetings_kpis_many(conn, [ctx], [frozenset()])[0]


def meetings_kpis_many(
    conn: Connection, contexts: Sequence[KpiContext], keys: Sequence[frozenset[str]]
) -> list[dict[str, int | float | None]]:
    """`meetings_kpis` of contexts that differ only by window: one query over the
    rollups when their meeting days are in the configured time zone, else one
    query per window over the meetings and their attendees."""
    first = contexts[0]
    internal = first.scope.internal
    if first.use_rollups and rollup_timezone(conn) == first.timezone:
        totals = meeting_totals_many(
            conn=conn,
            filters=first.filters,
            scope=first.scope,
            windows=[ctx.window for ctx in contexts],
        )
        return [meeting_metrics(t, internal=internal) for t in totals]
    return [
        meeting_metrics(
            meeting_totals(
                conn=conn,
                filters=ctx.filters,
                scope=ctx.scope,
                window=ctx.window,
                timezone=ctx.timezone,
            ),
            internal=internal,
        )
        for ctx in contexts
    ]
