"""A chart in a card: title, the graph (clickable for cross-filtering), a note;
a figure with nothing to draw is one line of text instead of an empty frame."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.figures.margins import reserve_margins
from dashboard.figures.theme import empty_message, for_presenting, in_page_theme
from dashboard.kernel.i18n import translator
from layouts import ids

GRAPH_CONFIG = {"displayModeBar": False, "responsive": True}
DOWNLOAD_PATH = "/download/"
DOWNLOAD_KINDS = ("csv", "xlsx")


def download_href(name: str, kind: str, query: str) -> str:
    """The address of chart `name`'s data as a `kind` file for the page's query."""
    return f"{DOWNLOAD_PATH}{name}.{kind}{query}"


def download_menu(name: str, query: str, lang: str) -> html.Div:
    """ "Download data: CSV · XLSX", plain links to the data behind chart `name`."""
    _ = translator(lang)
    links: list = [html.Span(_("Download data") + ": ")]
    for kind in DOWNLOAD_KINDS:
        if len(links) > 1:
            links.append(" · ")
        links.append(
            html.A(
                kind.upper(),
                href=download_href(name, kind, query),
                download="",
                className="crd-download-link",
                title=_("Download data as {kind}", kind=kind.upper()),
            )
        )
    return html.Div(links, className="crd-download small text-body-secondary")


def placed_figure(figure: go.Figure, presenting: bool = False) -> go.Figure:
    """The figure as a page shows it: in the page's theme, with larger text for a
    client's eyes (presenting, or a client's own login), and margins that already
    fit its labels, so the browser draws it once (dashboard/figures/margins.py)."""
    figure = in_page_theme(figure)
    figure = for_presenting(figure) if presenting else figure
    return reserve_margins(figure)


def chart_or_message(
    graph_id: object, figure: go.Figure, height: int, presenting: bool = False
) -> dcc.Graph | html.P:
    """The graph at a fixed height, or, for a figure with nothing to draw
    (`empty_figure`), its message as one line of text (id `ids.chart_message`)."""
    # A figure that sizes itself to its rows (wrapped labels) sets its height.
    height = int(figure.layout.height or height)
    if (message := empty_message(figure)) is not None:
        return html.P(
            message,
            id=ids.chart_message(graph_id),
            className="chart-message text-body-secondary mb-0",
        )
    return dcc.Graph(
        id=graph_id,
        figure=placed_figure(figure, presenting),
        config=GRAPH_CONFIG,
        style={"height": f"{height}px"},
    )


def chart_card(
    name: str,
    title: str,
    figure: go.Figure,
    *,
    note: str | None = None,
    height: int = 320,
    download: tuple[str, str] | None = None,
    presenting: bool = False,
) -> dbc.Card:
    """A titled card holding one chart; its id is `ids.chart(name)`. `download`
    (the page's query, its language) adds links to the chart's data;
    `presenting`: the page faces a client (callbacks.account.client_view), so
    text is larger."""
    drawn = empty_message(figure) is None
    body = [
        html.H3(title, className="h6 mb-1"),
        chart_or_message(ids.chart(name), figure, height, presenting),
    ]
    # A note explains the chart (clicks, markers): not needed without one.
    if note and drawn:
        body.append(html.P(note, className="small text-body-secondary mb-0"))
    if download is not None:
        body.append(download_menu(name, *download))
    return dbc.Card(dbc.CardBody(body, className="p-2"), className=card_class(drawn))


def card_class(drawn: bool) -> str:
    """A chart's card is as tall as its row (cards side by side line up); a card
    holding one line of text instead is as tall as its text, not a tall empty
    box beside its neighbour's chart."""
    return "chart-card h-100" if drawn else "chart-card chart-card-message"


def chart_grid(cards: list, columns: int = 2) -> dbc.Row:
    """Cards side by side on wide screens, stacked on narrow ones."""
    width = 12 // columns
    return dbc.Row(
        [dbc.Col(card, lg=width, md=12, className="mb-3") for card in cards],
        className="g-3",
    )
