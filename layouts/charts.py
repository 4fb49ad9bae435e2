"""A chart in a card: title, the graph (clickable for cross-filtering), a note."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.figures.theme import in_page_theme
from layouts import ids

GRAPH_CONFIG = {"displayModeBar": False, "responsive": True}


def chart_card(
    name: str,
    title: str,
    figure: go.Figure,
    *,
    note: str | None = None,
    height: int = 320,
) -> dbc.Card:
    """A titled card holding one chart; its id is `ids.chart(name)`."""
    body = [
        html.H3(title, className="h6 mb-1"),
        dcc.Graph(
            id=ids.chart(name),
            figure=in_page_theme(figure),
            config=GRAPH_CONFIG,
            style={"height": f"{height}px"},
        ),
    ]
    if note:
        body.append(html.P(note, className="small text-body-secondary mb-0"))
    return dbc.Card(dbc.CardBody(body, className="p-2"), className="chart-card h-100")


def chart_grid(cards: list, columns: int = 2) -> dbc.Row:
    """Cards side by side on wide screens, stacked on narrow ones."""
    width = 12 // columns
    return dbc.Row(
        [dbc.Col(card, lg=width, md=12, className="mb-3") for card in cards],
        className="g-3",
    )
