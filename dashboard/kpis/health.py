"""Client health at as_of: per-client figures over the 365 days ending on as_of."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Connection

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.metrics.budget import burn_ratio_by_client, project_figures
from dashboard.metrics.health import client_health_table, client_nrr
from data.queries.budget import project_inputs
from data.queries.health import health_inputs
from data.queries.revenue import revenue_by_client_many
from data.queries.rollups import rollup_timezone, rollups_ready

HEALTH_DAYS = 365


def health_windows(as_of: dt.date) -> tuple[Window, Window]:
    """The 365 days ending on as_of, and the 365 days before them (for NRR)."""
    days = dt.timedelta(days=HEALTH_DAYS)
    current = Window(as_of - days + dt.timedelta(days=1), as_of)
    return current, Window(current.start - days, current.start - dt.timedelta(days=1))


def client_health(
    conn: Connection,
    *,
    settings: Settings,
    filters: Filters | None,
    scope: Scope,
    weights: Mapping[str, float] | None = None,
    use_rollups: bool = True,
) -> pd.DataFrame:
    """Health of each selected client active on as_of, worst score first.

    Columns: external_id, name, the inputs (nps, attendance_rate, on_time_rate,
    burn_ratio, nrr), the five 0–100 components, score and band; None where
    missing. The filters' period is not used: health is always at as_of. The
    weights are the settings' (HEALTH_WEIGHTS) unless given. `use_rollups`
    false reads only raw rows (the reference).
    """
    if weights is None:
        weights = settings.health_weights_by_name
    window, year_before = health_windows(settings.today())
    inputs = health_inputs(
        conn=conn,
        filters=filters,
        scope=scope,
        window=window,
        timezone=settings.timezone,
        rollups=use_rollups,
    )
    budgets = project_figures(
        project_inputs(
            conn=conn,
            filters=filters,
            scope=scope,
            window=window,
            rollups=rollups_ready(conn, use_rollups),
        ),
        window.t,
    )
    ratios = burn_ratio_by_client(budgets).to_dict()
    (revenue,) = revenue_by_client_many(
        conn=conn,
        filters=filters,
        scope=scope,
        windows=[{"current": window, "year_earlier": year_before}],
        rollups=use_rollups and rollup_timezone(conn) is not None,
    )
    retention = client_nrr(revenue).to_dict()
    inputs["burn_ratio"] = [ratios.get(c) for c in inputs["external_id"]]
    inputs["nrr"] = [retention.get(c) for c in inputs["client_id"]]
    return client_health_table(inputs, weights)
