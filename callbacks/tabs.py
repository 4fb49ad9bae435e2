"""The drill-down tab's content for the URL state; one renderer per tab."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import dash_bootstrap_components as dbc
from dash import Input, Output, html, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.cached_view import cached_view
from callbacks.collapse import empty_line
from callbacks.outage import raise_outage_banner
from callbacks.resolved_view import ResolvedView, resolve_view
from callbacks.tab_action_items import render_action_items
from callbacks.tab_budget import render_budget
from callbacks.tab_churn import render_churn
from callbacks.tab_meetings import render_meetings
from callbacks.tab_retention import render_retention
from callbacks.tab_satisfaction import render_satisfaction
from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import parse_query
from dashboard.services import Services
from layouts import ids

log = logging.getLogger(__name__)
TabRenderer = Callable[[Services, ResolvedView, object], list]
# The tab name in the URL (`tab=`) -> the function that fills that tab.
RENDERERS: dict[str, TabRenderer] = {
    "retention": render_retention,
    "churn": render_churn,
    "meetings": render_meetings,
    "action_items": render_action_items,
    "budget": render_budget,
    "satisfaction": render_satisfaction,
}


def tab_content(services: Services, search: str | None, conn):
    """The charts of the active tab, or a notice when there is nothing to show."""
    view = resolve_view(
        search, conn=conn, scope=services.current_scope(), settings=services.settings
    )
    _ = translator(view.lang)
    if view.filters is None:
        return html.P(
            _("Nothing to show for these filters."), className="text-body-secondary"
        )
    renderer = RENDERERS.get(view.state.tab)
    if renderer is None:
        return dbc.Alert(_("This tab is not available."), color="secondary")
    content = renderer(services, view, conn)
    if len(view.filters.clients) == 1 and (line := empty_line(content)) is not None:
        return [line]
    return content


def update_tab(services: Services, search: str | None, _ticks, *, sent=False):
    """`tab_content`, kept per data version (callbacks/cached_view.py); `sent`
    (the registered callback): as the JSON Dash sends."""
    try:
        with services.engine.connect() as conn:
            return cached_view(
                services,
                conn,
                "tab",
                search,
                lambda: tab_content(services, search, conn),
                sent=sent,
            )
    except SQLAlchemyError:
        # The status line shows the outage; the charts on screen stay.
        log.warning("the database is unreachable; the tab keeps its charts")
        raise_outage_banner(parse_query(search).lang)
        return no_update


def register(app, services: Services) -> None:
    """Attach the tab callback."""
    app.callback(
        Output(ids.TAB_CONTENT, "children"),
        Input(ids.PAGE_URL, "search"),
        Input(ids.REFRESH, "n_intervals"),
    )(functools.partial(update_tab, services, sent=True))
