"""Revenue topic: revenue, ARPA, NRR/GRR and their parts, CLV and CAC."""

from __future__ import annotations

from sqlalchemy import Connection

from dashboard.kernel.windows import trailing_year
from dashboard.kpis.context import KpiContext
from dashboard.metrics import revenue as metrics
from dashboard.metrics.clients import churn_rate
from data.queries.acquisition import acquisition_spend_cents
from data.queries.clients import client_counts
from data.queries.revenue import revenue_by_client


def revenue_kpis(
    conn: Connection, ctx: KpiContext, keys: frozenset[str] | None = None
) -> dict[str, float | None]:
    """The Revenue rows of METRICS.md for the context's window."""
    trailing = trailing_year(ctx.t)
    by_client = revenue_by_client(
        conn=conn,
        filters=ctx.filters,
        scope=ctx.scope,
        windows={
            "current": ctx.window,
            "year_earlier": ctx.year_earlier,
            "trailing_12": trailing,
        },
    )
    values: dict[str, float | None] = metrics.revenue_metrics(by_client)
    trailing_counts = client_counts(
        conn=conn, filters=ctx.filters, scope=ctx.scope, window=trailing
    )
    churn_12 = churn_rate(
        trailing_counts["clients_at_start"], trailing_counts["lost_from_start"]
    )
    values["clv"] = metrics.clv(
        metrics.arpa(by_client, "trailing_12"), ctx.settings.gross_margin, churn_12
    )
    values["cac"] = customer_acquisition_cost(conn, ctx)
    return values


def customer_acquisition_cost(conn: Connection, ctx: KpiContext) -> float | None:
    """CAC: spend in P / new clients in P; segment filter narrows both.

    Undefined with a client, region or owner filter, for a narrowed scope and for
    viewers who may not see internal figures.
    """
    filters = ctx.filters
    if filters.clients or filters.region is not None or filters.owner is not None:
        return None
    spend = acquisition_spend_cents(
        conn=conn, scope=ctx.scope, window=ctx.window, segment=filters.segment
    )
    if spend is None:
        return None
    new_clients = client_counts(
        conn=conn, filters=filters, scope=ctx.scope, window=ctx.window
    )["new_clients"]
    return metrics.cac(spend, new_clients)
