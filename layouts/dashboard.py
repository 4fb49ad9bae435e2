"""The dashboard page: filters, headline cards and the drill-down tabs."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.kernel.filters import FilterChoices
from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import TABS, ViewState
from layouts import ids
from layouts.account import HeaderAccount
from layouts.filters import build_filter_bar
from layouts.shell import build_header, build_page_frame

TAB_TITLES = {
    "retention": "Retention",
    "churn": "Churn",
    "meetings": "Meetings",
    "action_items": "Action items",
    "budget": "Budget",
    "satisfaction": "Satisfaction",
}
# A page facing the client (presenting, a client's own login) names the churn
# tab for what it shows there: the client's own relationship health.
CLIENT_TAB_TITLES = TAB_TITLES | {"churn": "Relationship health"}


def build_dashboard(
    state: ViewState,
    choices: FilterChoices,
    lang: str,
    theme: str,
    refresh_seconds: int,
    *,
    account: HeaderAccount | None = None,
) -> list:
    """The whole page for a URL state; figures arrive through callbacks. While
    `account` shows a client-facing page, the filters are locked to its client."""
    _ = translator(lang)
    locked = account is not None and account.showing is not None
    titles = CLIENT_TAB_TITLES if locked else TAB_TITLES
    return [
        *build_page_frame(refresh_seconds),
        dcc.Location(id=ids.DASHBOARD_URL, refresh="callback-nav"),
        build_header(lang, theme, account),
        dbc.Container(
            [
                build_filter_bar(state, choices, lang, locked=locked),
                html.Div(id=ids.NOTICE),
                html.Div(id=ids.PERIOD_CAPTION, className="text-body-secondary small"),
                html.Div(id=ids.QUALITY_BADGE, className="small"),
                dcc.Store(id=ids.CARDS_KEY),
                dcc.Store(id=ids.FILTERS_SEARCH),
                dcc.Store(id=ids.CHIP_CLICK),
                dcc.Store(id=ids.CHART_CLICK),
                dcc.Loading(
                    html.Div(id=ids.KPI_GRID, className="kpi-grid my-2"),
                    type="dot",
                    delay_show=300,
                ),
                dbc.Tabs(
                    [dbc.Tab(label=_(titles[tab]), tab_id=tab) for tab in TABS],
                    id=ids.TABS,
                    active_tab=state.tab,
                    className="mt-3",
                ),
                # Only a client's eyes get the comparison: elsewhere its
                # callback then never runs (no request on every change).
                *([html.Div(id=ids.BENCHMARK)] if locked else []),
                dcc.Loading(
                    html.Div(id=ids.TAB_CONTENT, className="tab-body pt-3"),
                    type="circle",
                    delay_show=300,
                ),
            ],
            fluid=True,
            className="pb-4",
        ),
    ]
