"""Every chart builder of dashboard.figures drawn from hostile text (see
hostile.py): meetings, retention, satisfaction and shared builders, and the table
of them all that the markup test walks."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import (
    margins,
    meeting_kinds,
    meetings,
    nps,
    retention,
    satisfaction,
    theme,
)
from tests.dashboard.figures.hostile import (
    HOSTILE,
    IDS,
    LINK,
    PERIODS,
    TAGS,
    WHERE,
    WHO,
    action_items_figures,
    budget_figures,
    churn_figures,
    client_page_figures,
)


def meetings_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    trend = pd.DataFrame(
        {
            "attendance_rate": [0.5, 0.75],
            "overrun_share": [0.2, 0.4],
            "avg_overrun_minutes": [3.0, -1.2],
        },
        index=PERIODS,
    )
    clients = hostile_clients()
    kinds = pd.DataFrame(
        {"kind": ["qbr", "qbr", TAGS], "status": ["held", LINK, "held"],
         "meetings": [1200, 1, 1]}
    )  # fmt: skip
    rate = ("attendance_rate", "Attendance rate", lang, "light")
    return {
        "meetings.rate_trend_figure": [
            meetings.rate_trend_figure(trend, *rate, **WHERE),
            meetings.rate_trend_figure(trend[:0], *rate, **WHERE),
        ],
        "meetings.attendance_by_client_figure": [
            meetings.attendance_by_client_figure(clients, lang, "light", **WHERE),
            meetings.attendance_by_client_figure(clients[:0], lang, "light", **WHERE),
        ],
        "meetings.overrun_figure": [
            meetings.overrun_figure(trend, lang, "light", **WHERE),
            meetings.overrun_figure(trend[:0], lang, "light", **WHERE),
        ],
        "meeting_kinds.kind_status_figure": [
            meeting_kinds.kind_status_figure(kinds, lang, "light", **WHERE),
            meeting_kinds.kind_status_figure(kinds[:0], lang, "light", **WHERE),
        ],
    }


def retention_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    matrix = pd.DataFrame(
        {"size": [1071, 2], 0: [1.0, 1.0], 1: [0.5, None]}, index=PERIODS
    )
    trend = pd.DataFrame(
        {"retention_rate": [0.9, 0.8], "churn_rate": [0.13, 0.38], "nrr": [1.1, 0.9],
         "grr": [0.9, 0.8]},
        index=PERIODS,
    )  # fmt: skip
    bridge = {"start": 100_000.0, "expansion": 20_000.0, "contraction": 0.0,
              "churned": 10_000.0, "other": 1.0, "end": 110_001.0}  # fmt: skip
    labels = {"period": "2026-Q3", "year_earlier": "2025-Q3", "who": WHO}
    names = {"retention_rate": "Retention rate", "churn_rate": "Churn rate"}
    styles = {c: ("#000000", "solid", "circle") for c in names}
    nothing = trend.assign(retention_rate=None, churn_rate=None, nrr=None, grr=None)
    return {
        "retention.cohort_heatmap": [
            retention.cohort_heatmap(matrix, WHO, lang, "light"),
            retention.cohort_heatmap(matrix[:0], WHO, lang, "light"),
        ],
        "retention.rate_trend": [
            retention.rate_trend(trend, WHO, lang, "light"),
            retention.rate_trend(nothing, WHO, lang, "light"),
        ],
        "retention.rate_lines": [
            retention.rate_lines(trend, tuple(names), names, styles, "light", lang=lang)
        ],
        "retention.nrr_trend": [
            retention.nrr_trend(trend, WHO, lang, "light"),
            retention.nrr_trend(nothing, WHO, lang, "light"),
        ],
        "retention.revenue_bridge": [
            retention.revenue_bridge(bridge, labels, "USD", lang, "light"),
            retention.revenue_bridge(None, labels, "USD", lang, "light"),
        ],
    }


def satisfaction_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    bands = pd.DataFrame(
        {"nps_n": [1000, 40], "promoters": [500, 20], "passives": [300, 10],
         "detractors": [200, 10]},
        index=PERIODS,
    )  # fmt: skip
    trend = pd.DataFrame(
        {"nps": [30.0, 25.0], "csat": [80.0, 90.0], "nps_n": [1000, 40],
         "csat_n": [1200, 35]},
        index=PERIODS,
    )  # fmt: skip
    none = trend.assign(csat=None, nps_n=0, csat_n=0)
    return {
        "nps.nps_split": [
            nps.nps_split(bands, trend, WHO, lang, "light"),
            nps.nps_split(bands.assign(nps_n=0), trend, WHO, lang, "light"),
        ],
        "satisfaction.csat_trend": [
            satisfaction.csat_trend(trend, WHO, lang, "light"),
            satisfaction.csat_trend(none, WHO, lang, "light"),
        ],
        "satisfaction.response_counts": [
            satisfaction.response_counts(trend, WHO, lang, "light"),
            satisfaction.response_counts(none, WHO, lang, "light"),
        ],
    }


def hostile_clients() -> pd.DataFrame:
    """Attendance by client, the clients named with hostile text."""
    return pd.DataFrame(
        {
            "external_id": list(IDS),
            "name": list(HOSTILE),
            "invited": [4000, 4, 4, 4],
            "attended": [1071, 2, 3, 4],
        }
    )


def shared_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    return {
        "theme.empty_figure": [
            theme.empty_figure("No data for " + WHO, "light"),
            theme.empty_figure("No data for " + WHO, "dark", width=20),
        ],
        # The page's last steps on a figure: its theme, larger text to present.
        "theme.in_page_theme": [
            theme.in_page_theme(theme.empty_figure("No data for " + WHO, "dark"))
        ],
        "theme.for_presenting": [
            theme.for_presenting(theme.empty_figure("No data for " + WHO, "light"))
        ],
        # ... and the margins its labels need.
        "margins.reserve_margins": [
            margins.reserve_margins(
                meetings.attendance_by_client_figure(
                    hostile_clients(),
                    lang,
                    "light",
                    **WHERE,
                )
            )
        ],
    }


SECTIONS: tuple[Callable[[str], dict[str, list[go.Figure]]], ...] = (
    action_items_figures,
    budget_figures,
    churn_figures,
    client_page_figures,
    meetings_figures,
    retention_figures,
    satisfaction_figures,
    shared_figures,
)
# Builders that draw no imported text at all (numbers and app-made labels only).
WITHOUT_TEXT = {
    "client_projects.burn_up",
    "retention.rate_lines",
}


def hostile_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    """Builder (`module.function`) → the figures it draws from hostile text."""
    figures: dict[str, list[go.Figure]] = {}
    for section in SECTIONS:
        figures.update(section(lang))
    return figures
