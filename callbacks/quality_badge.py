"""The dashboard headline's "Data issues (n)" badge for the current view: n is
the number of data-quality checks that fail for the filters within the viewer's
scope. Kept per data version (callbacks/cached_view.py), so the headline stays
fast; never shown on a client-facing page or to a role without the page."""

from __future__ import annotations

import functools
import logging

from dash import Input, Output, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.account import client_view
from callbacks.cached_view import cached_view
from callbacks.outage import raise_outage_banner
from callbacks.resolved_view import resolve_view
from dashboard.auth.roles import ROLES_WHO_PRESENT
from dashboard.kernel.i18n import DEFAULT_LANGUAGE
from dashboard.kernel.urlstate import (
    DEFAULT_TAB,
    DEFAULT_THEME,
    ViewState,
    parse_query,
    to_query,
)
from dashboard.quality.checks import run_checks
from dashboard.services import Services
from layouts import ids
from layouts.quality import build_quality_badge

log = logging.getLogger(__name__)


def may_see_quality(services: Services) -> bool:
    """An admin, manager or account manager on an internal view."""
    user = services.current_user()
    return (
        user is not None
        and user.role in ROLES_WHO_PRESENT
        and client_view(services) is None
    )


def client_criteria(state: ViewState) -> ViewState:
    """The link without its period and tab: the checks do not depend on them."""
    return state.with_(period=None, tab=DEFAULT_TAB)


def failing(services: Services, conn, search: str) -> tuple[int, int]:
    """(checks that fail, their rows) for the filters of `search`; (0, 0) when
    the link names a filter the viewer does not have."""
    scope, settings = services.current_scope(), services.settings
    view = resolve_view(search, conn=conn, scope=scope, settings=settings)
    if view.filters is None:
        return 0, 0
    found = run_checks(conn, settings=settings, filters=view.filters, scope=scope)
    return len(found.failed), sum(check.count for check in found.failed)


def update_badge(services: Services, search: str | None, _ticks):
    """The badge for the link's filters, or nothing."""
    if not may_see_quality(services):
        return None
    state = parse_query(search)
    kept = client_criteria(state)
    query = to_query(kept.with_(lang=DEFAULT_LANGUAGE, theme=DEFAULT_THEME))
    try:
        with services.engine.connect() as conn:
            failed, rows = cached_view(
                services, conn, "quality", query,
                lambda: failing(services, conn, query),
            )  # fmt: skip
    except SQLAlchemyError:
        log.warning("the database is unreachable; the data-issues badge stays")
        raise_outage_banner(state.lang)
        return no_update
    return build_quality_badge(failed, rows, to_query(kept), state.lang)


def register(app, services: Services) -> None:
    """Attach the badge of the dashboard's headline."""
    app.callback(
        Output(ids.QUALITY_BADGE, "children"),
        Input(ids.FILTERS_SEARCH, "data"),
        Input(ids.REFRESH, "n_intervals"),
    )(functools.partial(update_badge, services))
