"""Budget topic: earned value per project, and the portfolio figures summed from it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Connection

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis.context import KpiContext
from dashboard.metrics.budget import (
    budget_metrics,
    budget_metrics_of_inputs,
    project_figures,
)
from data.queries.budget import (
    project_input_arrays_many,
    project_inputs,
    spend_cents,
    spend_cents_many,
)
from data.queries.rollups import rollups_ready


def project_budgets(
    conn: Connection,
    *,
    settings: Settings,
    filters: Filters,
    scope: Scope,
    window: Window | None = None,
    rollups: bool = False,
) -> pd.DataFrame:
    """One row per project counted for P (the budget drill-down).

    Columns: external_id, name, client_external_id, bac, ac, elapsed, pv, complete
    (None without milestones), ev (None without milestones), eac, burn_ratio (None
    when PV is 0); amounts in currency units. `window` defaults to P's window
    `[P.start, t]`; pass a cut window for P-1. `rollups`: spend from the spend
    rollups (see `rollups_ready`), else from the spend rows.
    """
    if window is None:
        window = filters.period.window(settings.today())
    inputs = project_inputs(
        conn=conn, filters=filters, scope=scope, window=window, rollups=rollups
    )
    return project_figures(inputs, window.t)


def budget_kpis(
    conn: Connection, ctx: KpiContext, keys: frozenset[str] | None = None
) -> dict[str, float | None]:
    """The Budget rows of METRICS.md, summed from `project_budgets` of the window
    (spend from the rollups where they exist and the context reads them)."""
    rollups = rollups_ready(conn, ctx.use_rollups)
    figures = project_budgets(
        conn,
        settings=ctx.settings,
        filters=ctx.filters,
        scope=ctx.scope,
        window=ctx.window,
        rollups=rollups,
    )
    spend = spend_cents(
        conn=conn,
        filters=ctx.filters,
        scope=ctx.scope,
        window=ctx.window,
        rollups=rollups,
    )
    return budget_metrics(figures, spend)


def budget_kpis_many(
    conn: Connection, contexts: Sequence[KpiContext], keys: Sequence[frozenset[str]]
) -> list[dict[str, float | None]]:
    """`budget_kpis` of contexts that differ only by window: the projects and their
    inputs in three queries, the spend in P in one more, only where it is asked for."""
    first = contexts[0]
    rollups = rollups_ready(conn, first.use_rollups)
    windows = [ctx.window for ctx in contexts]
    inputs = project_input_arrays_many(
        conn=conn,
        filters=first.filters,
        scope=first.scope,
        windows=windows,
        rollups=rollups,
    )
    spending = [index for index, wanted in enumerate(keys) if "spend" in wanted]
    spend: list[int | None] = [None] * len(contexts)
    if spending:
        sums = spend_cents_many(
            conn=conn,
            filters=first.filters,
            scope=first.scope,
            windows=[windows[index] for index in spending],
            rollups=rollups,
        )
        for index, cents in zip(spending, sums, strict=True):
            spend[index] = cents
    return [
        budget_metrics_of_inputs(arrays, window.t, cents)
        for arrays, window, cents in zip(inputs, windows, spend, strict=True)
    ]
