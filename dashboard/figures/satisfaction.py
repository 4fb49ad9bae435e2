"""Satisfaction tab figures: CSAT, response counts, and the answer-count ticks
they share with the NPS figure (figures/nps.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import count_axis, percent_axis, trend_axis
from dashboard.figures.series import has_values, numbers, period_customdata
from dashboard.figures.theme import (
    NEUTRAL,
    PALETTE,
    SURFACES,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import (
    format_count,
    format_percent,
    format_period,
)
from dashboard.kernel.i18n import translator
from dashboard.metrics.satisfaction import SMALL_SAMPLE


def small_samples(counts) -> list[bool]:
    """Per period, whether it rests on fewer than SMALL_SAMPLE answers."""
    return [int(n) < SMALL_SAMPLE for n in counts]


def sample_markers(small: list[bool]) -> dict:
    """Markers of a survey line: open where the period is a small sample."""
    return {
        "size": 10,
        "symbol": ["circle-open" if s else "circle" for s in small],
        "line": {"width": 2},
    }


def sample_ticks(periods: list[str], answers: list[int], lang: str) -> list[str]:
    """Tick labels `period`, then `n = 27 *` where the sample is small (under 30)."""
    _ = translator(lang)
    return [
        format_period(period, lang)
        + "<br>"
        + _("n = {count}", count=format_count(n, lang))
        + (" *" if n < SMALL_SAMPLE else "")
        for period, n in zip(periods, answers, strict=True)
    ]


def _percent_points_axis(lang: str) -> dict:
    """Ticks 0%…100% for values already in percent (0..100), like CSAT."""
    axis = percent_axis([0.0, 1.0], lang, most=5)
    return axis | {"tickvals": [round(v * 100, 6) for v in axis["tickvals"]]}


def csat_trend(trend: pd.DataFrame, who: str, lang: str, theme: str) -> go.Figure:
    """CSAT per period; periods under 30 answers get an open marker and a label."""
    _ = translator(lang)
    if not has_values(trend["csat"]):
        return empty_figure(
            _("No CSAT answers in these periods for {clients}", clients=who), theme
        )
    periods = list(trend.index)
    answers = [int(n or 0) for n in trend["csat_n"]]
    small = small_samples(answers)
    figure = go.Figure(
        go.Scatter(
            x=periods,
            y=numbers(trend["csat"]),
            name=_("CSAT"),
            mode="lines+markers",
            line={"color": PALETTE[2], "width": 3},
            marker=sample_markers(small),
            customdata=period_customdata(
                periods,
                lang,
                [
                    format_percent(None if v is None else v / 100, lang)
                    for v in numbers(trend["csat"])
                ],
                [format_count(n, lang) for n in answers],
                [_("small sample") if s else "" for s in small],
            ),
            hovertemplate="%{customdata[1]}<br>"
            + _("CSAT: {share} satisfied", share="%{customdata[2]}")
            + "<br>"
            + _("{count} answers", count="%{customdata[3]}")
            + " %{customdata[4]}<extra></extra>",
            connectgaps=False,
        ),
        layout={"template": template(theme)},
    )
    figure.update_layout(
        xaxis={
            "type": "category",
            "tickmode": "array",
            "tickvals": periods,
            "ticktext": sample_ticks(periods, answers, lang),
        },
        yaxis={"range": [0, 105], "title": {"text": _("Answers scoring 4 or 5")}}
        | _percent_points_axis(lang),
        margin={"t": 16},
        showlegend=False,
    )
    return figure


def response_counts(trend: pd.DataFrame, who: str, lang: str, theme: str) -> go.Figure:
    """NPS and CSAT answers per period; bars under 30 are hatched and labelled."""
    _ = translator(lang)
    nps_n = [int(n or 0) for n in trend["nps_n"]]
    csat_n = [int(n or 0) for n in trend["csat_n"]]
    if sum(nps_n) + sum(csat_n) == 0:
        return empty_figure(
            _("No survey answers in these periods for {clients}", clients=who), theme
        )
    periods = list(trend.index)
    surface = SURFACES.get(theme, SURFACES["light"])
    figure = go.Figure(layout={"template": template(theme)})
    for name, counts, colour in (
        (_("NPS answers"), nps_n, PALETTE[0]),
        (_("CSAT answers"), csat_n, PALETTE[2]),
    ):
        small = small_samples(counts)
        figure.add_trace(
            go.Bar(
                x=periods,
                y=counts,
                name=name,
                marker={
                    "color": colour,
                    "pattern": {
                        "shape": ["/" if s else "" for s in small],
                        "fgcolor": surface["paper"],
                        "fillmode": "overlay",
                    },
                },
                # No numbers over the bars: side by side they run together; the
                # hover has them, the hatching marks a small sample.
                customdata=period_customdata(
                    periods,
                    lang,
                    [format_count(n, lang) for n in counts],
                    [_("small sample") if s else "" for s in small],
                ),
                hovertemplate="%{customdata[1]}<br>"
                + name
                + ": %{customdata[2]}"
                + " %{customdata[3]}<extra></extra>",
            )
        )
    figure.add_hline(
        y=SMALL_SAMPLE,
        line={"color": NEUTRAL, "dash": "dot", "width": 1},
        annotation_text=format_count(SMALL_SAMPLE, lang),
        annotation_position="right",
    )
    figure.update_layout(
        barmode="group",
        xaxis=trend_axis(periods, lang),
        yaxis={"title": {"text": _("Answers")}, "rangemode": "tozero"}
        | count_axis([*nps_n, *csat_n, SMALL_SAMPLE], lang, most=5),
        margin={"t": 16, "r": 40},
        legend=TOP_LEGEND,
    )
    return figure
