"""The report's pie (resource allocation) and Gantt (schedule) as inline SVG: no
script, vectors in print. Every text is escaped (SVG is XML); a name too long for
its place is cut with "…" and given whole as the mark's tooltip (`<title>`).

Marks carry the light palette's colours as attributes; `dark_css` gives the dark
page their lighter variants (dashboard.figures.theme), keyed on those colours.
"""

from __future__ import annotations

import math

from markupsafe import Markup

from dashboard.figures.theme import BAD, DARK_VARIANTS, GOOD, PALETTE
from dashboard.reports.model import Allocation, Schedule

PAPER = "#ffffff"
DARK_PAPER = "#1a1d21"  # the report's dark background (assets/05-report.css)
GRID = "#c8c8c8"
DARK_GRID = "#5a5f66"
BAR = PALETTE[4]
TEXT = 'fill="currentColor"'
PIE_R, PIE_CX, PIE_CY = 70, 78, 104
PIE_WIDTH, LEGEND_X, LEGEND_ROW = 520, 172, 22
GANTT_WIDTH, LABEL_WIDTH, RIGHT = 680, 190, 16
ROW, BAR_HEIGHT, GANTT_TOP = 24, 12, 44
MAX_LABEL = 30


def _svg(css: str, label: str, width: int, height: int, parts) -> Markup:
    return Markup(
        '<svg class="{}" role="img" aria-label="{}" width="{}" height="{}"'
        ' viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">{}</svg>'
    ).format(css, label, width, height, width, height, Markup("").join(parts))


def _text(x, y, text, size=11, anchor="start", weight="normal") -> Markup:
    return Markup(
        '<text x="{}" y="{}" font-size="{}" text-anchor="{}" font-weight="{}" {}>{}'
        "</text>"
    ).format(x, y, size, anchor, weight, Markup(TEXT), text)


def cut(text: str, limit: int = MAX_LABEL) -> str:
    """The text, or its first characters and "…" when longer than `limit`."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _point(angle: float, r: float = PIE_R) -> tuple[float, float]:
    """A point of the circle; angle 0 is the top, clockwise, in turns."""
    radians = 2 * math.pi * angle - math.pi / 2
    return round(PIE_CX + r * math.cos(radians), 2), round(
        PIE_CY + r * math.sin(radians), 2
    )


def pie_chart(allocation: Allocation) -> Markup:
    """Slices from the top, clockwise, largest first ("Other" last), with a legend
    of label, share and amount."""
    parts = [_text(0, 14, allocation.title, 12, weight="bold")]
    turn = 0.0
    for piece in allocation.slices:
        tip = Markup("<title>{} · {} · {}</title>").format(
            piece.label, piece.share, piece.amount
        )
        if piece.fraction >= 1:
            parts.append(Markup(
                '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}">{}</circle>'
            ).format(PIE_CX, PIE_CY, PIE_R, piece.colour, PAPER, tip))  # fmt: skip
        else:
            (x0, y0), (x1, y1) = _point(turn), _point(turn + piece.fraction)
            large = 1 if piece.fraction > 0.5 else 0
            parts.append(Markup(
                '<path d="M{},{} L{},{} A{},{} 0 {} 1 {},{} Z" fill="{}" stroke="{}"'
                ' stroke-width="1.5">{}</path>'
            ).format(PIE_CX, PIE_CY, x0, y0, PIE_R, PIE_R, large, x1, y1,
                     piece.colour, PAPER, tip))  # fmt: skip
        turn += piece.fraction
    top = PIE_CY - len(allocation.slices) * LEGEND_ROW / 2
    for i, piece in enumerate(allocation.slices):
        y = round(top + i * LEGEND_ROW, 1)
        parts.append(
            Markup('<rect x="{}" y="{}" width="12" height="12" fill="{}"/>').format(
                LEGEND_X, y, piece.colour
            )
        )
        parts.append(_text(LEGEND_X + 18, y + 10, Markup("{} {} · {}").format(
            cut(piece.label, 24), piece.share, piece.amount
        )))  # fmt: skip
    height = max(PIE_CY + PIE_R + 8, int(top + len(allocation.slices) * LEGEND_ROW))
    return _svg("crd-pie", allocation.title, PIE_WIDTH, height, parts)


def _marker(state: str, x: float, y: float) -> Markup:
    """done: a filled green circle; late: a vermillion triangle; due: a hollow
    diamond (shape and colour both tell them apart)."""
    if state == "done":
        return Markup('<circle cx="{}" cy="{}" r="5" fill="{}" stroke="{}"/>').format(
            x, y, GOOD, PAPER
        )
    if state == "late":
        return Markup('<path d="M{},{} l6,10 h-12 Z" fill="{}" stroke="{}"/>').format(
            x, y - 6, BAD, PAPER
        )
    return Markup(
        '<path d="M{},{} l5,6 l-5,6 l-5,-6 Z" fill="{}" stroke="currentColor"'
        ' stroke-width="1.5"/>'
    ).format(x, y - 6, PAPER)


def gantt_chart(plan: Schedule) -> Markup:
    """A bar per project from its start to its end day on a time axis with month
    labels, its milestones marked, a dashed line at t, then "and K more" and the
    legend."""
    inner = GANTT_WIDTH - LABEL_WIDTH - RIGHT
    span = max((plan.end - plan.start).days + 1, 1)

    def x(day, end_of_day=False) -> float:
        days = (day - plan.start).days + (1 if end_of_day else 0)
        return round(LABEL_WIDTH + inner * days / span, 1)

    bottom = GANTT_TOP + len(plan.rows) * ROW
    parts = [_text(0, 14, plan.title, 12, weight="bold")]
    for day, label in plan.ticks:
        parts.append(Markup(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        ).format(x(day), GANTT_TOP - 4, x(day), bottom, GRID))  # fmt: skip
        parts.append(_text(x(day), bottom + 14, label, 10, "middle"))
    for i, row in enumerate(plan.rows):
        mid = GANTT_TOP + i * ROW + ROW / 2
        parts.append(Markup("<g><title>{}</title>{}</g>").format(
            row.label, _text(0, mid + 4, cut(row.label))
        ))  # fmt: skip
        left = x(row.start)
        parts.append(Markup(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}"/>'
        ).format(left, mid - BAR_HEIGHT / 2, max(x(row.end, True) - left, 1.5),
                 BAR_HEIGHT, BAR))  # fmt: skip
        for mark in row.milestones:
            parts.append(Markup("<g><title>{}</title>{}</g>").format(
                mark.text, _marker(mark.state, x(mark.on, True), mid)
            ))  # fmt: skip
    at = x(plan.t, True)
    parts.append(Markup(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor"'
        ' stroke-width="1.5" stroke-dasharray="4 3"/>'
    ).format(at, GANTT_TOP - 8, at, bottom))  # fmt: skip
    anchor = "end" if at > LABEL_WIDTH + inner / 2 else "start"
    parts.append(_text(at, GANTT_TOP - 12, plan.t_text, 10, anchor))
    y = bottom + 34
    if plan.more:
        parts.append(_text(0, y, plan.more, 11))
        y += 20
    step = (GANTT_WIDTH - LABEL_WIDTH) / len(plan.legend)
    for i, (state, label) in enumerate(plan.legend):
        left = LABEL_WIDTH + i * step
        parts.append(_marker(state, left + 6, y - 4))
        parts.append(_text(left + 16, y, label, 10))
    return _svg("crd-gantt", plan.title, GANTT_WIDTH, y + 8, parts)


def dark_css() -> str:
    """On the dark page (`data-bs-theme="dark"`, screen only): the marks' lighter
    variants, the dark paper for white outlines, a darker grid."""
    swaps = [(light, dark) for light, dark in DARK_VARIANTS.items()]
    swaps += [(PAPER, DARK_PAPER), (GRID, DARK_GRID)]
    rules = "".join(
        f'[data-bs-theme="dark"] .crd-report svg [{attribute}="{light}"]'
        f" {{ {attribute}: {dark}; }}"
        for light, dark in swaps
        for attribute in ("fill", "stroke")
    )
    return "@media screen { " + rules + " }"
