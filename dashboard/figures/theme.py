"""Light and dark chart templates matching the page; a colour-blind-safe palette."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.text import wrapped

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)
GOOD = "#009E73"
BAD = "#D55E00"
NEUTRAL = "#6C757D"
FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,'
    ' "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)
SURFACES = {
    "light": {
        "paper": "#ffffff",
        "text": "#212529",
        "grid": "#e9ecef",
        "muted": "#6c757d",
    },
    "dark": {
        "paper": "#212529",
        "text": "#dee2e6",
        "grid": "#343a40",
        "muted": "#adb5bd",
    },
}


def template(theme: str) -> go.layout.Template:
    """The Plotly template of a page theme (`light` or `dark`)."""
    surface = SURFACES.get(theme, SURFACES["light"])
    return go.layout.Template(
        layout=go.Layout(
            colorway=list(PALETTE),
            font={"family": FONT_FAMILY, "size": 13, "color": surface["text"]},
            paper_bgcolor=surface["paper"],
            plot_bgcolor=surface["paper"],
            margin={"l": 56, "r": 16, "t": 48, "b": 48},
            title={"font": {"size": 15}, "x": 0, "xanchor": "left"},
            xaxis={
                "gridcolor": surface["grid"],
                "linecolor": surface["grid"],
                "zerolinecolor": surface["grid"],
                "automargin": True,
            },
            yaxis={
                "gridcolor": surface["grid"],
                "linecolor": surface["grid"],
                "zerolinecolor": surface["grid"],
                "automargin": True,
            },
            legend={"orientation": "h", "y": -0.18, "x": 0, "title": {"text": ""}},
            hoverlabel={"font": {"family": FONT_FAMILY}},
            separators=".,",
        )
    )


def empty_figure(message: str, theme: str, width: int | None = None) -> go.Figure:
    """A figure that says why there is nothing to draw, instead of a blank axis.
    The message is plain text (names in it are shown as written), broken into lines
    of about `width` characters when given."""
    figure = go.Figure(layout={"template": template(theme)})
    surface = SURFACES.get(theme, SURFACES["light"])
    figure.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": wrapped(message, width),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 15, "color": surface["muted"]},
            }
        ],
    )
    return figure
