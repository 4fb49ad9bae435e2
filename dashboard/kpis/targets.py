"""The agreed targets that apply to a view, and one client's headline inputs
(health, current project) next to its `kpis` report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import kpi_headline
from dashboard.kpis.health import client_health
from dashboard.metrics.targets import applicable_targets
from data.queries.budget import project_inputs
from data.queries.targets import portfolio_targets, targets_for_period


def view_targets(
    conn: Connection, *, filters: Filters, scope: Scope
) -> dict[str, float]:
    """The target per KPI that applies to the view in the filters' period.

    One client: its own, else its segment's, else the portfolio's. The whole
    portfolio (or one segment of it) seen by someone who sees every client: the
    portfolio's (the segment's first). Any other selection (several clients, a
    region, an owner's book) has no agreed target, so none.
    """
    if len(filters.clients) == 1:
        client, segment = filters.clients[0], None
    elif filters.clients or filters.region or filters.owner or not scope.is_everything:
        return {}
    else:
        client, segment = None, filters.segment
    if client is None:
        frame = portfolio_targets(conn=conn, filters=filters, scope=scope)
    else:
        frame = targets_for_period(
            conn=conn, filters=filters, scope=scope, period=filters.period.label
        )
    if frame.empty:
        return {}
    if client is not None:
        # The query keeps only the segment the client belongs to.
        segments = frame.loc[frame["scope"] == "segment", "segment"].unique()
        segment = segments[0] if len(segments) == 1 else None
    applying = applicable_targets(frame, client=client, segment=segment)
    return dict(zip(applying["kpi"], applying["value"].astype(float), strict=True))


def current_project(
    conn: Connection, *, filters: Filters, scope: Scope, as_of: dt.date
) -> dict | None:
    """The selected client's project running on as_of that ends first (`name`,
    `end_on`), or None."""
    projects = project_inputs(
        conn=conn, filters=filters, scope=scope, window=Window(as_of, as_of)
    )
    running = projects[projects["end_on"] >= as_of]
    if running.empty:
        return None
    first = running.sort_values(["end_on", "external_id"], kind="stable").iloc[0]
    return {"name": first["name"], "end_on": first["end_on"]}


@dataclass(frozen=True)
class ClientHeadline:
    """Everything one client's headline shows: the `kpis` report with `previous`,
    the trend of the card keys, health at as_of, the current project, targets."""

    report: dict
    trend: pd.DataFrame
    health: dict | None
    project: dict | None
    targets: dict[str, float]


def client_headline(
    conn: Connection,
    *,
    settings: Settings,
    filters: Filters,
    scope: Scope,
    keys: list[str],
    periods: int,
) -> ClientHeadline:
    """The inputs of the headline of the one client of `filters`, computed with the
    portfolio headline's batched queries (kpi_headline)."""
    (client,) = filters.clients
    report, trend = kpi_headline(
        conn,
        settings=settings,
        filters=filters,
        scope=scope,
        keys=keys,
        periods=periods,
    )
    health = client_health(conn, settings=settings, filters=filters, scope=scope)
    rows = health[health["external_id"] == client].to_dict("records")
    as_of = settings.today()
    return ClientHeadline(
        report=report,
        trend=trend,
        health=rows[0] if rows else None,
        project=current_project(conn, filters=filters, scope=scope, as_of=as_of),
        targets=view_targets(conn, filters=filters, scope=scope),
    )
