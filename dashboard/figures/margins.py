"""Margins reserved for a chart's axis labels, axis titles, legend and colour bar,
estimated from their texts before the browser draws it.

Plotly's `automargin` measures the labels after a first drawing and, when they do
not fit the margins, grows the margins and draws the whole chart again: about twice
the time of a chart whose margins already fit (measured in headless Chromium, 15–95
ms a chart). The estimate here errs wide (character widths of DejaVu Sans, the
widest of the fonts the page's font stack falls back on); `automargin` stays on, so
a label the estimate missed still grows its margin and is never cut.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Iterable

import plotly.graph_objects as go

# Widths in em of the characters that differ from their class's width below.
CHAR_EMS = dict.fromkeys(" .,:;!|'/ilIjft()[]·", 0.34) | {"-": 0.38, "–": 0.5}
CHAR_EMS |= {"m": 0.98, "w": 0.84, "M": 0.88, "W": 1.0, "%": 0.96, "…": 1.0}
CHAR_EMS |= {"—": 1.0, "−": 0.84, "+": 0.84, "&": 0.8, "@": 1.0}
LOWER_EM, UPPER_EM, DIGIT_EM, OTHER_EM = 0.6, 0.72, 0.64, 0.64
LINE_EM = 1.3  # the height of a line of text, in em
WIDE_LINE_EM = 1.5  # the same with Chinese characters in it (taller glyphs)
TITLE_GAP = 10  # px between an axis's labels and its title
LABEL_GAP = 14  # px between the axis line and its labels, and some to spare
# A top legend's rows: Plotly wraps its items to the plot area's width, which only
# the browser knows; a chart in a half-width card at 1280 px is about this wide.
CHART_PX = 560
LEGEND_ROW_LEAST_PX = 200
LEGEND_ITEM_PX = 46  # the symbol and the gap after an item
LEGEND_PADDING = 30  # px around a legend's rows, and its gap to the plot
COLOUR_BAR_PX = 62  # a colour bar's own width and its gap to the plot
TAG = re.compile(r"<[^>]*>")
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
SIDES = ("l", "r", "t", "b")


def char_em(char: str) -> float:
    """The width of one character in em (a full-width one is 1 em)."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char in CHAR_EMS:
        return CHAR_EMS[char]
    if char.isdigit():
        return DIGIT_EM
    if char.islower():
        return LOWER_EM
    if char.isupper():
        return UPPER_EM
    return OTHER_EM


def text_lines(text: object) -> list[str]:
    """A label's lines as the browser shows them: `<br>` breaks, other tags
    dropped, entities unescaped."""
    return [
        html.unescape(TAG.sub("", line)) for line in LINE_BREAK.split(str(text))
    ] or [""]


def text_px(text: object, size: float) -> tuple[float, float]:
    """The width (of the widest line) and height of a label at `size` px."""
    lines = text_lines(text)
    width = max(sum(char_em(c) for c in line) for line in lines)
    wide = any(char_em(c) == 1.0 and not c.isascii() for line in lines for c in line)
    return width * size, len(lines) * (WIDE_LINE_EM if wide else LINE_EM) * size


def texts_px(texts: Iterable[object], size: float) -> tuple[float, float]:
    """The widest width and the tallest height of several labels."""
    sizes = [text_px(t, size) for t in texts]
    if not sizes:
        return 0.0, 0.0
    return max(w for w, _h in sizes), max(h for _w, h in sizes)


def _font_size(*fonts: object, default: float) -> float:
    for font in fonts:
        if isinstance(font, dict) and isinstance(font.get("size"), int | float):
            return float(font["size"])
    return default


def _number_label(value: float, axis: dict) -> str:
    """How Plotly might write the largest number of a numeric axis it ticks itself."""
    if axis.get("tickformat", "").endswith("%"):
        written = f"{value * 100:,.0f}%"
    else:
        written = f"{value:,.0f}" if abs(value) >= 10 else f"{value:.1f}"
    return f"{axis.get('tickprefix', '')}−{written}{axis.get('ticksuffix', '')}"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def axis_labels(axis: dict, values: list) -> list[str]:
    """The tick labels an axis will show: its own `ticktext`, its categories, or
    the widest number Plotly could write for its values."""
    if axis.get("ticktext") is not None:
        return [str(t) for t in axis["ticktext"]]
    if axis.get("showticklabels") is False:
        return []
    numbers = [abs(float(v)) for v in values if _is_number(v) and math.isfinite(v)]
    if axis.get("type") == "category" or (values and not numbers):
        if axis.get("type") == "date" or all(_looks_like_date(v) for v in values):
            # Plotly's own date ticks: "Jan 2026", at most two lines.
            return ["Sep 30<br>2026"]
        return list(dict.fromkeys(str(v) for v in values))
    if not numbers:
        return []
    return [_number_label(max(numbers), axis)]


def _looks_like_date(value: object) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value))


def _axis_values(traces: list[dict], letter: str, ref: str) -> list:
    """Every value the traces drawn on axis `ref` ("x", "y2") put on it."""
    values: list = []
    for trace in traces:
        if (trace.get(f"{letter}axis") or letter) != ref:
            continue
        column = trace.get(letter)
        if hasattr(column, "tolist"):
            column = column.tolist()
        if isinstance(column, list | tuple):
            values.extend(v for v in column if v is not None)
    return values


def _axes(layout: dict, letter: str) -> list[tuple[str, dict]]:
    """The layout's axes of one letter ("x" or "y") as (ref, settings)."""
    found = []
    for key, value in layout.items():
        match = re.fullmatch(rf"{letter}axis(\d*)", key)
        if match and isinstance(value, dict):
            found.append((letter + match.group(1), value))
    if not any(ref == letter for ref, _axis in found):
        found.append((letter, {}))
    return found


def _at_edge(layout: dict, axis: dict, other: str) -> bool:
    """Whether an axis sits at the plot area's outer edge (its labels push the
    margin), not between subplots: the axis it is anchored to starts at 0."""
    anchor = axis.get("anchor") or other
    if anchor == "free":
        return True
    anchored = layout.get(anchor[0] + "axis" + anchor[1:], {}) or {}
    domain = anchored.get("domain") or [0, 1]
    return domain[0] <= 0.001


def _title_px(axis: dict, size: float) -> float:
    title = axis.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    if not text:
        return 0.0
    title_size = _font_size(
        title.get("font") if isinstance(title, dict) else None, default=size
    )
    return LINE_EM * title_size * len(text_lines(text)) + TITLE_GAP


def _legend_px(
    layout: dict, traces: list[dict], size: float, room: float
) -> tuple[str, float]:
    """Which side the legend takes (above the plot, below it, or right of it)
    and how much of it; `room` is the width its rows may take."""
    if layout.get("showlegend") is False:
        return "t", 0.0
    shown = [
        t.get("name", "")
        for t in traces
        if t.get("showlegend") is not False and t.get("name") not in (None, "")
    ]
    if layout.get("showlegend") is not True and len(shown) < 2:
        return "t", 0.0
    legend = layout.get("legend") or {}
    item_size = _font_size(legend.get("font"), default=size)
    if legend.get("orientation") != "h":
        width, _height = texts_px(shown, item_size)
        return "r", width + LEGEND_ITEM_PX
    row_width = sum(text_px(name, item_size)[0] + LEGEND_ITEM_PX for name in shown)
    rows = max(1, math.ceil(row_width / max(room, LEGEND_ROW_LEAST_PX)))
    _width, line = texts_px(shown, item_size)
    side = "b" if legend.get("y", 1.02) < 0.5 else "t"
    return side, rows * (line + 14) + LEGEND_PADDING


def reserved_margins(spec: dict) -> dict[str, int]:
    """The margins (px, l/r/t/b) a figure's labels, titles, legend and colour bar
    need, from the figure's JSON (`Figure.to_dict()`)."""
    layout = spec.get("layout") or {}
    traces = spec.get("data") or []
    template = (layout.get("template") or {}).get("layout") or {}
    size = _font_size(layout.get("font"), template.get("font"), default=12)
    need = dict.fromkeys(SIDES, 0.0)
    for letter, other in (("x", "y"), ("y", "x")):
        for ref, axis in _axes(layout, letter):
            defaults = template.get(f"{letter}axis") or {}
            if axis.get("visible", defaults.get("visible")) is False:
                continue
            merged = defaults | axis
            tick_size = _font_size(merged.get("tickfont"), default=size)
            labels = axis_labels(merged, _axis_values(traces, letter, ref))
            width, height = texts_px(labels, tick_size)
            title = _title_px(merged, size)
            if letter == "x":
                side = "t" if merged.get("side") == "top" else "b"
                if _at_edge(layout, merged, other):
                    need[side] = max(need[side], height + LABEL_GAP + title)
                # The first and last labels are centred on the plot's ends.
                need["l"] = max(need["l"], width / 2 + 4)
                need["r"] = max(need["r"], width / 2 + 4)
            elif _at_edge(layout, merged, other) or merged.get("overlaying"):
                side = "r" if merged.get("side") == "right" else "l"
                need[side] = max(need[side], width + LABEL_GAP + title)
                need["t"] = max(need["t"], height / 2 + 4)
    room = CHART_PX - need["l"] - need["r"]
    side, legend = _legend_px(layout, traces, size, room)
    # A legend below the plot sits under the x axis's labels.
    need[side] = need[side] + legend if side == "b" else max(need[side], legend)
    if any(
        t.get("type") == "heatmap" and t.get("showscale") is not False for t in traces
    ):
        need["r"] += COLOUR_BAR_PX + texts_px(["100%"], size)[0]
    title = layout.get("title") or {}
    if isinstance(title, dict) and title.get("text"):
        need["t"] += LINE_EM * _font_size(title.get("font"), default=size + 2) + 8
    return {side: math.ceil(px) for side, px in need.items()}


def reserve_margins(figure: go.Figure) -> go.Figure:
    """The figure with its margins grown, in place, to what its labels need
    (`reserved_margins`); a margin a builder set wider stays."""
    spec = figure.to_dict()
    layout = spec.get("layout") or {}
    template = (layout.get("template") or {}).get("layout") or {}
    current = (template.get("margin") or {}) | (layout.get("margin") or {})
    wanted = reserved_margins(spec)
    grown = {side: px for side, px in wanted.items() if px > current.get(side, 0)}
    if grown:
        figure.layout.margin.update(grown)
    return figure
