"""The Satisfaction tab: NPS with its answer split, CSAT and response counts."""

from __future__ import annotations

from callbacks.resolved_view import ResolvedView
from callbacks.tab_common import (
    chart_placer,
    download_of,
    selection_text,
    tab_trend,
    trailing_periods,
)
from callbacks.tab_targets import target_liner
from dashboard.figures import satisfaction as figures
from dashboard.figures.nps import nps_split
from dashboard.kernel.formatting import format_count
from dashboard.kernel.i18n import translator
from dashboard.metrics.satisfaction import SMALL_SAMPLE
from dashboard.services import Services
from data.queries.satisfaction_detail import nps_bands
from layouts.charts import chart_grid


def satisfaction_frames(services: Services, view: ResolvedView, conn) -> dict:
    """The frames the tab's charts are drawn from (and downloaded as)."""
    period = view.filters.period
    windows = {p.label: p.window(view.as_of) for p in trailing_periods(period)}
    return {
        "trend": tab_trend(services, view, conn, ["nps", "csat", "nps_n", "csat_n"]),
        "bands": nps_bands(
            conn=conn,
            filters=view.filters,
            scope=services.current_scope(),
            windows=windows,
            rollups=True,
        ),
    }


def render_satisfaction(services: Services, view: ResolvedView, conn) -> list:
    """NPS split and trend, CSAT trend, answers per period (small samples marked)."""
    chart_card = chart_placer(services, view)
    _ = translator(view.lang)
    download = download_of(view)
    lang, theme = view.lang, view.theme
    who = selection_text(view)
    frames = satisfaction_frames(services, view, conn)
    trend, bands = frames["trend"], frames["bands"]
    small = _(
        "* and open markers: small sample, fewer than {count} answers.",
        count=format_count(SMALL_SAMPLE, lang),
    )
    target = target_liner(services, view, conn)
    cards = [
        chart_card(
            "satisfaction-nps",
            _("NPS and its promoters, passives and detractors"),
            target(nps_split(bands, trend, who, lang, theme), "nps", "NPS", "y2"),
            note=small + " " + _("Click a period to choose it."),
            height=360,
            download=download,
        ),
        chart_card(
            "satisfaction-csat",
            _("CSAT: share of satisfied answers"),
            target(figures.csat_trend(trend, who, lang, theme), "csat"),
            note=small,
            download=download,
        ),
        chart_card(
            "satisfaction-responses",
            _("Survey answers per period"),
            figures.response_counts(trend, who, lang, theme),
            note=_(
                "Hatched bars: fewer than {count} answers (dotted line).",
                count=format_count(SMALL_SAMPLE, lang),
            )
            + " "
            + _("Click a period to choose it."),
            download=download,
        ),
    ]
    return [chart_grid(cards[:1], columns=1), chart_grid(cards[1:], columns=2)]
