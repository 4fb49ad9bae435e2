"""The Retention tab: cohorts, logo retention and churn, NRR/GRR, revenue bridge."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from sqlalchemy import Connection

from callbacks.resolved_view import ResolvedView
from callbacks.tab_common import chart_placer, download_of, selection_text, tab_trend
from callbacks.tab_targets import target_liner
from dashboard.figures import retention as figures
from dashboard.kernel.formatting import format_count, format_period
from dashboard.kernel.i18n import translator
from dashboard.kpis import cohort_retention
from dashboard.kpis.context import KpiContext
from dashboard.metrics import revenue as revenue_metrics
from dashboard.services import Services
from data.queries.revenue import revenue_by_client_many
from data.queries.rollups import rollup_timezone
from layouts.charts import chart_grid


def bridge_values(by_client: pd.DataFrame) -> dict[str, float] | None:
    """The revenue bridge of the NRR base B, in currency units; None without B.

    start = Σ_B rev(P-1y), end = Σ_B rev(P); `other` is what churned clients of B
    still billed in P below 0 (credit notes), so the steps add up to `end`.
    """
    base = revenue_metrics.retention_base(by_client)
    if base.empty:
        return None
    start = int(base["year_earlier"].sum()) / revenue_metrics.CENTS
    end = int(base["current"].sum()) / revenue_metrics.CENTS
    expansion = revenue_metrics.expansion(by_client) or 0.0
    contraction = revenue_metrics.contraction(by_client) or 0.0
    churned = revenue_metrics.churned_revenue(by_client) or 0.0
    other = int(base.loc[base["current"] < 0, "current"].sum()) / revenue_metrics.CENTS
    return {
        "start": start,
        "expansion": expansion,
        "contraction": contraction,
        "churned": churned,
        "other": other,
        "end": end,
    }


def revenue_bridge_data(
    services: Services, view: ResolvedView, conn: Connection
) -> dict[str, float] | None:
    """Per-client revenue in P and in its year-earlier window, as the NRR card
    counts it."""
    ctx = KpiContext.for_period(
        services.settings, view.filters, services.current_scope()
    )
    (by_client,) = revenue_by_client_many(
        conn=conn,
        filters=ctx.filters,
        scope=ctx.scope,
        windows=[{"current": ctx.window, "year_earlier": ctx.year_earlier}],
        rollups=rollup_timezone(conn) is not None,
    )
    return bridge_values(by_client)


def retention_frames(services: Services, view: ResolvedView, conn) -> dict:
    """The frames the tab's charts are drawn from (and downloaded as)."""
    return {
        "cohorts": cohort_retention(
            conn,
            settings=services.settings,
            filters=view.filters,
            scope=services.current_scope(),
        ),
        "trend": tab_trend(
            services, view, conn, ["retention_rate", "churn_rate", "nrr", "grr"]
        ),
        "bridge": revenue_bridge_data(services, view, conn),
    }


def render_retention(services: Services, view: ResolvedView, conn) -> list:
    """Cohort heatmap, retention/churn and NRR/GRR trends, revenue bridge."""
    chart_card = chart_placer(services, view)
    _ = translator(view.lang)
    download = download_of(view)
    lang, theme = view.lang, view.theme
    who = selection_text(view)
    period = view.filters.period
    frames = retention_frames(services, view, conn)
    matrix, trend, bridge = frames["cohorts"], frames["trend"], frames["bridge"]
    labels = {
        "period": format_period(period.label, view.lang),
        "year_earlier": format_period(period.year_earlier().label, view.lang),
        "who": who,
    }
    currency = services.settings.currency
    shown = figures.recent_cohorts(matrix)
    cohort_note = _(
        "Share of each cohort still a client at the end of each later quarter;"
        " quarters not over yet are left empty."
    )
    total = int((matrix[figures.SIZE] > 0).sum()) if not matrix.empty else 0
    if len(shown.index) < total:
        cohort_note += " " + _(
            "The {shown} most recent of {total} cohorts.",
            shown=format_count(len(shown.index), view.lang),
            total=format_count(total, view.lang),
        )
    cohorts = chart_card(
        "retention-cohorts",
        _("Cohort retention by onboarding quarter"),
        figures.cohort_heatmap(shown, who, lang, theme),
        note=cohort_note,
        height=max(340, 30 * len(shown.index) + 110),
        download=download,
    )
    bridge_card = chart_card(
        "retention-bridge",
        _(
            "Revenue bridge {start} → {end}",
            start=labels["year_earlier"],
            end=labels["period"],
        ),
        figures.revenue_bridge(bridge, labels, currency, lang, theme),
        note=_(
            "Clients billed in {period}; both periods counted to the same day.",
            period=labels["year_earlier"],
        ),
        height=max(340, 30 * len(shown.index) + 110),
        download=download,
    )
    target = target_liner(services, view, conn)
    trends = [
        chart_card(
            "retention-rates",
            _("Logo retention and churn rate"),
            target(
                figures.rate_trend(trend, who, lang, theme),
                "retention_rate",
                _("Retention rate"),
            ),
            note=_("Click a period to choose it."),
            download=download,
        ),
        chart_card(
            "retention-nrr",
            _("Net and gross revenue retention"),
            target(figures.nrr_trend(trend, who, lang, theme), "nrr", "NRR"),
            note=_("Click a period to choose it."),
            download=download,
        ),
    ]
    top = dbc.Row(
        [
            dbc.Col(cohorts, lg=7, md=12, className="mb-3"),
            dbc.Col(bridge_card, lg=5, md=12, className="mb-3"),
        ],
        className="g-3",
    )
    return [top, chart_grid(trends, columns=2)]
