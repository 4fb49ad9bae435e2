"""On the meetings tab, for a client's eyes only (presenting, or a client's own
login): the client's attendance rate next to the median of all our clients."""

from __future__ import annotations

import functools
import logging

from dash import Input, Output, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.account import client_view
from callbacks.outage import raise_outage_banner
from callbacks.resolved_view import resolve_view
from dashboard.kernel.formatting import format_percent, format_period
from dashboard.kernel.urlstate import parse_query
from dashboard.kpis.benchmarks import attendance_median
from dashboard.metrics.meetings import attendance_rate
from dashboard.services import Services
from data.queries.meetings import meeting_totals
from layouts import ids
from layouts.presenting import build_benchmark_card

log = logging.getLogger(__name__)
BENCHMARK_TAB = "meetings"


def compared_client(services: Services) -> str | None:
    """The client looking at the screen: the presented one, or a client viewer's
    own; None for an internal viewer (who sees every client by name anyway)."""
    showing = client_view(services)
    return None if showing is None else showing.external_id


def update_benchmark(services: Services, search: str | None, _ticks):
    """The comparison card, or nothing (other tabs, internal viewers, too few
    clients to compare with anonymously)."""
    state = parse_query(search)
    client = compared_client(services)
    if state.tab != BENCHMARK_TAB or client is None:
        return None
    settings, scope = services.settings, services.current_scope()
    try:
        with services.engine.connect() as conn:
            view = resolve_view(search, conn=conn, scope=scope, settings=settings)
            if view.filters is None:
                return None
            window = view.filters.period.window(view.as_of)
            query = {"conn": conn, "window": window, "timezone": settings.timezone}
            totals = meeting_totals(filters=view.filters, scope=scope, **query)
            median = attendance_median(compared=client, **query)
    except SQLAlchemyError:
        log.warning("the database is unreachable; the comparison keeps its figures")
        raise_outage_banner(state.lang)
        return no_update
    if median is None:
        return None
    own = attendance_rate(totals["client_attended"], totals["client_invited"])
    return build_benchmark_card(
        client=view.choices.client_name(client),
        own=format_percent(own, view.lang),
        median=format_percent(median, view.lang),
        period=format_period(view.filters.period.label, view.lang),
        lang=view.lang,
    )


def register(app, services: Services) -> None:
    """Attach the comparison card of the meetings tab."""
    app.callback(
        Output(ids.BENCHMARK, "children"),
        Input(ids.PAGE_URL, "search"),
        Input(ids.REFRESH, "n_intervals"),
    )(functools.partial(update_benchmark, services))
