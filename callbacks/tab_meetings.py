"""The meetings tab: attendance, goals and overruns over 8 periods, attendance by
client, and the meetings of the period by kind and status."""

from __future__ import annotations

from callbacks.resolved_view import ResolvedView
from callbacks.tab_common import chart_placer, download_of, selection_names, tab_trend
from callbacks.tab_targets import target_liner
from dashboard.figures.meeting_kinds import kind_status_figure
from dashboard.figures.meetings import (
    attendance_by_client_figure,
    overrun_figure,
    rate_trend_figure,
)
from dashboard.kernel.i18n import translator
from dashboard.services import Services
from data.queries.meetings_detail import attendance_by_client, meetings_by_kind_status
from data.queries.rollups import rollups_ready
from layouts.charts import chart_grid

TREND_KEYS = (
    "attendance_rate",
    "goal_achievement_rate",
    "overrun_share",
    "avg_overrun_minutes",
)


def meetings_frames(services: Services, view: ResolvedView, conn) -> dict:
    """The frames the tab's charts are drawn from (and downloaded as)."""
    settings, scope, filters = services.settings, services.current_scope(), view.filters
    window = filters.period.window(view.as_of)
    query = {
        "conn": conn,
        "filters": filters,
        "scope": scope,
        "window": window,
        "timezone": settings.timezone,
    }
    return {
        "trend": tab_trend(services, view, conn, list(TREND_KEYS)),
        "by_client": attendance_by_client(**query, rollups=rollups_ready(conn)),
        "by_kind": meetings_by_kind_status(**query),
    }


def meeting_rate_trends(services: Services, view: ResolvedView, conn, trend):
    """The attendance and goal-achievement trends, each with its agreed target
    line (the Meetings tab; a client's Relationship health)."""
    _ = translator(view.lang)
    names = selection_names(view)
    target = target_liner(services, view, conn)
    return tuple(
        target(
            rate_trend_figure(trend, key, title, view.lang, view.theme, **names), key
        )
        for key, title in (
            ("attendance_rate", _("Attendance rate")),
            ("goal_achievement_rate", _("Goal achievement rate")),
        )
    )


def render_meetings(services: Services, view: ResolvedView, conn) -> list:
    """Four charts and a fifth below: trends, clients, overruns, kinds."""
    chart_card = chart_placer(services, view)
    _ = translator(view.lang)
    download = download_of(view)
    names = selection_names(view)
    frames = meetings_frames(services, view, conn)
    trend, by_client, by_kind = frames["trend"], frames["by_client"], frames["by_kind"]
    lang, theme = view.lang, view.theme
    attendance, goals = meeting_rate_trends(services, view, conn, trend)
    click_period = _("Click a period to choose it.")
    click_client = _("Click a client to filter the page to it.")
    cards = [
        chart_card(
            "meetings-attendance-trend",
            _("Attendance rate by period"),
            attendance,
            note=click_period,
            download=download,
        ),
        chart_card(
            "meetings-attendance-clients",
            _(
                "Attendance by client: highest and lowest in {period}",
                period=names["period"],
            ),
            attendance_by_client_figure(by_client, lang, theme, **names),
            note=click_client,
            download=download,
        ),
        chart_card(
            "meetings-goals-trend",
            _("Goal achievement rate by period"),
            goals,
            note=click_period,
            download=download,
        ),
        chart_card(
            "meetings-overruns",
            _("Overruns: share of meetings and average minutes"),
            overrun_figure(trend, lang, theme, **names),
            note=click_period,
            download=download,
        ),
        chart_card(
            "meetings-kind-status",
            _("Meetings by kind and status in {period}", period=names["period"]),
            kind_status_figure(by_kind, lang, theme, **names),
            download=download,
        ),
    ]
    return [chart_grid(cards)]
