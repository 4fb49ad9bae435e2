"""The churn tab as a client sees it (presenting, a client's own login):
"Relationship health", in the client's own words. No lost clients, no reasons
other clients left, no other client and no risk band: the health score of the
client and what it is made of, and how its meetings went period by period."""

from __future__ import annotations

from dash import html

from callbacks.resolved_view import ResolvedView
from callbacks.tab_common import chart_placer, download_of, selection_names, tab_trend
from callbacks.tab_meetings import meeting_rate_trends
from dashboard.kernel.i18n import translator
from dashboard.kpis.health import client_health
from dashboard.services import Services
from layouts.charts import chart_grid
from layouts.client_page import build_health

RELATIONSHIP_TREND_KEYS = ("attendance_rate", "goal_achievement_rate")


def render_relationship(services: Services, view: ResolvedView, conn) -> list:
    """The client's health (score and components, no band) and two meeting
    trends: attendance and goals met."""
    _ = translator(view.lang)
    settings, scope = services.settings, services.current_scope()
    lang = view.lang
    health = client_health(conn, settings=settings, filters=view.filters, scope=scope)
    rows = health.to_dict("records")
    names = selection_names(view)
    card = build_health(
        rows[0] if len(rows) == 1 else None,
        client=names["clients"],
        as_of=settings.today(),
        lang=lang,
        weights=None
        if settings.health_weights_equal
        else settings.health_weights_by_name,
        show_band=False,
    )
    trend = tab_trend(services, view, conn, list(RELATIONSHIP_TREND_KEYS))
    chart_card = chart_placer(services, view)
    download = download_of(view)
    attendance, goals = meeting_rate_trends(services, view, conn, trend)
    charts = [
        chart_card(
            "meetings-attendance-trend",
            _("Attendance rate by period"),
            attendance,
            download=download,
        ),
        chart_card(
            "meetings-goals-trend",
            _("Goal achievement rate by period"),
            goals,
            download=download,
        ),
    ]
    intro = html.P(
        _(
            "How our work together is going: the health score over the last 365"
            " days and what it is made of, and how our meetings went."
        ),
        className="text-body-secondary mb-2",
    )
    return [intro, chart_grid([card], columns=1), chart_grid(charts, columns=2)]
