"""KPI computation: queries (SQL aggregates) feeding the pure metric functions.

`compute_kpis` gives every METRICS.md key for one context; `kpi_report` adds the
previous period (cut like P) and the labels the JSON output and the cards show;
`kpi_trend` computes the same definitions per period; `kpi_headline` gives both for
the dashboard's cards; `cohort_retention` is the cohort matrix.

`compute_kpis` computes one window (the reference); `compute_many` computes several
windows of the same filters with one query per topic for all of them where a topic
has a batched form (TOPIC_BATCHES), giving exactly the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
from sqlalchemy import Connection

from dashboard.kernel.catalog import INTERNAL_KEYS, KPI_BY_KEY, KPI_KEYS, Topic
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis.action_items import action_items_kpis, action_items_kpis_many
from dashboard.kpis.budget import budget_kpis, budget_kpis_many
from dashboard.kpis.clients import clients_kpis, clients_kpis_many
from dashboard.kpis.context import KpiContext
from dashboard.kpis.meetings import meetings_kpis, meetings_kpis_many
from dashboard.kpis.revenue import revenue_kpis, revenue_kpis_many
from dashboard.kpis.satisfaction import satisfaction_kpis, satisfaction_kpis_many
from dashboard.metrics.cohorts import cohort_retention_matrix
from data.queries.clients import onboard_churn_pairs

Value = int | float | None
TopicFunction = Callable[[Connection, KpiContext], dict[str, Value]]
TopicBatch = Callable[
    [Connection, Sequence[KpiContext], Sequence[frozenset[str]]], list[dict[str, Value]]
]


# Each topic's `fn(conn, ctx) -> {key: value}`; the keys are the catalogue's.
TOPIC_FUNCTIONS: dict[Topic, TopicFunction] = {
    "clients": clients_kpis,
    "revenue": revenue_kpis,
    "satisfaction": satisfaction_kpis,
    "meetings": meetings_kpis,
    "action_items": action_items_kpis,
    "budget": budget_kpis,
}
# Topics that compute several windows of the same filters in one query each; for
# one or two windows (the `kpis` command: P and P-1) one query per window reads
# fewer rows than one pass over the span of both.
MIN_BATCH = 3
TOPIC_BATCHES: dict[Topic, TopicBatch] = {
    "clients": clients_kpis_many,
    "action_items": action_items_kpis_many,
    "budget": budget_kpis_many,
    "revenue": revenue_kpis_many,
    "satisfaction": satisfaction_kpis_many,
    "meetings": meetings_kpis_many,
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
    wanted = _checked(keys)
    values: dict[str, Value] = {}
    for topic in dict.fromkeys(KPI_BY_KEY[key].topic for key in wanted):
        values.update(TOPIC_FUNCTIONS[topic](conn, ctx))
    return _finished(values, wanted, ctx)


def _checked(keys: Iterable[str] | None) -> tuple[str, ...]:
    wanted = KPI_KEYS if keys is None else tuple(keys)
    unknown = [key for key in wanted if key not in KPI_BY_KEY]
    if unknown:
        raise KeyError(f"unknown KPI keys: {', '.join(unknown)}")
    return wanted


def _finished(
    values: dict[str, Value], wanted: tuple[str, ...], ctx: KpiContext
) -> dict[str, Value]:
    result = {key: plain(values.get(key)) for key in wanted}
    if not ctx.scope.internal:
        for key in INTERNAL_KEYS.intersection(result):
            result[key] = None
    return result


def compute_many(
    conn: Connection,
    contexts: Sequence[KpiContext],
    keys: Sequence[Iterable[str] | None],
) -> list[dict[str, Value]]:
    """`compute_kpis(conn, contexts[i], keys[i])` for each i, with one query per
    topic for all the windows where the topic has a batched form.

    The contexts must differ only by window (same settings, scope, client filters
    and as_of); a topic's figures nobody asks for are not computed.
    """
    wanted = [_checked(k) for k in keys]
    values: list[dict[str, Value]] = [{} for _ in contexts]
    topics = dict.fromkeys(KPI_BY_KEY[k].topic for keys_ in wanted for k in keys_)
    for topic in topics:
        needing = [
            index
            for index, keys_ in enumerate(wanted)
            if any(KPI_BY_KEY[key].topic == topic for key in keys_)
        ]
        batch = TOPIC_BATCHES.get(topic)
        if batch is None or len(needing) < MIN_BATCH:
            for index in needing:
                values[index].update(TOPIC_FUNCTIONS[topic](conn, contexts[index]))
            continue
        results = batch(
            conn,
            [contexts[index] for index in needing],
            [frozenset(wanted[index]) for index in needing],
        )
        for index, result in zip(needing, results, strict=True):
            values[index].update(result)
    return [
        _finished(v, w, ctx) for v, w, ctx in zip(values, wanted, contexts, strict=True)
    ]


def window_dict(window: Window) -> dict[str, str]:
    """A window as ISO dates: `{"start": ..., "t": ...}`."""
    return {"start": window.start.isoformat(), "t": window.t.isoformat()}


def kpi_report(
    conn: Connection, *, settings: Settings, filters: Filters, scope: Scope
) -> dict:
    """The `kpis` JSON: every key for P, labels, filters, and `previous` (P-1, cut)."""
    return kpi_headline(conn, settings=settings, filters=filters, scope=scope)[0]


def _report(ctx: KpiContext, current: dict, previous: dict) -> dict:
    before = ctx.previous()
    return {
        "period": ctx.filters.period.label,
        "as_of": ctx.as_of.isoformat(),
        "window": window_dict(ctx.window),
        "filters": ctx.filters.as_dict(),
        **current,
        "previous": {
            "period": before.filters.period.label,
            "window": window_dict(before.window),
            **previous,
        },
    }


def _trend_frame(rows: dict[str, dict], wanted: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(wanted))
    frame = frame.astype(object).where(frame.notna(), None)
    frame.index.name = "period"
    return frame


def kpi_headline(
    conn: Connection,
    *,
    settings: Settings,
    filters: Filters,
    scope: Scope,
    keys: Iterable[str] | None = None,
    periods: int = 0,
    use_rollups: bool = True,
) -> tuple[dict, pd.DataFrame | None]:
    """`kpi_report` and, when `periods` > 0, `kpi_trend(..., keys, periods)` for the
    same filters, computed together: one query per topic for P, P-1 (cut) and the
    past periods of the trend. `use_rollups` false reads only raw rows (the
    reference)."""
    ctx = KpiContext.for_period(settings, filters, scope, use_rollups=use_rollups)
    contexts = [ctx, ctx.previous()]
    wanted = _checked(keys)
    past = [filters.period.shifted(-steps) for steps in range(periods - 1, 0, -1)]
    contexts += [
        KpiContext.for_period(
            settings, filters.with_period(period), scope, use_rollups=use_rollups
        )
        for period in past
    ]
    values = compute_many(conn, contexts, [KPI_KEYS, KPI_KEYS, *([wanted] * len(past))])
    report = _report(ctx, values[0], values[1])
    if periods <= 0:
        return report, None
    rows = {
        period.label: result for period, result in zip(past, values[2:], strict=True)
    }
    rows[filters.period.label] = {key: report[key] for key in wanted}
    return report, _trend_frame(rows, wanted)


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
    wanted = _checked(keys)
    rows: dict[str, dict] = {}
    chosen = [filters.period.shifted(-steps) for steps in range(periods - 1, -1, -1)]
    missing = []
    for period in chosen:
        if known is not None and known["period"] == period.label:
            rows[period.label] = {key: known[key] for key in wanted}
        else:
            missing.append(period)
    contexts = [
        KpiContext.for_period(settings, filters.with_period(period), scope)
        for period in missing
    ]
    for period, result in zip(
        missing, compute_many(conn, contexts, [wanted] * len(missing)), strict=True
    ):
        rows[period.label] = result
    return _trend_frame({p.label: rows[p.label] for p in chosen}, wanted)


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
