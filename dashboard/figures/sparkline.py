"""The small trend line inside a headline card (last 8 periods), as an SVG image.

A card's trend is drawn on the server as a few SVG elements, not as a Plotly
figure: fifteen Plotly figures on one page cost the browser seconds to draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from dashboard.figures.theme import palette
from dashboard.kernel.formatting import format_period
from dashboard.kernel.i18n import join_list, translator

WIDTH = 160
HEIGHT = 40
# Room around the line so the marks at the edges are not cut.
PAD = 4
LINE_WIDTH = 2
POINT_RADIUS = 1.5
CURRENT_RADIUS = 3.5

Point = tuple[float, float]


def sparkline_segments(
    values: Sequence[float | None], width: float = WIDTH, height: float = HEIGHT
) -> list[list[Point]]:
    """The (x, y) points of each unbroken run of defined values, in drawing
    coordinates (y grows downwards): periods evenly spaced from left to right, the
    lowest defined value at the bottom, the highest at the top (a flat trend in the
    middle). An undefined value breaks the line."""
    count = len(values)
    defined = [float(v) for v in values if v is not None]
    if not defined:
        return []
    low, high = min(defined), max(defined)
    step = (width - 2 * PAD) / (count - 1) if count > 1 else 0.0
    segments: list[list[Point]] = []
    run: list[Point] = []
    for index, value in enumerate(values):
        if value is None:
            if run:
                segments.append(run)
            run = []
            continue
        x = PAD + index * step if count > 1 else width / 2
        if high == low:
            y = height / 2
        else:
            y = PAD + (high - float(value)) / (high - low) * (height - 2 * PAD)
        run.append((round(x, 1), round(y, 1)))
    if run:
        segments.append(run)
    return segments


def _number(value: float) -> str:
    return f"{value:g}"


def _dot(point: Point, radius: float) -> str:
    x, y = point
    return f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{radius:g}"/>'


def sparkline_svg(values: Sequence[float | None], theme: str) -> str:
    """The SVG of a trend: a polyline per unbroken run, a dot for a lone value and
    a larger dot on the current (last) period when it is defined."""
    colour = palette(theme)[0]
    segments = sparkline_segments(values)
    lines, dots = [], []
    for run in segments:
        if len(run) == 1:
            dots.append(_dot(run[0], POINT_RADIUS))
        else:
            points = " ".join(f"{_number(x)},{_number(y)}" for x, y in run)
            lines.append(f'<polyline points="{points}"/>')
    if segments and values[-1] is not None:
        dots.append(_dot(segments[-1][-1], CURRENT_RADIUS))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">'
        f'<g fill="none" stroke="{colour}" stroke-width="{LINE_WIDTH}"'
        ' stroke-linejoin="round" stroke-linecap="round">'
        + "".join(lines)
        + f'</g><g fill="{colour}">'
        + "".join(dots)
        + "</g></svg>"
    )


def sparkline_src(values: Sequence[float | None], theme: str) -> str:
    """The trend as a `data:` URI for an <img> (the CSP allows `img-src data:`)."""
    return "data:image/svg+xml;utf8," + quote(sparkline_svg(values, theme), safe="")


def sparkline_label(
    title: str, periods: Sequence[str], shown: Sequence[str], lang: str
) -> str:
    """The trend in words for screen readers and the tooltip: each period with its
    figure as the card writes it ("—" when undefined)."""
    _ = translator(lang)
    values = join_list(
        (
            f"{format_period(period, lang)} {text}"
            for period, text in zip(periods, shown, strict=True)
        ),
        lang,
    )
    return _(
        "{title}, last {n} periods: {values}", title=title, n=len(shown), values=values
    )
