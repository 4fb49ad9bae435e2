"""Light and dark chart templates matching the page; a colour-blind-safe palette."""

from __future__ import annotations

import functools
import html

import plotly.graph_objects as go

from dashboard.figures.contrast import text_on
from dashboard.figures.text import as_text, wrapped

EMPTY = "empty"

# Okabe-Ito hues, so series stay apart with the common colour-vision
# deficiencies. On white every mark reaches 3:1 (WCAG AA for graphics): orange,
# sky blue and grey are darkened, green and vermillion darkened to text grade
# (4.5:1), and Okabe-Ito's black takes the place of yellow (1.3:1 on white). On
# the dark page the original colours reach 3:1 but the blue (2.97:1), so
# `DARK_VARIANTS` holds lighter ones. Good and bad are the green and the
# vermillion everywhere: charts, tables and the cards' change text (the
# `--dash-*` properties of assets/02-dashboard.css); the ratios are checked by
# tests/dashboard/figures/test_contrast.py.
PALETTE = (
    "#0072B2",
    "#C77E00",
    "#007A5A",
    "#CC79A7",
    "#3A93CF",
    "#B84E00",
    "#000000",
    "#858585",
)
GOOD = PALETTE[2]
BAD = PALETTE[5]
NEUTRAL = "#6C757D"
DARK_VARIANTS = {
    "#0072B2": "#1F8DD6",
    "#C77E00": "#E69F00",
    "#007A5A": "#33C49A",
    "#3A93CF": "#56B4E9",
    "#B84E00": "#FF8A4C",
    "#000000": "#F0E442",
    "#858585": "#999999",
    "#6C757D": "#8A939B",
}
FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,'
    ' "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)
# Chart text sizes in px, for a screen shared through a video call: nothing
# below SMALL on the page, nothing below PRESENTING_SMALL for a client's eyes
# (`for_presenting` adds PRESENTING_STEP to every size).
FONT_SIZES = {"base": 13, "small": 12, "title": 15, "message": 15}
SMALL = FONT_SIZES["small"]
PRESENTING_STEP = 2
PRESENTING_SMALL = SMALL + PRESENTING_STEP
# A legend in one row above the plot (more rows push the plot down): never on
# the axis labels below it, however they are drawn.
TOP_LEGEND = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}
SURFACES = {
    "light": {
        "paper": "#ffffff",
        "text": "#212529",
        "grid": "#e9ecef",
        "muted": "#6c757d",
        "good": GOOD,
        "bad": BAD,
        "watch": "#9A6700",
    },
    "dark": {
        "paper": "#212529",
        "text": "#dee2e6",
        "grid": "#343a40",
        "muted": "#adb5bd",
        "good": DARK_VARIANTS[GOOD],
        "bad": DARK_VARIANTS[BAD],
        "watch": "#F0B429",
    },
}


def mark_colour(colour: str, theme: str) -> str:
    """A chart colour as drawn in a theme: its lighter variant on the dark page."""
    if theme != "dark":
        return colour
    return DARK_VARIANTS.get(colour.upper(), colour)


def palette(theme: str) -> tuple[str, ...]:
    """The chart palette of a page theme."""
    return tuple(mark_colour(colour, theme) for colour in PALETTE)


def _recoloured(node: object, theme: str, is_colour: bool = False) -> object:
    if isinstance(node, dict):
        return {
            key: _recoloured(value, theme, key.lower().endswith("color"))
            for key, value in node.items()
        }
    if hasattr(node, "tolist"):  # numpy arrays of per-point colours
        node = node.tolist()
    if isinstance(node, list | tuple):
        return [_recoloured(item, theme, is_colour) for item in node]
    if is_colour and isinstance(node, str):
        return mark_colour(node, theme)
    return node


def _changes(node: object, theme: str, is_colour: bool = False) -> object:
    """Only the parts of a figure's JSON that `_recoloured` changes (None: none)."""
    if isinstance(node, dict):
        changes = {
            key: change
            for key, value in node.items()
            if key != "template"
            and (change := _changes(value, theme, key.lower().endswith("color")))
            is not None
        }
        return changes or None
    if hasattr(node, "tolist"):
        node = node.tolist()
    recoloured = _recoloured(node, theme, is_colour)
    return None if recoloured == node else recoloured


def in_page_theme(figure: go.Figure) -> go.Figure:
    """The figure as the page shows it, changed in place: builders name the light
    colours, and the dark page draws their lighter variants; numbers inside bars
    are black or white, whichever reads on the bar (Plotly's grey is 3:1 on mid
    colours). Only what changes is set, so the figure is not validated anew."""
    paper = figure.layout.template.layout.paper_bgcolor
    theme = "dark" if paper == SURFACES["dark"]["paper"] else "light"
    spec = figure.to_dict()
    for trace, old in zip(figure.data, spec.get("data", []), strict=True):
        change = _changes(old, theme) or {}
        if old.get("type") == "bar" and "insidetextfont" not in old:
            fill = change.get("marker", {}).get(
                "color", old.get("marker", {}).get("color")
            )
            if (text := text_on(fill)) is not None:
                change["insidetextfont"] = {"color": text}
        if change:
            trace.update(change)
    if change := _changes(spec.get("layout", {}), theme):
        figure.layout.update(change)
    return figure


@functools.lru_cache(maxsize=4)  # the themes; bounded whatever it is given
def template(theme: str) -> go.layout.Template:
    """The Plotly template of a page theme (`light` or `dark`), built once: a
    figure given it keeps its own copy (Plotly copies what a layout is given),
    so the one built here is never changed."""
    surface = SURFACES.get(theme, SURFACES["light"])
    return go.layout.Template(
        # Numbers at the end of a bar and markers at an axis limit (NPS ±100) are
        # drawn whole, not cut at the plot's edge.
        data={
            "bar": [go.Bar(cliponaxis=False)],
            "scatter": [go.Scatter(cliponaxis=False)],
        },
        layout=go.Layout(
            colorway=list(palette(theme)),
            font={
                "family": FONT_FAMILY,
                "size": FONT_SIZES["base"],
                "color": surface["text"],
            },
            paper_bgcolor=surface["paper"],
            plot_bgcolor=surface["paper"],
            margin={"l": 56, "r": 16, "t": 48, "b": 48},
            title={"font": {"size": FONT_SIZES["title"]}, "x": 0, "xanchor": "left"},
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
            legend=TOP_LEGEND | {"title": {"text": ""}},
            # Plotly shrinks a number that does not fit its bar; below SMALL it
            # is hidden instead (the hover has it).
            uniformtext={"minsize": SMALL, "mode": "hide"},
            hoverlabel={"font": {"family": FONT_FAMILY}},
            separators=".,",
        ),
    )


def empty_figure(message: str, theme: str, width: int | None = None) -> go.Figure:
    """A figure that says why there is nothing to draw, instead of a blank axis.
    The message is plain text (names in it are shown as written), broken into lines
    of about `width` characters when given. It is flagged (`empty_message`), so the
    page shows the message as one line of text instead of an empty frame."""
    figure = go.Figure(layout={"template": template(theme)})
    figure.layout.meta = {EMPTY: as_text(message)}
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
                "font": {"size": FONT_SIZES["message"], "color": surface["muted"]},
            }
        ],
    )
    return figure


def empty_message(figure: go.Figure) -> str | None:
    """The plain-text message of a figure made by `empty_figure`, else None."""
    meta = figure.layout.meta
    if isinstance(meta, dict) and isinstance(meta.get(EMPTY), str):
        return html.unescape(meta[EMPTY])
    return None


def _grown(node: object, in_font: bool = False) -> object:
    """A figure's JSON with every font size PRESENTING_STEP larger."""
    if isinstance(node, list):
        return [_grown(item, in_font) for item in node]
    if not isinstance(node, dict):
        return node
    grown = {}
    for key, value in node.items():
        sized = key == "minsize" or (in_font and key == "size")
        if sized and isinstance(value, int | float) and not isinstance(value, bool):
            grown[key] = value + PRESENTING_STEP
        else:
            grown[key] = _grown(value, key.lower().endswith("font"))
    return grown


def for_presenting(figure: go.Figure) -> go.Figure:
    """The figure for a client's eyes (presenting, or a client's own login),
    changed in place: every text PRESENTING_STEP px larger, so none is below
    PRESENTING_SMALL. Text sizes the template leaves to the layout font grow with
    it; sizes set by a builder are raised one by one."""
    spec = figure.to_dict()
    layout = spec.get("layout", {})
    base = layout.get("font", {}).get("size", FONT_SIZES["base"])
    for trace, old in zip(figure.data, spec.get("data", []), strict=True):
        grown = _grown(old)
        if changed := {k: v for k, v in grown.items() if v != old.get(k)}:
            trace.update(changed)
    own = {k: v for k, v in layout.items() if k != "template"}
    changed = {k: v for k, v in _grown(own).items() if v != own.get(k)}
    changed["font"] = layout.get("font", {}) | {"size": base + PRESENTING_STEP}
    # The hover box does not follow the layout font: Plotly draws it at 13 px.
    hover = changed.get("hoverlabel", own.get("hoverlabel", {}))
    if hover.get("font", {}).get("size") is None:
        font = hover.get("font", {}) | {"size": base + PRESENTING_STEP}
        changed["hoverlabel"] = hover | {"font": font}
    if "uniformtext" not in own:
        changed["uniformtext"] = {"minsize": PRESENTING_SMALL, "mode": "hide"}
    figure.layout.update(changed)
    return figure
