"""Reusable pieces: the header, the filter bar and a count card."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import PRODUCT_NAME
from layouts import ids


def build_header() -> html.Header:
    """The product bar at the top of every page."""
    return html.Header(
        dbc.Container(
            html.Span(PRODUCT_NAME, className="navbar-brand mb-0 h1"),
            fluid=True,
        ),
        className="navbar bg-body-tertiary border-bottom mb-3",
    )


def build_filter_bar() -> dbc.Row:
    """Client picker (searchable, multi-select) and period picker."""
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label("Clients", html_for=ids.CLIENT_PICKER),
                    dcc.Dropdown(
                        id=ids.CLIENT_PICKER,
                        options=[],
                        value=[],
                        multi=True,
                        searchable=True,
                        placeholder="All clients",
                    ),
                ],
                md=8,
            ),
            dbc.Col(
                [
                    dbc.Label("Quarter", html_for=ids.PERIOD_PICKER),
                    dcc.Dropdown(
                        id=ids.PERIOD_PICKER,
                        options=[],
                        value=None,
                        clearable=False,
                        searchable=True,
                        placeholder="Current quarter",
                    ),
                ],
                md=4,
            ),
        ],
        className="g-3 mb-3 filter-bar",
    )


def build_count_card(element_id: str, title: str) -> dbc.Card:
    """A card with a title and one big number, filled by a callback."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(title, className="text-body-secondary small text-uppercase"),
                html.Div("…", id=element_id, className="display-6 fw-semibold"),
            ]
        ),
        className="h-100 shadow-sm",
    )
