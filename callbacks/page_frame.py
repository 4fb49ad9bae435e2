"""A client-facing page (presenting, or a client's own login) stays at its client:
a link or Back to the dashboard of other clients is rewritten to that client (the
server's scope already limits the data; this keeps the page from looking broken).
The page root gets the `presenting` class and the browser tab the client's name."""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import unquote

from dash import ALL, Input, Output, State, ctx, no_update

from callbacks.account import client_view, kept_at
from callbacks.pages import render_page
from dashboard.kernel.filters import last_complete_period
from dashboard.kernel.formatting import format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.periods import PeriodError, parse_period
from dashboard.kernel.product import PRODUCT_NAME
from dashboard.kernel.urlstate import CLIENT_PAGE_PREFIX, parse_query, to_query
from dashboard.services import Services
from layouts import ids
from layouts.account import (
    BANNER_LINK_TYPE,
    BANNER_PERIOD_TYPE,
    ClientView,
    client_page_link,
)

PAGE_CLASS = "page"
PRESENTING_CLASS = "page presenting"


def kept_search(
    search: str | None, client: str, period: str | None = None
) -> str | None:
    """The query showing only `client` (and `period` when the link names none),
    or None when `search` already does."""
    state = parse_query(search)
    kept = kept_at(state, client)
    if period and not state.period:
        kept = kept.with_(period=period)
    if (state.period, state.clients, state.segment, state.region, state.owner) == (
        kept.period,
        kept.clients,
        kept.segment,
        kept.region,
        kept.owner,
    ):
        return None
    return to_query(kept)


def own_page(pathname: str | None, showing: ClientView) -> bool:
    """Whether the path is the page of the client a page faces."""
    path = pathname or ""
    prefix = CLIENT_PAGE_PREFIX
    return path.startswith(prefix) and unquote(path[len(prefix) :].strip("/")) == (
        showing.external_id
    )


def review_period(services: Services) -> str:
    """The label of the period a client-facing page opens on: the last complete
    quarter."""
    settings = services.settings
    return last_complete_period(
        settings.today(), settings.fiscal_year_start_month
    ).label


def banner_period_text(
    search: str | None, as_of: dt.date, fiscal_start_month: int
) -> str:
    """The banner's period, for the client: "— review of 2026-Q3", or
    "— 2026-Q4 to date" for a period not over yet. A link without a period (or
    with one that cannot be shown) shows the last complete quarter, as its page."""
    state = parse_query(search)
    _ = translator(state.lang)
    period = last_complete_period(as_of, fiscal_start_month)
    if state.period:
        try:
            chosen = parse_period(state.period, fiscal_start_month)
        except PeriodError:
            chosen = period
        period = chosen if chosen.start <= as_of else period
    shown = format_period(period.label, state.lang)
    if not period.is_over(as_of):
        return " — " + _("{period} to date", period=shown)
    return " — " + _("review of {period}", period=shown)


def update_banner(services: Services, search: str | None, shown: int = 1):
    """The banner's period (`banner_period_text`) and its link to the client's
    page in the link's period, for each of the `shown` banners (none off a
    client-facing page)."""
    showing = client_view(services)
    if not shown or showing is None:
        return [None] * shown, [None] * shown
    settings = services.settings
    text = banner_period_text(
        search, settings.today(), settings.fiscal_year_start_month
    )
    state = parse_query(search)
    link = client_page_link(showing, state.lang, state.theme, state.period)
    return [text] * shown, [link] * shown


def banner_on_change(services: Services, search: str | None):
    """`update_banner` as registered: one value per banner on the page."""
    return update_banner(services, search, len(ctx.outputs_list[0]))


def page_title(
    pathname: str | None, lang: str, showing: ClientView | None
) -> str | None:
    """The browser tab's title; None on a client page, which sets its own."""
    product = translator(lang)(PRODUCT_NAME)
    if showing is not None:
        return f"{showing.name} · {product}"
    if (pathname or "").startswith(CLIENT_PAGE_PREFIX):
        return None
    return product


def render_frame(services: Services, pathname, search, ticks, view):
    """render_page, with the URL kept at the client of a client-facing page;
    also the page root's class and the browser tab's title."""
    showing = client_view(services)
    new_search = no_update
    if showing is not None and (pathname or "/") == "/":
        kept = kept_search(search, showing.external_id, review_period(services))
        if kept is not None:
            search = new_search = kept
    elif showing is not None and own_page(pathname, showing):
        state = parse_query(search)
        if not state.period:
            search = new_search = to_query(state.with_(period=review_period(services)))
    page, key, retry_off = render_page(services, pathname, search, ticks, view)
    if page is no_update:
        return page, key, retry_off, new_search, no_update, no_update
    lang = parse_query(search).lang
    page_class = PAGE_CLASS if showing is None else PRESENTING_CLASS
    title = page_title(pathname, lang, showing)
    return page, key, retry_off, new_search, page_class, title


def register(app, services: Services) -> None:
    """Attach the page renderer."""
    app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.VIEW, "data"),
        Output(ids.RETRY, "disabled"),
        Output(ids.URL, "search"),
        Output(ids.PAGE, "className"),
        Output(ids.PRODUCT_TITLE, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        Input(ids.RETRY, "n_intervals"),
        State(ids.VIEW, "data"),
    )(functools.partial(render_frame, services))
    app.callback(
        Output({"type": BANNER_PERIOD_TYPE, "index": ALL}, "children"),
        Output({"type": BANNER_LINK_TYPE, "index": ALL}, "children"),
        Input(ids.URL, "search"),
    )(functools.partial(banner_on_change, services))
