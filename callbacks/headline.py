"""The dashboard's headline (cards, chips, notices) and every page's status line
('data as of', database banner).

Runs when the link's filters change (it listens to the link without its tab, so a
tab switch does not call it) and on the refresh timer; the filters stay in the URL,
so a refresh never loses them. The cards are only recomputed when what they
depend on changes. A database outage
shows a banner and polls faster until the database is back.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.account import client_view
from callbacks.cached_view import cached_view, link_key, viewer_key
from callbacks.outage import OUTAGE_POLL_MS, outage_banner, raise_outage_banner
from callbacks.resolved_view import ResolvedView, resolve_view
from callbacks.shared_trend import TREND_PERIODS, keep_trend, with_tab_keys
from dashboard.figures.card_values import HEADLINE_KEYS, build_card
from dashboard.figures.client_cards import CLIENT_HEADLINE_KEYS, build_client_cards
from dashboard.kernel.catalog import INTERNAL_KEYS
from dashboard.kernel.formatting import format_day, format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import parse_query
from dashboard.kpis import kpi_headline
from dashboard.kpis.targets import client_headline, view_targets
from dashboard.services import Services
from data.db import DatabaseUnavailable, check_connection
from layouts import ids
from layouts.cards import build_kpi_grid
from layouts.filters import build_chips, segment_label

log = logging.getLogger(__name__)
SPARKLINE_PERIODS = TREND_PERIODS  # the tabs' trends share the headline's rows


def chips_for(view: ResolvedView) -> list[tuple[str, str, str]]:
    """(kind, value, label) of each active filter, labelled for people."""
    state = view.state
    chips = [("client", c, view.choices.client_name(c)) for c in state.clients]
    if state.period:
        chips.append(("period", state.period, state.period))
    if state.segment:
        label = segment_label(state.segment, view.lang)
        chips.append(("segment", state.segment, label))
    for kind in ("region", "owner"):
        if value := getattr(state, kind):
            chips.append((kind, value, value))
    return chips


def notice_alert(view: ResolvedView):
    """The notices of a link, translated, or nothing."""
    if not view.notices:
        return None
    _ = translator(view.lang)
    return dbc.Alert(
        [html.Div(_(message, **values)) for message, values in view.notices],
        color="warning",
        className="py-2",
    )


def trend_columns(trend, keys) -> dict[str, list]:
    """The trend frame as the cards take it: `period` and one list per key."""
    return {"period": list(trend.index), **{key: list(trend[key]) for key in keys}}


def client_cards(services: Services, view: ResolvedView, conn) -> list:
    """The headline of one client (the filters' only client): what matters to
    that client, with the agreed targets; no logo counts."""
    scope = services.current_scope()
    settings = services.settings
    keys = [k for k in CLIENT_HEADLINE_KEYS if scope.internal or k not in INTERNAL_KEYS]
    found = client_headline(
        conn,
        settings=settings,
        filters=view.filters,
        scope=scope,
        keys=with_tab_keys(keys),
        periods=SPARKLINE_PERIODS,
    )
    keep_trend(services, conn, view.filters, found.trend)
    cards = build_client_cards(
        found.report,
        trend_columns(found.trend, keys),
        health=found.health,
        project=found.project,
        targets=found.targets,
        keys=tuple(keys),
        lang=view.lang,
        currency=settings.currency,
        internal=scope.internal,
        as_of=view.as_of,
        to_date=running_period(view),
    )
    return build_kpi_grid(cards, view.lang, view.state.theme)


def running_period(view: ResolvedView) -> str | None:
    """The label of the view's period when it is still running (its cards say
    "to date"), else None."""
    return view.filters.period.running_label(view.as_of)


def headline(services: Services, view: ResolvedView, conn) -> list:
    """The cards for the resolved filters (internal figures only for insiders):
    one client's own headline, or the portfolio's for any wider selection."""
    if len(view.filters.clients) == 1:
        return client_cards(services, view, conn)
    facing = client_view(services)
    if facing is not None:
        # A client-facing page is its one client's, even before its link says so.
        filters = replace(view.filters, clients=(facing.external_id,))
        return client_cards(services, replace(view, filters=filters), conn)
    scope = services.current_scope()
    keys = [k for k in HEADLINE_KEYS if scope.internal or k not in INTERNAL_KEYS]
    report, trend = kpi_headline(
        conn,
        settings=services.settings,
        filters=view.filters,
        scope=scope,
        keys=with_tab_keys(keys),
        periods=SPARKLINE_PERIODS,
    )
    keep_trend(services, conn, view.filters, trend)
    columns = trend_columns(trend, keys)
    currency = services.settings.currency
    targets = view_targets(conn, filters=view.filters, scope=scope)
    to_date = running_period(view)
    cards = [
        build_card(
            key,
            report,
            columns,
            view.lang,
            currency,
            shared_only=not scope.internal,
            target=targets.get(key),
            to_date=to_date,
        )
        for key in keys
    ]
    return build_kpi_grid(cards, view.lang, view.state.theme)


def headline_key(services: Services, search: str | None, ticks) -> str:
    """What the headline depends on: the viewer's scope (hashed), the link without
    its tab (notices included), the refresh tick and the as-of day. Apart from the
    scope it only repeats what the request said, so it tells nothing of the data."""
    return json.dumps(
        [
            viewer_key(services),
            *link_key(search, with_tab=False),
            ticks,
            services.settings.today().isoformat(),
        ],
        ensure_ascii=False,
        default=str,
    )


def main_outputs(services: Services, search: str | None, conn) -> tuple:
    """Cards, chips, notice and caption for the URL's filters."""
    view = resolve_view(
        search, conn=conn, scope=services.current_scope(), settings=services.settings
    )
    cards = headline(services, view, conn) if view.filters else []
    _ = translator(view.lang)
    caption = ""
    if view.filters is not None:
        period = view.filters.period
        window = period.window(view.as_of)
        caption = _(
            "{period}: {start} to {end}",
            period=format_period(period.label, view.lang),
            start=format_day(window.start, view.lang),
            end=format_day(window.t, view.lang),
        )
        if not period.is_over(view.as_of):
            caption += " · " + _("to date")
    else:
        message = _("Nothing to show for these filters.")
        cards = [html.P(message, className="text-body-secondary")]
    # On a client-facing page the filters are locked: chips without remove buttons.
    removable = client_view(services) is None
    chips = build_chips(chips_for(view), view.lang, removable=removable)
    return cards, chips, notice_alert(view), caption


def update_main(
    services: Services,
    search: str | None,
    ticks,
    shown: str | None = None,
    *,
    sent: bool = False,
):
    """Cards, chips, notice and caption for the URL's filters, and the key they
    were computed for; nothing changes when `shown` (the key of what is on
    screen) is still current, e.g. after a switch of tabs. The outputs are kept
    per data version (callbacks/cached_view.py); `sent` (the registered
    callback): as the JSON Dash sends."""
    key = headline_key(services, search, ticks)
    if key == shown:
        return (no_update,) * 5
    try:
        with services.engine.connect() as conn:
            outputs = cached_view(
                services,
                conn,
                "headline",
                search,
                lambda: main_outputs(services, search, conn),
                sent=sent,
            )
    except SQLAlchemyError:
        # The banner shows the outage; keep what is on screen.
        log.warning("the database is unreachable; the cards keep their figures")
        raise_outage_banner(parse_query(search).lang)
        return (no_update,) * 5
    return (*outputs, key)


def update_status(services: Services, search: str | None, _ticks):
    """'Data as of', the database banner, and the refresh interval (on every page):
    while the database is away the page checks every few seconds."""
    settings = services.settings
    lang = parse_query(search).lang
    _ = translator(lang)
    try:
        check_connection(services.engine)
    except DatabaseUnavailable:
        log.warning("the database is unreachable; showing the outage banner")
        return no_update, outage_banner(lang), OUTAGE_POLL_MS
    as_of = _(
        "Data as of {date}", date=format_day(settings.today(), parse_query(search).lang)
    )
    return as_of, None, settings.refresh_seconds * 1000


def status_on_tick(services: Services, ticks, search: str | None):
    """`update_status` as registered: on the timer and when the page is drawn, not
    on every change of the link (a tab switch changes neither the date nor the
    database's state; a new language draws a new page)."""
    return update_status(services, search, ticks)


def register(app, services: Services) -> None:
    """Attach the headline callback."""
    app.callback(
        Output(ids.KPI_GRID, "children"),
        Output(ids.CHIPS, "children"),
        Output(ids.NOTICE, "children"),
        Output(ids.PERIOD_CAPTION, "children"),
        Output(ids.CARDS_KEY, "data"),
        Input(ids.FILTERS_SEARCH, "data"),
        Input(ids.REFRESH, "n_intervals"),
        State(ids.CARDS_KEY, "data"),
    )(functools.partial(update_main, services, sent=True))
    app.callback(
        Output(ids.DATA_AS_OF, "children"),
        Output(ids.DB_BANNER, "children"),
        Output(ids.REFRESH, "interval"),
        Input(ids.REFRESH, "n_intervals"),
        State(ids.PAGE_URL, "search"),
    )(functools.partial(status_on_tick, services))
