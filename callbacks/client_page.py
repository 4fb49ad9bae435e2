"""The client page `/clients/<external_id>`: rendered for the path, redrawn live.

A client outside the viewer's scope is treated exactly like an unknown id.
"""

from __future__ import annotations

import functools
import logging

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.account import client_view
from callbacks.cached_view import cached_view
from callbacks.client_body import build_body
from callbacks.client_data import card_period, external_id_of, load_client_data
from callbacks.outage import raise_outage_banner
from callbacks.resolved_view import period_labels
from callbacks.review_panel import review_panel
from callbacks.targets_panel import targets_panel
from dashboard.kernel.filters import view_default_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.product import PRODUCT_NAME
from dashboard.kernel.urlstate import (
    ViewState,
    parse_query,
    report_href,
    to_query,
)
from dashboard.reports.snapshots import history
from dashboard.reports.tools import SNAPSHOTS_PATH
from dashboard.services import Services
from data.queries.choices import first_data_day
from data.queries.client_detail import client_profile
from layouts import ids
from layouts.account import HeaderAccount
from layouts.client_page import build_client_page, page_title
from layouts.report_history import HistoryEntry

log = logging.getLogger(__name__)


def back_href(external_id: str, state: ViewState) -> str:
    """The dashboard filtered to this client, in the same period, language, theme."""
    back = ViewState(
        period=state.period,
        clients=(external_id,),
        lang=state.lang,
        theme=state.theme,
    )
    return "/" + to_query(back)


def client_page_layout(
    services: Services,
    external_id: str,
    state: ViewState,
    account: HeaderAccount | None = None,
) -> list | None:
    """The page for a client the viewer may see; None for any other id."""
    if not external_id:
        return None
    with services.engine.connect() as conn:
        profile = client_profile(
            conn=conn, external_id=external_id, scope=services.current_scope()
        )
        if profile is None:
            return None
        first = first_data_day(conn=conn, scope=services.current_scope())
        settings = services.settings
        as_of, fiscal = settings.today(), settings.fiscal_year_start_month
        client_facing = not services.current_scope().internal
        period, _notices = card_period(
            state, as_of, fiscal, client_facing=client_facing
        )
        targets = targets_panel(services, conn, profile, period, state.lang)
    _ = translator(state.lang)
    return build_client_page(
        periods=period_labels(first, as_of, fiscal),
        period=state.period,
        default_period=view_default_period(
            as_of, fiscal, client_facing=client_facing
        ).label,
        name=profile["name"],
        external_id=profile["external_id"],
        back_href=back_href(profile["external_id"], state),
        title=page_title(profile["name"], _(PRODUCT_NAME)),
        report_href=report_href(
            (profile["external_id"],), state.period, state.lang, None, state.theme
        ),
        lang=state.lang,
        theme=state.theme,
        refresh_seconds=services.settings.refresh_seconds,
        account=account,
        history=history_entries(services, profile["external_id"]),
        targets=targets,
        review=review_panel(
            services, profile["external_id"], profile["name"], state.lang,
            state.theme,
        ),
    )  # fmt: skip


def history_entries(services: Services, external_id: str) -> list[HistoryEntry]:
    """The client's finalised reports the viewer may open, newest first."""
    return [
        HistoryEntry(
            period=s.period, audience=s.audience, lang=s.lang, version=s.version,
            created_by=s.created_by, created_at=s.created_at,
            href=f"{SNAPSHOTS_PATH}{s.id}",
        )
        for s in history(services.engine, external_id, services.current_scope())
    ]  # fmt: skip


def period_from_click(search: str | None, click: dict | None) -> str | None:
    """The page's query with the period a chart point stands for, or None."""
    points = (click or {}).get("points") or []
    custom = points[0].get("customdata") if points else None
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    if not isinstance(custom, str) or not custom.startswith("period:"):
        return None
    label = custom.removeprefix("period:")
    query = to_query(parse_query(search).with_(period=label))
    return None if query == (search or "") else query


def update_client_body(
    services: Services, pathname: str | None, search, _ticks, *, sent=False
):
    """The page's figures for the path and link, kept per data version
    (callbacks/cached_view.py; `sent`, the registered callback: as the JSON Dash
    sends). While the database is unreachable the figures
    already shown stay (the page's status line shows the outage)."""
    external_id = external_id_of(pathname)
    if external_id is None:
        return no_update, no_update
    state = parse_query(search)
    try:
        with services.engine.connect() as conn:
            return cached_view(
                services, conn, f"client {external_id}", search,
                lambda: client_body(services, conn, external_id, state),
                sent=sent,
            )  # fmt: skip
    except SQLAlchemyError:
        log.warning("the database is unreachable; the client page keeps its figures")
        raise_outage_banner(state.lang)
        return no_update, no_update


def client_body(
    services: Services, conn, external_id: str, state: ViewState
) -> tuple[list, str]:
    """The page's sections and where "back" leads; a notice and the dashboard
    when the viewer may not see the client (or it no longer exists)."""
    data = load_client_data(services, conn, external_id, state)
    if data is None:
        _ = translator(state.lang)
        gone = dbc.Alert(_("There is no page at this address. "), color="warning")
        return [gone], "/"
    presenting = client_view(services) is not None
    body = build_body(data, state, services.settings.currency, presenting)
    return body, back_href(external_id, state)


def follow_click(revenue_click, survey_click, search):
    """A click on a quarter of the revenue or survey chart shows that quarter."""
    click = revenue_click if ctx.triggered_id == ids.CLIENT_REVENUE else survey_click
    query = period_from_click(search, click)
    return no_update if query is None else query


def sync_period(chosen, search, picker_changed: bool):
    """The period picker and the link in step: a choice writes `?period=` (a
    new history entry, so Back returns); a new link (a chart click, Back) sets
    the picker. Returns (search, picker value)."""
    state = parse_query(search)
    if not picker_changed:
        return no_update, state.period
    if not isinstance(chosen, str) or not chosen or chosen == state.period:
        return no_update, no_update
    return to_query(state.with_(period=chosen)), no_update


def period_changed(chosen, search):
    """`sync_period` as registered, on the client page only (its own Location:
    a change of the dashboard's link sends no request for it)."""
    return sync_period(chosen, search, ctx.triggered_id == ids.CLIENT_PERIOD_PICKER)


def register(app, services: Services) -> None:
    """Attach the client page's live body, chart clicks and browser tab title."""
    app.callback(
        Output(ids.CLIENT_BODY, "children"),
        Output(ids.CLIENT_BACK, "href"),
        Input(ids.PAGE_URL, "pathname"),
        Input(ids.PAGE_URL, "search"),
        Input(ids.REFRESH, "n_intervals"),
    )(functools.partial(update_client_body, services, sent=True))
    app.callback(
        Output(ids.PAGE_URL, "search", allow_duplicate=True),
        Input(ids.CLIENT_REVENUE, "clickData"),
        Input(ids.CLIENT_SURVEYS, "clickData"),
        State(ids.PAGE_URL, "search"),
        prevent_initial_call=True,
    )(follow_click)
    app.callback(
        Output(ids.CLIENT_URL, "search"),
        Output(ids.CLIENT_PERIOD_PICKER, "value"),
        Input(ids.CLIENT_PERIOD_PICKER, "value"),
        Input(ids.CLIENT_URL, "search"),
        prevent_initial_call=True,
    )(period_changed)
    app.clientside_callback(
        """
        function(title) {
            if (title) { document.title = title; }
            return title || null;
        }
        """,
        Output(ids.CLIENT_TITLE_APPLIED, "data"),
        Input(ids.CLIENT_TITLE, "data"),
    )
