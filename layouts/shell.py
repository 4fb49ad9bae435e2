"""The frame around every page: URL, stores, refresh timer, header, banners."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.kernel.i18n import LANGUAGES, translator
from dashboard.kernel.product import PRODUCT_NAME
from dashboard.kernel.urlstate import report_href
from layouts import ids
from layouts.account import (
    HeaderAccount,
    build_account_area,
    build_presenting_banner,
)


def build_frame() -> html.Div:
    """What app.layout returns: the page itself is rendered by a callback."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            dcc.Store(id=ids.VIEW, storage_type="memory"),
            dcc.Store(id=ids.THEME_APPLIED, storage_type="memory"),
            dcc.Store(id=ids.PRODUCT_TITLE, data=PRODUCT_NAME),
            dcc.Interval(id=ids.RETRY, interval=15_000, disabled=True),
            html.Div(id=ids.PAGE, className="page"),
        ]
    )


def build_page_frame(refresh_seconds: int) -> list:
    """What every data page carries: its own view of the URL, the refresh timer
    and the database banner (so its callbacks never point outside the page)."""
    return [
        dcc.Location(id=ids.PAGE_URL, refresh="callback-nav"),
        dcc.Interval(id=ids.REFRESH, interval=refresh_seconds * 1000),
        html.Div(id=ids.DB_BANNER),
        # An empty, hidden chart: it makes the browser load and compile the chart
        # library while the server computes the page's figures, not after.
        dcc.Graph(style={"display": "none"}, config={"staticPlot": True}),
    ]


SCHEDULES_PATH = "/schedules"


def may_schedule(account: HeaderAccount | None) -> bool:
    """Whether the viewer may use the Schedules page: a logged-in admin, manager
    or account manager on an internal view. The header knows this from the
    account: only those roles get "Present to…" choices, and never on a
    client-facing page (a client's login, or while presenting). An account
    manager without clients has none, and nothing to schedule either."""
    return (
        account is not None
        and account.showing is None
        and account.present_choices is not None
    )


def _schedules_link(account: HeaderAccount | None, lang: str, theme: str) -> list:
    """The header's link to the Schedules page, for viewers who may use it."""
    if not may_schedule(account):
        return []
    _ = translator(lang)
    href = SCHEDULES_PATH + "?" + urlencode({"lang": lang, "theme": theme})
    return [
        html.A(
            _("Schedules"),
            id=ids.HEADER_SCHEDULES,
            href=href,
            className="small header-report-link",
        )
    ]


UPLOAD_PATH = "/data/upload"


def _upload_link(account: HeaderAccount | None, lang: str, theme: str) -> list:
    """The header's link to the upload page, for viewers who may upload."""
    if account is None or not account.may_upload or account.showing is not None:
        return []
    href = UPLOAD_PATH + "?" + urlencode({"lang": lang, "theme": theme})
    return [
        html.A(
            translator(lang)("Data"),
            id=ids.HEADER_UPLOAD,
            href=href,
            className="small header-report-link",
        )
    ]


def build_header(
    lang: str, theme: str, account: HeaderAccount | None = None
) -> html.Header:
    """Product name, 'data as of', language and theme switches, the viewer's
    account (name, logout, "Present to…") and, while presenting, its banner."""
    _ = translator(lang)
    return html.Header(
        [
            dbc.Container(
                [
                    html.A(
                        _(PRODUCT_NAME),
                        href="/",
                        className="navbar-brand mb-0 h1 text-decoration-none",
                    ),
                    html.Span(id=ids.DATA_AS_OF, className="text-body-secondary small"),
                    html.A(
                        _("Report"),
                        id=ids.HEADER_REPORT,
                        href=report_href((), None, lang, None, theme),
                        className="small header-report-link",
                    ),
                    *_schedules_link(account, lang, theme),
                    *_upload_link(account, lang, theme),
                    html.Div(
                        [
                            dbc.RadioItems(
                                id=ids.LANGUAGE_PICKER,
                                options=[
                                    {"label": name, "value": code}
                                    for code, name in LANGUAGES.items()
                                ],
                                value=lang,
                                inline=True,
                                className="btn-group btn-group-sm",
                                inputClassName="btn-check",
                                labelClassName="btn btn-outline-secondary",
                                labelCheckedClassName="active",
                            ),
                            dbc.Switch(
                                id=ids.THEME_SWITCH,
                                label=_("Dark"),
                                value=theme == "dark",
                                className="mb-0 ms-3",
                            ),
                            *build_account_area(account, lang, theme),
                        ],
                        className="d-flex align-items-center gap-2 ms-auto flex-wrap",
                    ),
                ],
                fluid=True,
                className="d-flex align-items-center gap-3 flex-wrap",
            ),
            build_presenting_banner(account, lang, theme),
        ],
        className="navbar bg-body-tertiary border-bottom mb-3 app-header",
    )
