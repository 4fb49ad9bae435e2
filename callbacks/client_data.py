"""What the client page shows, loaded for one client within the viewer's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import unquote

import pandas as pd
from sqlalchemy import Connection

from callbacks.tab_common import TREND_PERIODS
from dashboard.figures.card_values import CardModel
from dashboard.figures.client_cards import CLIENT_HEADLINE_KEYS, build_client_cards
from dashboard.figures.client_meetings import kind_labels, local_starts
from dashboard.kernel.catalog import INTERNAL_KEYS
from dashboard.kernel.filters import Filters, view_default_period
from dashboard.kernel.formatting import format_day, format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.periods import (
    Period,
    PeriodError,
    Window,
    parse_period,
    period_containing,
)
from dashboard.kernel.review_groups import REVIEW_KINDS
from dashboard.kernel.urlstate import CLIENT_PAGE_PREFIX, ViewState
from dashboard.kpis import kpi_trend
from dashboard.kpis.targets import client_headline
from dashboard.metrics.budget import project_figures
from dashboard.services import Services
from data.queries.budget import project_inputs
from data.queries.client_detail import (
    client_meetings,
    client_profile,
    last_held_reviews,
    open_action_items,
    project_spend_by_day,
)

# The client headline's cards (the health score has a section of its own here),
# and the client's meeting cost for those who may see it.
CLIENT_KEYS = (*CLIENT_HEADLINE_KEYS, "meeting_cost")
TREND_KEYS = ("revenue", "nps", "nps_n", "csat", "csat_n")
MEETING_DAYS = 365
BURN_UP_LIMIT = 6
LIFETIME_START = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class ClientData:
    """Plain values and small frames for every section of the client page."""

    profile: dict
    as_of: dt.date
    timezone: str
    cards: list[CardModel]
    caption: str
    notices: list[str]
    health: dict | None
    health_weights: dict[str, float] | None  # None: equal weights
    quarters: pd.DataFrame  # index: quarter label; columns: TREND_KEYS
    partial_quarter: str | None
    meetings: pd.DataFrame
    meeting_window: Window
    open_items: list[dict]
    last_review: dt.datetime | None  # the start of the last held review (UTC)
    current_quarter: str  # the label of the quarter containing as_of
    shared_items_only: bool  # a client-facing scope: internal items are left out
    projects: list[dict]
    spend: pd.DataFrame
    burn_up_ids: list[str]  # the projects that get a burn-up chart
    # The agreed targets of a chosen quarter, drawn on the quarterly trends.
    quarter_targets: dict[str, float] = field(default_factory=dict)


def external_id_of(pathname: str | None) -> str | None:
    """The client's external id in a `/clients/<id>` path, or None."""
    path = pathname or ""
    if not path.startswith(CLIENT_PAGE_PREFIX):
        return None
    return unquote(path[len(CLIENT_PAGE_PREFIX) :].strip("/")) or None


def card_period(
    state: ViewState, as_of: dt.date, fiscal_month: int, client_facing: bool = False
):
    """The period of the link (`?period=`), or the default (this quarter; the
    last complete one on a page facing the client), and any notice."""
    _ = translator(state.lang)
    current = view_default_period(as_of, fiscal_month, client_facing=client_facing)
    if not state.period:
        return current, []
    try:
        period = parse_period(state.period, fiscal_month)
    except PeriodError:
        message = _(
            "“{period}” is not a period; showing {default}.",
            period=state.period[:40],
            default=format_period(current.label, state.lang),
        )
        return current, [message]
    if period.start > as_of:
        message = _(
            "{period} has not started yet; showing {default}.",
            period=format_period(period.label, state.lang),
            default=format_period(current.label, state.lang),
        )
        return current, [message]
    return period, []


def period_caption(period: Period, as_of: dt.date, lang: str) -> str:
    """`2026-Q3: Jul 1, 2026 to Aug 15, 2026 · to date`."""
    _ = translator(lang)
    window = period.window(as_of)
    caption = _(
        "{period}: {start} to {end}",
        period=format_period(period.label, lang),
        start=format_day(window.start, lang),
        end=format_day(window.t, lang),
    )
    return caption + (" · " + _("to date") if not period.is_over(as_of) else "")


def meeting_label(kind: str | None, start, timezone: str, lang: str) -> str | None:
    """`QBR, Jul 3, 2026` for an item's meeting (local date), or None."""
    if kind is None or start is None or pd.isna(start):
        return None
    local = local_starts(pd.Series([start]), timezone).iloc[0]
    return f"{kind_labels(lang).get(kind, kind)}, {format_day(local.date(), lang)}"


def load_projects(conn: Connection, services: Services, filters: Filters):
    """Projects started by as_of with their figures at as_of, newest first, and
    the ids of those that overlap the last 12 months (at most 6, for burn-ups)."""
    as_of = services.settings.today()
    lifetime = Window(LIFETIME_START, as_of)
    scope = services.current_scope()
    inputs = project_inputs(conn=conn, filters=filters, scope=scope, window=lifetime)
    figures = project_figures(inputs, as_of).assign(
        start_on=list(inputs["start_on"]), end_on=list(inputs["end_on"])
    )
    figures = figures.sort_values(
        ["start_on", "external_id"], ascending=[False, True], kind="stable"
    )
    projects = figures.astype(object).where(figures.notna(), None).to_dict("records")
    recent = as_of - dt.timedelta(days=MEETING_DAYS - 1)
    recent_ids = [p["external_id"] for p in projects if p["end_on"] >= recent]
    spend = project_spend_by_day(
        conn=conn, filters=filters, scope=scope, window=lifetime
    )
    return projects, recent_ids[:BURN_UP_LIMIT], spend


def load_client_data(
    services: Services, conn: Connection, external_id: str, state: ViewState
) -> ClientData | None:
    """Everything the page shows for the client; None when the viewer may not see
    it (or it no longer exists)."""
    settings = services.settings
    scope = services.current_scope()
    profile = client_profile(conn=conn, external_id=external_id, scope=scope)
    if profile is None:
        return None
    lang = state.lang
    as_of = settings.today()
    fiscal = settings.fiscal_year_start_month
    period, notices = card_period(
        state, as_of, fiscal, client_facing=not scope.internal
    )
    filters = Filters(period=period, clients=(external_id,))
    keys = [k for k in CLIENT_KEYS if scope.internal or k not in INTERNAL_KEYS]
    wanted = list(dict.fromkeys([*keys, *TREND_KEYS]))
    found = client_headline(
        conn,
        settings=settings,
        filters=filters,
        scope=scope,
        keys=wanted,
        periods=TREND_PERIODS,
    )
    trend = found.trend
    columns = {"period": list(trend.index), **{k: list(trend[k]) for k in keys}}
    cards = build_client_cards(
        found.report,
        columns,
        health=found.health,
        project=found.project,
        targets=found.targets,
        keys=tuple(keys),
        lang=lang,
        currency=settings.currency,
        internal=scope.internal,
        as_of=as_of,
        with_health=False,
        to_date=period.running_label(as_of),
    )
    quarter = period
    if period.kind != "quarter":
        quarter = period_containing(period.window(as_of).t, "quarter", fiscal)
        trend = kpi_trend(
            conn,
            settings=settings,
            filters=filters.with_period(quarter),
            scope=scope,
            keys=TREND_KEYS,
            periods=TREND_PERIODS,
        )
    meeting_window = Window(as_of - dt.timedelta(days=MEETING_DAYS - 1), as_of)
    meetings = client_meetings(
        conn=conn,
        filters=filters,
        scope=scope,
        window=meeting_window,
        timezone=settings.timezone,
    )
    items = open_action_items(conn=conn, filters=filters, scope=scope, as_of=as_of)
    open_items = [
        {
            "title": item["title"],
            "owner": item["owner"],
            "due_on": item["due_on"],
            "meeting": meeting_label(
                item["meeting_kind"], item["meeting_start"], settings.timezone, lang
            ),
            "created_on": item["created_on"],
            "meeting_start": item["meeting_start"],
        }
        for item in items.to_dict("records")
    ]
    reviews = last_held_reviews(
        conn=conn, filters=filters, scope=scope, as_of=as_of, kinds=REVIEW_KINDS
    )
    projects, burn_up_ids, spend = load_projects(conn, services, filters)
    return ClientData(
        profile=profile,
        as_of=as_of,
        timezone=settings.timezone,
        cards=cards,
        caption=period_caption(period, as_of, lang),
        notices=notices,
        health=found.health,
        health_weights=None
        if settings.health_weights_equal
        else settings.health_weights_by_name,
        quarters=trend.loc[:, list(TREND_KEYS)],
        partial_quarter=quarter.running_label(as_of),
        meetings=meetings,
        meeting_window=meeting_window,
        open_items=open_items,
        last_review=reviews.get(external_id),
        current_quarter=period_containing(as_of, "quarter", fiscal).label,
        shared_items_only=not scope.internal,
        projects=projects,
        spend=spend,
        burn_up_ids=burn_up_ids,
        quarter_targets=found.targets if period.kind == "quarter" else {},
    )
