"""What the trend figures share: a series as plain numbers with gaps, whether it
has any value, and the click data that chooses a period."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def period_customdata(periods: Sequence[str]) -> list[str]:
    """`period:<label>` for each period: a click chooses that period."""
    return [f"period:{label}" for label in periods]


def numbers(values: Sequence[object]) -> list[float | None]:
    """Plain floats, None where a value is undefined (a gap in a line)."""
    return [None if v is None or pd.isna(v) else float(v) for v in values]


def has_values(values: Sequence[object]) -> bool:
    """True when at least one value is defined."""
    return any(v is not None for v in numbers(values))
