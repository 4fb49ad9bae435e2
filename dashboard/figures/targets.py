"""The agreed target of a KPI drawn on its trend: a dashed line, labelled."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.text import as_text
from dashboard.figures.theme import NEUTRAL, empty_message
from dashboard.kernel.i18n import translator

TARGET_LINE = "target-line"  # the shape's name, so a test or a reader finds it


def with_target_line(
    figure: go.Figure, target: float | None, shown: str, lang: str, axis: str = "y"
) -> go.Figure:
    """The figure with a dashed line at `target` (in the y axis' unit) labelled
    "Target 85.0%" (`shown`: the formatted target; escaped, as any text from
    data). A figure with nothing drawn, or no target, is left as it is; a fixed
    y range is widened to hold the line; `axis`: the y axis the KPI is drawn on
    ("y2": a right-hand axis)."""
    if target is None or empty_message(figure) is not None:
        return figure
    _ = translator(lang)
    figure.add_hline(
        y=target,
        yref=axis,
        name=TARGET_LINE,
        line={"dash": "dash", "width": 1.5, "color": NEUTRAL},
        annotation_text=as_text(_("Target {value}", value=shown)),
        annotation_position="top left",
        annotation_font={"color": NEUTRAL},
    )
    fixed = figure.layout["yaxis" + axis[1:]].range
    if fixed is not None and not fixed[0] <= target <= fixed[1]:
        low, high = min(fixed[0], target), max(fixed[1], target)
        figure.update_yaxes(range=[low, high + (high - low) * 0.05])
    return figure
