"""Chart axes: money ticked at round amounts and labelled the language's short way
($1.5M, US$150万), so an axis reads like the card and hover text beside it; and
ranges for two axes drawn over each other that put 0 at the same height."""

from __future__ import annotations

import math
from collections.abc import Iterable

from dashboard.kernel.i18n import format_money_short

STEPS = (1, 2, 5, 10)


def round_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Ticks 1, 2 or 5 × 10^k apart, from at or below min(low, 0) to at or above
    max(high, 0): the smallest such step that spans the values in at most `most`
    steps (the outer ticks, rounded out, may add one at each end). From zero, every
    tick is a small multiple of the step, so one decimal in short form is exact."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:  # both 0
        return [0.0]
    raw = (high - low) / most
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in STEPS if m * magnitude >= raw)
    first, last = math.floor(low / step), math.ceil(high / step)
    return [round(k * step, 9) for k in range(first, last + 1)]


def money_axis(
    values: Iterable[float | None], lang: str, currency: str, most: int = 6
) -> dict:
    """Plotly axis settings with round money ticks covering 0 and `values`."""
    finite = [float(v) for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return {}
    ticks = round_ticks(min(finite), max(finite), most)
    return {
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [format_money_short(v, lang, currency) for v in ticks],
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
