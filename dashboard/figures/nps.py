"""The NPS figure: each period's promoters, passives and detractors, and the NPS."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.satisfaction import sample_ticks
from dashboard.figures.series import numbers
from dashboard.figures.theme import (
    BAD,
    GOOD,
    PALETTE,
    SURFACES,
    empty_figure,
    template,
)
from dashboard.kernel.i18n import translator
from dashboard.metrics.satisfaction import SMALL_SAMPLE

BAND_STYLES = {
    "detractors": (BAD, "x"),
    "passives": ("#999999", "."),
    "promoters": (GOOD, ""),
}


def _small(counts: pd.Series) -> list[bool]:
    return [int(n) < SMALL_SAMPLE for n in counts]


def nps_split(
    bands: pd.DataFrame, trend: pd.DataFrame, who: str, lang: str, theme: str
) -> go.Figure:
    """Shares of detractors, passives and promoters per period (stacked) and NPS.

    `bands` (index = periods) has `nps_n`, `promoters`, `passives`, `detractors`;
    `trend` has `nps` from kpi_trend. Periods under 30 answers are marked.
    """
    _ = translator(lang)
    if int(bands["nps_n"].sum()) == 0:
        return empty_figure(
            _("No NPS answers in these periods for {clients}", clients=who), theme
        )
    periods = list(bands.index)
    answers = bands["nps_n"].astype(int)
    names = {
        "detractors": _("Detractors (0–6)"),
        "passives": _("Passives (7–8)"),
        "promoters": _("Promoters (9–10)"),
    }
    figure = go.Figure(layout={"template": template(theme)})
    for band, (colour, pattern) in BAND_STYLES.items():
        shares = [
            int(c) / int(n) if n else None
            for c, n in zip(bands[band], answers, strict=True)
        ]
        figure.add_trace(
            go.Bar(
                x=periods,
                y=shares,
                name=names[band],
                marker={"color": colour, "pattern": {"shape": pattern}},
                customdata=[
                    [f"period:{p}", int(c), int(n)]
                    for p, c, n in zip(periods, bands[band], answers, strict=True)
                ],
                hovertemplate="%{x}<br>"
                + names[band]
                + ": %{y:.1%}"
                + " ("
                + _("%{customdata[1]:,d} of %{customdata[2]:,d} answers")
                + ")<extra></extra>",
            )
        )
    small = _small(answers)
    surface = SURFACES.get(theme, SURFACES["light"])
    # A halo under the NPS line keeps it readable over the bars.
    figure.add_trace(
        go.Scatter(
            x=periods,
            y=numbers(trend["nps"]),
            yaxis="y2",
            mode="lines",
            line={"color": surface["paper"], "width": 7},
            hoverinfo="skip",
            showlegend=False,
            connectgaps=False,
        )
    )
    figure.add_trace(
        go.Scatter(
            x=periods,
            y=numbers(trend["nps"]),
            name=_("NPS"),
            yaxis="y2",
            mode="lines+markers",
            line={"color": PALETTE[0], "width": 3},
            marker={
                "size": 10,
                "symbol": ["circle-open" if s else "circle" for s in small],
                "line": {"width": 2},
            },
            customdata=[
                [f"period:{p}", int(n), _("small sample") if s else ""]
                for p, n, s in zip(periods, answers, small, strict=True)
            ],
            hovertemplate="%{x}<br>"
            + _("NPS: %{y:.1f}")
            + "<br>"
            + _("%{customdata[1]:,d} answers")
            + " %{customdata[2]}<extra></extra>",
            connectgaps=False,
        )
    )
    figure.update_layout(
        barmode="stack",
        xaxis={
            "type": "category",
            "tickmode": "array",
            "tickvals": periods,
            "ticktext": sample_ticks(periods, [int(n) for n in answers], lang),
        },
        yaxis={
            "tickformat": ".0%",
            "range": [0, 1],
            "title": {"text": _("Share of NPS answers")},
        },
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [-100, 100],
            "title": {"text": _("NPS")},
            "showgrid": False,
            "zeroline": False,
        },
        margin={"t": 16},
    )
    return figure
