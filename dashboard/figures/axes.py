"""Chart axes ticked at round values and labelled by dashboard.kernel.formatting, so an
axis reads like the card and hover text beside it: money the language's short way
($1.5M, US$150万), percentages (0/10/20%), counts, periods, months; and ranges for
two axes drawn over each other that put 0 at the same height."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable

from dashboard.figures.text import shown_width, wrapped
from dashboard.figures.theme import PRESENTING_SMALL
from dashboard.kernel.formatting import (
    format_count,
    format_day,
    format_money_short,
    format_month,
    format_number,
    format_percent,
    format_periods,
)

STEPS = (1, 2, 5, 10)
# The characters (Latin; half as many Chinese) of a line of a column's label: five
# or six columns of a chart in a half-width card then stand side by side, written
# across.
COLUMN_LABEL_WIDTH = 12


def round_ticks(
    low: float, high: float, most: int = 6, *, smallest: float = 0.0
) -> list[float]:
    """Ticks 1, 2 or 5 × 10^k apart (at least `smallest`), from at or below
    min(low, 0) to at or above max(high, 0): the smallest such step that spans the
    values in at most `most` steps (the outer ticks, rounded out, may add one at each
    end). From zero, every tick is a small multiple of the step, so one decimal in
    short form is exact."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:  # both 0
        return [0.0]
    raw = max((high - low) / most, smallest)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in STEPS if m * magnitude >= raw)
    first, last = math.floor(low / step), math.ceil(high / step)
    return [round(k * step, 9) for k in range(first, last + 1)]


def _finite(values: Iterable[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None and math.isfinite(v)]


def _decimals(step: float) -> int:
    """Digits after the point that write every multiple of `step` exactly."""
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step else 0


def _ticked(
    values: Iterable[float | None],
    label: Callable[[float, int], str],
    most: int,
    smallest: float = 0.0,
    scale: float = 1.0,
) -> dict:
    finite = _finite(values)
    if not finite:
        return {}
    ticks = round_ticks(min(finite), max(finite), most, smallest=smallest)
    digits = _decimals((ticks[1] - ticks[0]) * scale) if len(ticks) > 1 else 0
    return {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [label(v, digits) for v in ticks],
    }


def money_axis(
    values: Iterable[float | None], lang: str, currency: str, most: int = 6
) -> dict:
    """Plotly axis settings with round money ticks covering 0 and `values`, all in
    the unit of the largest (0, $0.5K, $1.0K, $1.5K; US$0.8万, US$1.0万)."""
    finite = _finite(values)
    if not finite:
        return {}
    ticks = round_ticks(min(finite), max(finite), most)
    widest = max(abs(tick) for tick in ticks)
    return _ticked(
        finite,
        lambda v, _: format_money_short(v, lang, currency, unit_of=widest),
        most,
    )


def percent_axis(values: Iterable[float | None], lang: str, most: int = 6) -> dict:
    """Round percentage ticks (0/10/20/30%) covering 0 and rates 0..1."""
    return _ticked(
        values, lambda v, d: format_percent(v, lang, d), most, smallest=1e-4, scale=100
    )


def count_axis(values: Iterable[float | None], lang: str, most: int = 6) -> dict:
    """Whole-number ticks (steps of at least 1) covering 0 and counts."""
    return _ticked(values, lambda v, _: format_count(v, lang), most, smallest=1.0)


def number_axis(values: Iterable[float | None], lang: str, most: int = 6) -> dict:
    """Round ticks for plain numbers (minutes, scores) covering 0 and `values`."""
    return _ticked(values, lambda v, d: format_number(v, lang, d), most)


def period_axis(labels: Iterable[object], lang: str) -> dict:
    """A category axis of period labels, written as `format_period` writes them."""
    labels = [str(label) for label in labels]
    return {
        "type": "category",
        "tickmode": "array",
        "tickvals": labels,
        "ticktext": format_periods(labels, lang),
    }


# The narrowest plot of a trend chart: a half-width card in a 992 px window, less
# its axes. Its period labels are written flat, at the size a client sees
# (PRESENTING_SMALL + 1: the layout font made larger), about 0.6 em a Latin
# character, with TICK_GAP_PX between two labels.
TREND_PLOT_PX = 330
TICK_PX = PRESENTING_SMALL + 1
TICK_GAP_PX = 16


def trend_axis(labels: Iterable[object], lang: str) -> dict:
    """The period axis of a trend chart: labels flat (tilted ones reach into
    what lies below the axis) and, when they would not all fit side by side in
    TREND_PLOT_PX, every 2nd (3rd, …) of them, ending with the latest period;
    each period is still on hover and clickable."""
    axis = period_axis(labels, lang)
    values, texts = axis["tickvals"], axis["ticktext"]
    widest = max((shown_width(text) for text in texts), default=0)
    room = max(int(TREND_PLOT_PX // (widest * 0.6 * TICK_PX + TICK_GAP_PX)), 1)
    step = math.ceil(len(values) / room) if values else 1
    kept = range(len(values) - 1, -1, -step)[::-1]
    return axis | {
        "tickvals": [values[i] for i in kept],
        "ticktext": [texts[i] for i in kept],
        "tickangle": 0,
        "automargin": True,
    }


MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)


def month_axis(first: dt.date, last: dt.date, lang: str, most: int = 6) -> dict:
    """A date axis ticked on the first days of months (Jan 2026 / 2026年1月), every
    1, 2, 3, 6 or 12 months so at most `most` ticks fall between first and last;
    a span with fewer months is ticked at its first and last day."""
    start = first.year * 12 + first.month - 1 + (first.day > 1)
    end = last.year * 12 + last.month - 1
    span = max(end - start, 0)
    step = next((s for s in MONTH_STEPS if span // s + 1 <= most), MONTH_STEPS[-1])
    days = [
        dt.date(index // 12, index % 12 + 1, 1)
        for index in range(start, end + 1)
        if index % step == 0
    ]
    labels = [format_month(day, lang) for day in days]
    if len(days) < 2:  # under two months: the first and the last day instead
        days, labels = [first, last], [format_day(first, lang), format_day(last, lang)]
    return {
        "type": "date",
        "tickmode": "array",
        "tickvals": [day.isoformat() for day in days],
        "ticktext": labels,
    }


def zero_aligned_ranges(
    *series: Iterable[float | None], pad: float = 0.1, most_below: float = 0.9
) -> list[list[float]]:
    """One range per series for axes drawn over each other, with 0 at the same
    height on all of them (so a line below 0 is below the bars' baseline too).

    Each range covers 0 and its values with `pad` to spare; the share of an axis
    below 0 is the largest any series needs (at most `most_below`)."""
    bounds = []
    for values in series:
        finite = [float(v) for v in values if v is not None and math.isfinite(v)]
        low = min([0.0, *finite]) * (1 + pad)
        high = max([0.0, *finite]) * (1 + pad)
        if low == high:  # only zeros, or nothing
            high = 1.0
        bounds.append((low, high))
    below = min(max(-low / (high - low) for low, high in bounds), most_below)
    ranges = []
    for low, high in bounds:
        if below == 0:
            ranges.append([0.0, high])
        elif high > 0 and -below / (1 - below) * high <= low:
            ranges.append([-below / (1 - below) * high, high])
        else:  # this axis reaches furthest below 0: widen it above 0 instead
            ranges.append([low, -low * (1 - below) / below])
    return ranges


def column_axis(labels: Iterable[str]) -> dict:
    """A category axis whose column labels are written across on wrapped lines
    (Plotly would turn labels that collide on their side, and the chart's margins
    could not be known before it is drawn)."""
    labels = list(dict.fromkeys(labels))
    return {
        "type": "category",
        "tickvals": labels,
        "ticktext": [wrapped(label, COLUMN_LABEL_WIDTH) for label in labels],
        "tickangle": 0,
    }
