"""From a URL to what may be shown: validated filters within the viewer's scope.

Unknown clients, regions or owners in a link are never widened to the portfolio:
the page says what it did not recognise and shows nothing until the user chooses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from dashboard.kernel.filters import (
    SEGMENTS,
    FilterChoices,
    Filters,
    view_default_period,
)
from dashboard.kernel.formatting import format_period
from dashboard.kernel.i18n import join_list
from dashboard.kernel.periods import PeriodError, parse_period, periods_between
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kernel.urlstate import ViewState, parse_query
from data.queries.choices import named_clients, scope_choices
from layouts.filters import CLIENT_OPTIONS_MAX

Notice = tuple[str, dict]
MONTHS_OFFERED = 36


@dataclass(frozen=True)
class ResolvedView:
    """The URL state, the filters to apply (None: show nothing) and the notices."""

    state: ViewState
    filters: Filters | None
    choices: FilterChoices
    notices: tuple[Notice, ...]
    as_of: dt.date

    @property
    def lang(self) -> str:
        """The page language."""
        return self.state.lang

    @property
    def theme(self) -> str:
        """The page theme."""
        return self.state.theme


def period_labels(first: dt.date | None, as_of: dt.date, fiscal_month: int) -> tuple:
    """Quarters newest first, then years, then the last 36 months."""
    first = first or as_of
    quarters = periods_between(first, as_of, "quarter", fiscal_month)
    years = periods_between(first, as_of, "year", fiscal_month)
    months = periods_between(first, as_of, "month", fiscal_month)[-MONTHS_OFFERED:]
    groups = (quarters, years, months)
    return tuple(period.label for group in groups for period in reversed(group))


def load_choices(
    conn: Connection, scope: Scope, settings: Settings, chosen: Sequence[str] = ()
) -> FilterChoices:
    """What the filter bar offers within the scope: the first CLIENT_OPTIONS_MAX
    clients by name, then those of `chosen` that are there and not among them
    (never the whole list: the picker searches the rest on the server), every
    region and owner."""
    offered = scope_choices(conn, scope, CLIENT_OPTIONS_MAX)
    first_by_name = offered.first_by_name
    named = named_clients(conn=conn, scope=scope, external_ids=chosen) if chosen else []
    # The first by name lead, in the database's order; chosen ones beyond follow.
    clients = [*first_by_name, *(pair for pair in named if pair not in first_by_name)]
    return FilterChoices(
        clients=tuple(clients),
        periods=period_labels(
            offered.first_day, settings.today(), settings.fiscal_year_start_month
        ),
        regions=offered.regions,
        owners=offered.owners,
    )


# A segment, region or owner in a link that is not one of the choices.
UNKNOWN_FILTER_MESSAGES = {
    "segment": "Unknown segment “{value}”; nothing is shown. Choose another or reset"
    " the filters.",
    "region": "Unknown region “{value}”; nothing is shown. Choose another or reset"
    " the filters.",
    "owner": "Unknown owner “{value}”; nothing is shown. Choose another or reset"
    " the filters.",
}


def resolve_view(
    search: str | None, *, conn: Connection, scope: Scope, settings: Settings
) -> ResolvedView:
    """Parse the URL, check every filter against the database, decide what to show."""
    state = parse_query(search)
    notices: list[Notice] = list(state.notices)

    def note(message: str, **values: object) -> None:
        notices.append((message, values))

    choices = load_choices(conn, scope, settings, state.clients)
    as_of = settings.today()
    month = settings.fiscal_year_start_month
    # A page facing a client opens on the last complete quarter (a review's).
    current = view_default_period(as_of, month, client_facing=not scope.internal)
    period = current
    if state.period:
        try:
            period = parse_period(state.period, month)
        except PeriodError:
            note(
                "“{period}” is not a period; showing {default}.",
                period=state.period[:40],
                default=format_period(current.label, state.lang),
            )
            period = current
        if period.start > as_of:
            note(
                "{period} has not started yet; showing {default}.",
                period=format_period(period.label, state.lang),
                default=format_period(current.label, state.lang),
            )
            period = current
    # Unknown narrowing filters are never widened to the portfolio.
    show_nothing = False
    known = {external_id for external_id, _name in choices.clients}
    unknown = [c for c in state.clients if c not in known]
    if unknown:
        show_nothing = True
        note(
            "No client {clients} here; nothing is shown for it. Choose clients or"
            " reset the filters.",
            clients=join_list((c[:40] for c in unknown), state.lang),
        )
    allowed = {"segment": SEGMENTS, "region": choices.regions, "owner": choices.owners}
    for kind, message in UNKNOWN_FILTER_MESSAGES.items():
        value = getattr(state, kind)
        if value is not None and value not in allowed[kind]:
            show_nothing = True
            note(message, value=value[:40])
    filters = None
    if not show_nothing:
        filters = Filters(
            period=period,
            clients=state.clients,
            segment=state.segment,
            region=state.region,
            owner=state.owner,
        )
    return ResolvedView(state, filters, choices, tuple(notices), as_of)
