"""Small inline SVG line charts for the report (no script, prints as vectors)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

WIDTH, HEIGHT = 300, 110
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 18, 22
LINE = "#0072B2"  # Okabe-Ito blue: readable in print and for colour-blind readers
INK = "currentColor"  # the text colour of the page: dark on paper, light on dark


def _segments(points: Sequence[tuple[float, float] | None]) -> list[list]:
    """Runs of consecutive defined points (an undefined value breaks the line)."""
    runs: list[list] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def line_chart(
    title: str,
    periods: Sequence[str],
    values: Sequence[float | None],
    texts: Sequence[str],
) -> Markup:
    """A titled line over the periods; the last defined value is written at its
    point, the first and last period under the axis; "—" values leave a gap."""
    defined = [v for v in values if v is not None]
    low, high = (min(defined), max(defined)) if defined else (0.0, 1.0)
    if high == low:
        low, high = low - 1, high + 1
    steps = max(len(values) - 1, 1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def point(index: int, value: float | None) -> tuple[float, float] | None:
        if value is None:
            return None
        x = LEFT + inner_w * index / steps
        y = TOP + inner_h * (1 - (value - low) / (high - low))
        return round(x, 1), round(y, 1)

    points = [point(i, v) for i, v in enumerate(values)]
    parts = [Markup('<text x="0" y="12" font-size="11" fill="{}">{}</text>').format(
        INK, title
    )]  # fmt: skip
    for run in _segments(points):
        coordinates = " ".join(f"{x},{y}" for x, y in run)
        parts.append(
            Markup(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>'
            ).format(coordinates, LINE)
        )
    for spot in points:
        if spot is not None:
            parts.append(
                Markup('<circle cx="{}" cy="{}" r="2.5" fill="{}"/>').format(
                    spot[0], spot[1], LINE
                )
            )
    last = max((i for i, p in enumerate(points) if p is not None), default=None)
    if last is not None:
        x, y = points[last]
        parts.append(
            Markup(
                '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="{}">{}'
                "</text>"
            ).format(x, max(y - 5, TOP - 2), INK, texts[last])
        )
    if periods:
        base = HEIGHT - 6
        parts.append(
            Markup('<text x="{}" y="{}" font-size="9" fill="{}">{}</text>').format(
                LEFT, base, INK, periods[0]
            )
        )
        parts.append(
            Markup(
                '<text x="{}" y="{}" font-size="9" text-anchor="end" fill="{}">{}'
                "</text>"
            ).format(WIDTH - RIGHT, base, INK, periods[-1])
        )
    return Markup(
        '<svg class="trend" role="img" aria-label="{}" width="{}" height="{}"'
        ' viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">{}</svg>'
    ).format(title, WIDTH, HEIGHT, WIDTH, HEIGHT, Markup("").join(parts))
