"""A client-facing page (presenting, or a client's own login) stays at its client:
a link or Back to the dashboard of other clients is rewritten to that client (the
server's scope already limits the data; this keeps the page from looking broken).
The page root gets the `presenting` class and the browser tab the client's name."""

from __future__ import annotations

import functools

from dash import Input, Output, State, no_update

from callbacks.account import client_view, kept_at
from callbacks.pages import render_page
from dashboard.kernel.i18n import translator
from dashboard.kernel.product import PRODUCT_NAME
from dashboard.kernel.urlstate import CLIENT_PAGE_PREFIX, parse_query, to_query
from dashboard.services import Services
from layouts import ids
from layouts.account import ClientView

PAGE_CLASS = "page"
PRESENTING_CLASS = "page presenting"


def kept_search(search: str | None, client: str) -> str | None:
    """The query showing only `client`, or None when `search` already does."""
    state = parse_query(search)
    kept = kept_at(state, client)
    if (state.clients, state.segment, state.region, state.owner) == (
        kept.clients,
        kept.segment,
        kept.region,
        kept.owner,
    ):
        return None
    return to_query(kept)


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
        kept = kept_search(search, showing.external_id)
        if kept is not None:
            search = new_search = kept
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
