"""The client page's sections, drawn from the loaded data."""

from __future__ import annotations

import functools
from urllib.parse import quote

import dash_bootstrap_components as dbc

from callbacks.client_data import ClientData
from dashboard.figures.card_values import format_value
from dashboard.figures.client import revenue_trend, survey_trend
from dashboard.figures.client_meetings import meeting_timeline
from dashboard.figures.client_projects import burn_up
from dashboard.figures.targets import with_target_line
from dashboard.figures.to_date import mark_to_date
from dashboard.kernel.i18n import translator
from dashboard.kernel.review_groups import local_review
from dashboard.kernel.urlstate import CLIENT_PAGE_PREFIX, ViewState, to_query
from layouts import ids
from layouts.client_page import build_health, build_profile, graph, section
from layouts.client_sections import (
    build_action_items,
    build_headline,
    build_projects,
)


def current_quarter_href(
    external_id: str, state: ViewState, current: str
) -> str | None:
    """The page in the `current` quarter (named: a page facing the client would
    otherwise open on the last complete one), or None when it is shown."""
    if not state.period or state.period == current:
        return None
    query = to_query(state.with_(period=current))
    return CLIENT_PAGE_PREFIX + quote(external_id, safe="") + query


def quarter_target_lines(data: ClientData, revenue, surveys, currency: str, lang):
    """The quarterly revenue and survey trends with the chosen quarter's agreed
    targets drawn (NPS and CSAT share an axis: their lines are named)."""
    targets = data.quarter_targets
    if "revenue" in targets:
        shown = format_value("revenue", targets["revenue"], lang, currency)
        revenue = with_target_line(revenue, targets["revenue"], shown, lang)
    for key in ("nps", "csat"):
        if key in targets:
            shown = f"{key.upper()} {format_value(key, targets[key], lang, currency)}"
            surveys = with_target_line(surveys, targets[key], shown, lang)
    return revenue, surveys


def build_body(
    data: ClientData, state: ViewState, currency: str, presenting: bool = False
) -> list:
    """Every section of the page from the loaded data; `presenting`: the page faces
    the client (larger chart text)."""
    _ = translator(state.lang)
    lang, theme = state.lang, state.theme
    name = data.profile["name"]
    revenue = revenue_trend(
        data.quarters,
        client=name,
        partial=data.partial_quarter,
        currency=currency,
        lang=lang,
        theme=theme,
    )
    surveys = survey_trend(
        data.quarters, client=name, partial=data.partial_quarter, lang=lang, theme=theme
    )
    revenue, surveys = quarter_target_lines(data, revenue, surveys, currency, lang)
    # The quarter still running is marked "to date" under its bar and point.
    running = {data.partial_quarter} if data.partial_quarter else set()
    mark_to_date(revenue, running, lang)
    mark_to_date(surveys, running, lang)
    timeline = meeting_timeline(
        data.meetings,
        client=name,
        start=data.meeting_window.start,
        end=data.meeting_window.t,
        timezone=data.timezone,
        lang=lang,
        theme=theme,
    )
    burn_ups = [
        (
            project,
            burn_up(
                project,
                data.spend[data.spend["project_external_id"] == project["external_id"]],
                as_of=data.as_of,
                currency=currency,
                lang=lang,
                theme=theme,
            ),
        )
        for project in data.projects
        if project["external_id"] in data.burn_up_ids
    ]
    row = functools.partial(dbc.Row, className="g-3 mb-3")
    return [
        row(
            [
                dbc.Col(build_profile(data.profile, lang), lg=3, md=6),
                dbc.Col(
                    build_health(
                        data.health,
                        client=name,
                        as_of=data.as_of,
                        lang=lang,
                        weights=data.health_weights,
                        show_band=not data.shared_items_only,
                    ),
                    lg=4,
                    md=6,
                ),
                dbc.Col(
                    section(
                        _("Revenue per quarter"),
                        graph(ids.CLIENT_REVENUE, revenue, 260, presenting),
                    ),
                    lg=5,
                ),
            ]
        ),
        build_headline(
            data.cards,
            caption=data.caption,
            notices=data.notices,
            current_href=current_quarter_href(
                data.profile["external_id"], state, data.current_quarter
            ),
            lang=lang,
            theme=theme,
        ),
        row(
            [
                dbc.Col(
                    section(
                        _("Meetings in the last 12 months"),
                        graph(ids.CLIENT_TIMELINE, timeline, 300, presenting),
                    ),
                    lg=8,
                ),
                dbc.Col(
                    section(
                        _("NPS and CSAT per quarter"),
                        graph(ids.CLIENT_SURVEYS, surveys, 300, presenting),
                    ),
                    lg=4,
                ),
            ]
        ),
        row(
            dbc.Col(
                build_action_items(
                    data.open_items,
                    client=name,
                    as_of=data.as_of,
                    lang=lang,
                    shared_only=data.shared_items_only,
                    review=local_review(data.last_review, data.timezone),
                )
            )
        ),
        row(
            dbc.Col(
                build_projects(
                    data.projects,
                    burn_ups,
                    client=name,
                    currency=currency,
                    lang=lang,
                    presenting=presenting,
                )
            )
        ),
    ]
