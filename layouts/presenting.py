"""Pages and parts that only make sense while presenting or to a client: the
notice instead of another client's page, the anonymous comparison card."""

from __future__ import annotations

import functools

import dash_bootstrap_components as dbc
from dash import html

from dashboard.kernel.i18n import translator
from layouts import ids
from layouts.account import HeaderAccount
from layouts.shell import build_header


def build_no_page(
    lang: str,
    theme: str,
    account: HeaderAccount | None,
    *,
    page_href: str,
    dashboard_href: str,
) -> list:
    """The page for an address without a page. While presenting (another client's
    page was asked for): why it is not shown, with links to the presented client's
    page and dashboard. A client's own login gets the same, in its own words."""
    _ = translator(lang)
    if account is not None and account.showing is not None:
        name = account.showing.name
        if account.showing.own:
            why = _("Only {client} can be shown here.", client=name)
        else:
            why = _(
                "While presenting to {client}, only {client} can be shown.", client=name
            )
        message = [
            why,
            " ",
            html.A(_("Open the page of {client}", client=name), href=page_href),
            " · ",
            html.A(_("Go to the dashboard"), href=dashboard_href),
        ]
        alert = dbc.Alert(message, color="info", id=ids.PRESENTING_NOTICE)
    else:
        message = [
            _("There is no page at this address. "),
            html.A(_("Go to the dashboard"), href=dashboard_href),
        ]
        alert = dbc.Alert(message, color="warning")
    return [build_header(lang, theme, account), dbc.Container(alert, fluid=True)]


def build_benchmark_card(
    *, client: str, own: str, median: str, period: str, lang: str
) -> dbc.Card:
    """The client's attendance rate and the median of all clients, as text."""
    _ = translator(lang)
    figure = functools.partial(html.Div, className="benchmark-value")
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(
                    _("Your attendance rate vs. the median of our clients"),
                    className="h6 mb-2",
                ),
                html.Div(
                    [
                        html.Div(
                            [figure(own), html.Div(client, className="benchmark-label")]
                        ),
                        html.Div(
                            [
                                figure(median),
                                html.Div(
                                    _("Median of our clients"),
                                    className="benchmark-label",
                                ),
                            ]
                        ),
                    ],
                    className="d-flex gap-5 flex-wrap",
                ),
                html.P(
                    _(
                        "Attended client-side invitations in held meetings, {period}."
                        " The median is over all our clients with meetings then; no"
                        " other client is named or shown.",
                        period=period,
                    ),
                    className="small text-body-secondary mb-0 mt-2",
                ),  # fmt: skip
            ],
            className="p-3",
        ),
        id=ids.BENCHMARK_CARD,
        className="benchmark-card mb-3",
    )
