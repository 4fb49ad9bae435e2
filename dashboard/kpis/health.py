"""Client health at as_of: per-client figures over the 365 days ending on as_of."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.metrics.budget import burn_ratio_by_client, project_figures
from dashboard.metrics.health import HEALTH_COLUMNS, client_health_table, client_nrr
from data.queries.budget import project_inputs
from data.queries.health import health_inputs
from data.queries.held import forget_others, held, held_if_current, holds
from data.queries.revenue import revenue_by_client_many
from data.queries.rollups import rollup_timezone, rollups_ready
from data.queries.selection import selected_client_ids

HEALTH_DAYS = 365
# Up to this many selected clients, their health is computed on its own unless
# every client's is held and current.
FEW_CLIENTS = 50


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

    Each client's health is its own (its answers, meetings, items, projects
    and invoices), so where the database is held (a server) every client's is
    computed once per data version, day and kind of viewer (internal or
    client-facing), and a view takes its clients' rows, in the same order. Up
    to FEW_CLIENTS selected clients take them only while that table is
    current, and otherwise compute their own.
    """
    if weights is None:
        weights = settings.health_weights_by_name
    as_of = settings.today()

    def computed() -> pd.DataFrame:
        table = _health(conn, settings, filters, scope, weights, as_of, use_rollups)
        return table.drop(columns="client_id")

    if not (use_rollups and holds(conn)):
        return computed()
    key = ("health", as_of, scope.internal, tuple(sorted(weights.items())))
    ids = selected_client_ids(conn, filters, scope)
    if ids is not None and len(ids) <= FEW_CLIENTS:
        # A few clients' own health costs less than every client's: the held
        # table serves them only while it is current (after a save in a
        # review, the next view of that one client does not wait for all).
        every = held_if_current(conn, key)
        return computed() if every is None else every.of_clients(ids)
    every = held(
        conn,
        key,
        lambda c: _HeldHealth.of(
            _health(c, settings, None, Scope(internal=scope.internal), weights, as_of)
        ),
        forget=forget_others("health", as_of),
    )
    return every.of_clients(ids)


@dataclass(frozen=True)
class _HeldHealth:
    """The health table of every client, and each row's client id."""

    table: pd.DataFrame
    client_id: np.ndarray

    @classmethod
    def of(cls, table: pd.DataFrame) -> _HeldHealth:
        ids = table.pop("client_id").to_numpy(dtype="int64")
        return cls(table, ids)

    def of_clients(self, client_ids: np.ndarray | None) -> pd.DataFrame:
        """The rows of these clients (None: all), in order, as a new frame."""
        if client_ids is None:
            return self.table.reset_index(drop=True)
        rows = self.table[np.isin(self.client_id, client_ids)]
        if rows.empty:
            return pd.DataFrame(columns=HEALTH_COLUMNS)
        return rows.reset_index(drop=True)


def _health(
    conn: Connection,
    settings: Settings,
    filters: Filters | None,
    scope: Scope,
    weights: Mapping[str, float],
    as_of: dt.date,
    use_rollups: bool = True,
) -> pd.DataFrame:
    """The health table computed from the inputs, with `client_id` last."""
    window, year_before = health_windows(as_of)
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
    return client_health_table(inputs, weights, with_client_id=True)
