"""The drill-down tab's content for the URL state; one renderer per tab."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import dash_bootstrap_components as dbc
from dash import Input, Output, html, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.resolved_view import ResolvedView, resolve_view
from dashboard.kernel.i18n import translator
from dashboard.services import Services
from layouts import ids

log = logging.getLogger(__name__)
TabRenderer = Callable[[Services, ResolvedView, object], list]
RENDERERS: dict[str, TabRenderer] = {}


def tab_renderer(tab: str) -> Callable[[TabRenderer], TabRenderer]:
    """Register the function that fills one tab."""

    def register(function: TabRenderer) -> TabRenderer:
        RENDERERS[tab] = function
        return function

    return register


def update_tab(services: Services, search: str | None, _ticks):
    """The charts of the active tab, or a notice when there is nothing to show."""
    try:
        with services.engine.connect() as conn:
            view = resolve_view(
                search,
                conn=conn,
                scope=services.current_scope(),
                settings=services.settings,
            )
            _ = translator(view.lang)
            if view.filters is None:
                return html.P(
                    _("Nothing to show for these filters."),
                    className="text-body-secondary",
                )
            renderer = RENDERERS.get(view.state.tab)
            if renderer is None:
                return dbc.Alert(_("This tab is not available."), color="secondary")
            return renderer(services, view, conn)
    except SQLAlchemyError:
        # The status line shows the outage; the charts on screen stay.
        log.warning("the database is unreachable; the tab keeps its charts")
        return no_update


def register(app, services: Services) -> None:
    """Attach the tab callback; importing the tab modules registers their renderers."""
    from callbacks import tab_modules  # noqa: F401 - registers renderers

    app.callback(
        Output(ids.TAB_CONTENT, "children"),
        Input(ids.PAGE_URL, "search"),
        Input(ids.REFRESH, "n_intervals"),
    )(functools.partial(update_tab, services))
