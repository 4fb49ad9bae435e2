"""What the drill-down tabs share: who the filters select, in words (for titles
and empty states), the trailing periods of the trend charts, and those trends."""

from __future__ import annotations

import functools
from collections.abc import Callable

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from sqlalchemy import Connection

from callbacks.account import client_view
from callbacks.resolved_view import ResolvedView
from callbacks.shared_trend import TREND_PERIODS, kept_trend
from dashboard.figures.to_date import mark_to_date
from dashboard.kernel.filters import periods_to_date
from dashboard.kernel.formatting import format_count, format_period
from dashboard.kernel.i18n import join_list, translator
from dashboard.kernel.periods import Period
from dashboard.kernel.urlstate import to_query
from dashboard.kpis import kpi_trend
from dashboard.services import Services
from layouts.charts import chart_card
from layouts.filters import segment_label

NAMED_CLIENTS = 3


def selection_text(view: ResolvedView) -> str:
    """The filters' clients in words: names, segment, region, owner, or all."""
    _ = translator(view.lang)
    state = view.state
    parts = []
    if state.clients:
        names = [view.choices.client_name(c) for c in state.clients[:NAMED_CLIENTS]]
        more = len(state.clients) - NAMED_CLIENTS
        if more > 0:
            names.append(_("{count} more", count=format_count(more, view.lang)))
        parts.append(join_list(names, view.lang))
    if state.segment:
        parts.append(segment_label(state.segment, view.lang))
    if state.region:
        parts.append(_("region {region}", region=state.region))
    if state.owner:
        parts.append(_("owner {owner}", owner=state.owner))
    return " · ".join(parts) if parts else _("all clients")


def download_of(view: ResolvedView) -> tuple[str, str]:
    """What a chart card's download links need: the page's query, its language."""
    return to_query(view.state), view.lang


def selection_names(view: ResolvedView) -> dict[str, str]:
    """`clients` and `period` for messages like "No meetings for {clients} in
    {period}"."""
    return {
        "clients": selection_text(view),
        "period": format_period(view.filters.period.label, view.lang),
    }


def trailing_periods(period: Period, count: int = TREND_PERIODS) -> list[Period]:
    """The `count` periods of P's kind ending with P, oldest first."""
    return [period.shifted(-steps) for steps in range(count - 1, -1, -1)]


def tab_trend(
    services: Services, view: ResolvedView, conn: Connection, keys: list[str]
) -> pd.DataFrame:
    """kpi_trend of `keys` over the trailing periods ending with the chosen one:
    the rows the headline of the same filters kept (callbacks/shared_trend.py),
    else counted here."""
    kept = kept_trend(services, conn, view.filters, keys)
    if kept is not None:
        return kept
    return kpi_trend(
        conn,
        settings=services.settings,
        filters=view.filters,
        scope=services.current_scope(),
        keys=keys,
        periods=TREND_PERIODS,
    )


def chart_placer(
    services: Services, view: ResolvedView | None = None
) -> Callable[..., dbc.Card]:
    """`chart_card` for this request: larger text when the page faces a client
    (presenting, or a client's own login); with the `view`, a period still
    running is marked "to date" on the period axes."""
    presenting = client_view(services) is not None
    if view is None:
        return functools.partial(chart_card, presenting=presenting)
    settings = services.settings
    running = periods_to_date(settings.today(), settings.fiscal_year_start_month)

    def place(name: str, title: str, figure: go.Figure, **options) -> dbc.Card:
        mark_to_date(figure, running, view.lang)  # a builder's own figure
        return chart_card(name, title, figure, presenting=presenting, **options)

    return place
