"""The NPS figure: each period's promoters, passives and detractors, and the NPS."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import number_axis, percent_axis
from dashboard.figures.satisfaction import sample_markers, sample_ticks, small_samples
from dashboard.figures.series import numbers, period_customdata
from dashboard.figures.theme import (
    BAD,
    GOOD,
    PALETTE,
    SURFACES,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import format_count, format_number, format_percent
from dashboard.kernel.i18n import translator

BAND_STYLES = {
    "detractors": (BAD, "x"),
    "passives": (PALETTE[7], "."),
    "promoters": (GOOD, ""),
}


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
                customdata=period_customdata(
                    periods,
                    lang,
                    [format_percent(v, lang) for v in shares],
                    [format_count(c, lang) for c in bands[band]],
                    [format_count(n, lang) for n in answers],
                ),
                hovertemplate="%{customdata[1]}<br>"
                + names[band]
                + ": %{customdata[2]} ("
                + _(
                    "{part} of {whole} answers",
                    part="%{customdata[3]}",
                    whole="%{customdata[4]}",
                )
                + ")<extra></extra>",
            )
        )
    small = small_samples(answers)
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
            marker=sample_markers(small),
            customdata=period_customdata(
                periods,
                lang,
                [format_number(v, lang) for v in numbers(trend["nps"])],
                [format_count(n, lang) for n in answers],
                [_("small sample") if s else "" for s in small],
            ),
            hovertemplate="%{customdata[1]}<br>"
            + _("NPS: {score}", score="%{customdata[2]}")
            + "<br>"
            + _("{count} answers", count="%{customdata[3]}")
            + " %{customdata[4]}<extra></extra>",
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
        yaxis={"range": [0, 1], "title": {"text": _("Share of NPS answers")}}
        | percent_axis([0.0, 1.0], lang, most=5),
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [-100, 100],
            "title": {"text": _("NPS")},
            "showgrid": False,
            "zeroline": False,
        }
        | number_axis([-100.0, 100.0], lang, most=4),
        margin={"t": 16},
        legend=TOP_LEGEND,
    )
    return figure
