"""The small trend line inside a headline card (last 8 periods)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.figures.theme import palette, template


def sparkline(
    periods: Sequence[str], values: Sequence[float | None], theme: str, hover: str
) -> go.Figure:
    """A bare line with its points; undefined periods leave a gap."""
    figure = go.Figure(
        go.Scatter(
            x=list(periods),
            y=[None if v is None else float(v) for v in values],
            mode="lines+markers",
            line={"width": 2, "color": palette(theme)[0]},
            marker={"size": 4},
            connectgaps=False,
            hovertemplate=hover + "<extra></extra>",
        ),
        layout={"template": template(theme)},
    )
    figure.update_layout(
        height=48,
        margin={"l": 0, "r": 0, "t": 4, "b": 4},
        xaxis={"visible": False, "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True},
        showlegend=False,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure
