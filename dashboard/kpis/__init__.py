"""KPI computation: queries (SQL aggregates) feeding the pure metric functions.

`compute_kpis` gives every METRICS.md key for one context; `kpi_report` adds the
previous period (cut like P) and the labels the JSON output and the cards show;
`kpi_trend` computes the same definitions per period; `cohort_retention` is the
cohort matrix.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import pandas as pd
from sqlalchemy import Connection

from dashboard.kernel.catalog import INTERNAL_KEYS, KPI_BY_KEY, KPI_KEYS, Topic
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis.action_items import action_items_kpis
from dashboard.kpis.budget import budget_kpis
from dashboard.kpis.clients import clients_kpis
from dashboard.kpis.context import KpiContext
from dashboard.kpis.meetings import meetings_kpis
from dashboard.kpis.revenue import revenue_kpis
from dashboard.kpis.satisfaction import satisfaction_kpis
from dashboard.metrics.cohorts import cohort_retention_matrix
from data.queries.clients import onboard_churn_pairs

Value = int | float | None
TopicFunction = Callable[[Connection, KpiContext], dict[str, Value]]


# Each topic's `fn(conn, ctx) -> {key: value}`; the keys are the catalogue's.
TOPIC_FUNCTIONS: dict[Topic, TopicFunction] = {
    "clients": clients_kpis,
    "revenue": revenue_kpis,
    "satisfaction": satisfaction_kpis,
    "meetings": meetings_kpis,
    "action_items": action_items_kpis,
    "budget": budget_kpis,
}


def plain(value: object) -> Value:
    """A JSON-safe number: numpy scalars to Python, NaN and infinities to None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, int):
        return value
    number = float(value)
    return number if math.isfinite(number) else None


def compute_kpis(
    conn: Connection, ctx: KpiContext, keys: Iterable[str] | None = None
) -> dict[str, Value]:
    """Every METRICS.md key (or only `keys`) for one context, in catalogue order.

    Internal-only figures are None when the scope may not see them.
    """
    wanted = KPI_KEYS if keys is None else tuple(keys)
    unknown = [key for key in wanted if key not in KPI_BY_KEY]
    if unknown:
        raise KeyError(f"unknown KPI keys: {', '.join(unknown)}")
    values: dict[str, Value] = {}
    for topic in dict.fromkeys(KPI_BY_KEY[key].topic for key in wanted):
        values.update(TOPIC_FUNCTIONS[topic](conn, ctx))
    result = {key: plain(values.get(key)) for key in wanted}
    if not ctx.scope.internal:
        for key in INTERNAL_KEYS.intersection(result):
            result[key] = None
    return result


def window_dict(window: Window) -> dict[str, str]:
    """A window as ISO dates: `{"start": ..., "t": ...}`."""
    return {"start": window.start.isoformat(), "t": window.t.isoformat()}


def kpi_report(
    conn: Connection, *, settings: Settings, filters: Filters, scope: Scope
) -> dict:
    """The `kpis` JSON: every key for P, labels, filters, and `previous` (P-1, cut)."""
    ctx = KpiContext.for_period(settings, filters, scope)
    previous = ctx.previous()
    return {
        "period": filters.period.label,
        "as_of": ctx.as_of.isoformat(),
        "window": window_dict(ctx.window),
        "filters": filters.as_dict(),
        **compute_kpis(conn, ctx),
        "previous": {
            "period": previous.filters.period.label,
            "window": window_dict(previous.window),
            **compute_kpis(conn, previous),
        },
    }


def kpi_trend(
    conn: Connection,
    *,
    settings: Settings,
    filters: Filters,
    scope: Scope,
    keys: Iterable[str] | None = None,
    periods: int = 8,
    known: dict | None = None,
) -> pd.DataFrame:
    """The same definitions per period: the `periods` periods ending with P.

    Rows are periods (index = label, oldest first), columns the keys; each period
    counts `[start, min(last day, as_of)]` as it would when chosen on its own.
    Undefined values are None (object columns keep them apart from numbers).
    `known`: a `kpi_report` for the same filters and scope, whose P is reused.
    """
    wanted = KPI_KEYS if keys is None else tuple(keys)
    rows = {}
    for steps in range(periods - 1, -1, -1):
        period = filters.period.shifted(-steps)
        if known is not None and known["period"] == period.label:
            rows[period.label] = {key: known[key] for key in wanted}
            continue
        ctx = KpiContext.for_period(settings, filters.with_period(period), scope)
        rows[period.label] = compute_kpis(conn, ctx, wanted)
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(wanted))
    frame = frame.astype(object).where(frame.notna(), None)
    frame.index.name = "period"
    return frame


def cohort_retention(
    conn: Connection, *, settings: Settings, filters: Filters, scope: Scope
) -> pd.DataFrame:
    """Cohort retention matrix for the clients of the filters (see the metric's doc).

    Index: cohort quarter label; columns: `size`, then ages 0, 1, 2, …; NaN cells
    are quarters not yet over on `as_of`. The filters' period is not used.
    """
    as_of = settings.today()
    pairs = onboard_churn_pairs(conn=conn, filters=filters, scope=scope, as_of=as_of)
    return cohort_retention_matrix(
        pairs, as_of=as_of, fiscal_start_month=settings.fiscal_year_start_month
    )
