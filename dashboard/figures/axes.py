"""Money axes ticked at round amounts and labelled the language's short way
($1.5M, US$150万), so an axis reads like the card and hover text beside it."""

from __future__ import annotations

import math
from collections.abc import Iterable

from dashboard.i18n import format_money_short

STEPS = (1, 2, 5, 10)


def round_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Ticks 1, 2 or 5 × 10^k apart, from at or below min(low, 0) to at or above
    max(high, 0), with at most `most` steps between the outer ones. From zero, every
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
