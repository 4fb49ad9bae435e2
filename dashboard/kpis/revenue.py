"""Revenue topic: revenue, ARPA, NRR/GRR and their parts, CLV and CAC."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from dashboard.kernel.windows import trailing_year
from dashboard.kpis.context import KpiContext
from dashboard.metrics import revenue as metrics
from dashboard.metrics.clients import churn_rate
from data.queries.acquisition import acquisition_spend_cents
from data.queries.clients import client_counts, client_counts_many
from data.queries.revenue import revenue_by_client, revenue_by_client_many
from data.queries.rollups import rollup_timezone

# The figures that need client counts besides the invoice sums.
COUNTED_KEYS = frozenset(("clv", "cac"))


def revenue_kpis(
    conn: Connection, ctx: KpiContext, keys: frozenset[str] | None = None
) -> dict[str, float | None]:
    """The Revenue rows of METRICS.md for the context's window: one query per
    window of invoices (the reference), or the batched form over the rollups."""
    if ctx.use_rollups and rollup_timezone(conn) is not None:
        return revenue_kpis_many(conn, [ctx], [COUNTED_KEYS])[0]
    by_client = revenue_by_client(
        conn=conn, filters=ctx.filters, scope=ctx.scope, windows=_windows(ctx)
    )
    trailing_counts = client_counts(
        conn=conn, filters=ctx.filters, scope=ctx.scope, window=trailing_year(ctx.t)
    )
    new_clients = client_counts(
        conn=conn, filters=ctx.filters, scope=ctx.scope, window=ctx.window
    )["new_clients"]
    return _revenue_values(conn, ctx, by_client, trailing_counts, new_clients)


def revenue_kpis_many(
    conn: Connection, contexts: Sequence[KpiContext], keys: Sequence[frozenset[str]]
) -> list[dict[str, float | None]]:
    """`revenue_kpis` of contexts that differ only by window: one query for the
    invoice sums of every window (over the rollups where they exist) and one for
    the client counts; CLV and CAC only where they are asked for."""
    first = contexts[0]
    frames = revenue_by_client_many(
        conn=conn,
        filters=first.filters,
        scope=first.scope,
        windows=[
            _windows(ctx, trailing="clv" in wanted)
            for ctx, wanted in zip(contexts, keys, strict=True)
        ],
        rollups=first.use_rollups and rollup_timezone(conn) is not None,
    )
    counted = [i for i, wanted in enumerate(keys) if wanted & COUNTED_KEYS]
    windows = [
        w for i in counted for w in (trailing_year(contexts[i].t), contexts[i].window)
    ]
    counts = (
        client_counts_many(
            conn=conn, filters=first.filters, scope=first.scope, windows=windows
        )
        if windows
        else []
    )
    by_index = {
        i: (counts[2 * n], counts[2 * n + 1]["new_clients"])
        for n, i in enumerate(counted)
    }
    results = []
    for i, (ctx, by_client) in enumerate(zip(contexts, frames, strict=True)):
        if i not in by_index:
            results.append(metrics.revenue_metrics(by_client))
            continue
        trailing_counts, new_clients = by_index[i]
        results.append(
            _revenue_values(conn, ctx, by_client, trailing_counts, new_clients, keys[i])
        )
    return results


def _windows(ctx: KpiContext, *, trailing: bool = True) -> dict:
    """The windows the invoice sums are needed for (T12 only for CLV)."""
    windows = {"current": ctx.window, "year_earlier": ctx.year_earlier}
    if trailing:
        windows["trailing_12"] = trailing_year(ctx.t)
    return windows


def _revenue_values(
    conn: Connection,
    ctx: KpiContext,
    by_client,
    trailing_counts: dict[str, int],
    new_clients: int,
    keys: frozenset[str] = COUNTED_KEYS,
) -> dict[str, float | None]:
    values: dict[str, float | None] = metrics.revenue_metrics(by_client)
    if "clv" in keys:
        churn_12 = churn_rate(
            trailing_counts["clients_at_start"], trailing_counts["lost_from_start"]
        )
        values["clv"] = metrics.clv(
            metrics.arpa(by_client, "trailing_12"), ctx.settings.gross_margin, churn_12
        )
    if "cac" in keys:
        values["cac"] = customer_acquisition_cost(conn, ctx, new_clients)
    return values


def customer_acquisition_cost(
    conn: Connection, ctx: KpiContext, new_clients: int
) -> float | None:
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
    return metrics.cac(spend, new_clients)
