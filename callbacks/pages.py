"""The page for a path: the dashboard, a client's page, "no such page", or a
notice that the database cannot be reached (retried by the frame's timer)."""

from __future__ import annotations

import logging
from urllib.parse import quote, unquote

import dash_bootstrap_components as dbc
from dash import no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.account import header_account
from callbacks.client_page import client_page_layout
from callbacks.resolved_view import load_choices
from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import (
    CLIENT_PAGE_PREFIX,
    ViewState,
    parse_query,
    to_query,
)
from dashboard.services import Services
from layouts.account import HeaderAccount
from layouts.dashboard import build_dashboard
from layouts.presenting import build_no_page
from layouts.shell import build_header

log = logging.getLogger(__name__)


def render_page(
    services: Services, pathname: str | None, search: str | None, _ticks, view
):
    """The page for the path and language/theme; untouched when those are the same.
    A page the database could not fill is retried on a timer."""
    state = parse_query(search)
    key = {"path": pathname or "/", "lang": state.lang, "theme": state.theme}
    if view == key:
        return no_update, no_update, True
    path = key["path"]
    page = None
    if path != "/":
        try:
            with services.engine.connect() as conn:
                account = header_account(services, selected=state.clients, conn=conn)
        except SQLAlchemyError:
            account = header_account(services)
    if path.startswith(CLIENT_PAGE_PREFIX):
        external_id = unquote(path[len(CLIENT_PAGE_PREFIX) :].strip("/"))
        try:
            page = client_page_layout(services, external_id, state, account)
        except SQLAlchemyError:
            log.warning("the database is unreachable while rendering a client page")
            return _unavailable_page(state, account), None, False
    if path != "/" and page is None:
        return _no_page(state, account), key, True
    if page is not None:
        return page, key, True
    try:
        with services.engine.connect() as conn:
            choices = load_choices(
                conn, services.current_scope(), services.settings, state.clients
            )
    except SQLAlchemyError:
        log.warning("the database is unreachable while rendering the page")
        return _unavailable_page(state, header_account(services)), None, False
    account = header_account(services, selected=state.clients, choices=choices.clients)
    refresh = services.settings.refresh_seconds
    page = build_dashboard(
        state, choices, state.lang, state.theme, refresh, account=account
    )
    return page, key, True


def _no_page(state: ViewState, account: HeaderAccount | None) -> list:
    """No page at this address; on a client-facing page, only its client's."""
    client = account.showing.external_id if account and account.showing else ""
    page_href = CLIENT_PAGE_PREFIX + quote(client, safe="")
    dashboard = state.with_(clients=(client,)) if client else ViewState()
    return build_no_page(
        state.lang,
        state.theme,
        account,
        page_href=page_href + to_query(state.with_(clients=())),
        dashboard_href="/" + to_query(dashboard),
    )


def _unavailable_page(state: ViewState, account: HeaderAccount | None = None) -> list:
    _ = translator(state.lang)
    return [
        build_header(state.lang, state.theme, account),
        dbc.Container(
            dbc.Alert(
                _("The database cannot be reached right now. This page will"
                  " recover by itself when it is back."),
                color="danger",
            ),
            fluid=True,
        ),
    ]  # fmt: skip
