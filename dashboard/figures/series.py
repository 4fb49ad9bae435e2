"""What the trend figures share: a series as plain numbers with gaps, whether it
has any value, and the click data that chooses a period."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.kernel.formatting import format_period


def period_customdata(
    periods: Sequence[str], lang: str, *columns: Sequence[str]
) -> list[list[str]]:
    """Per point: `period:<label>` (a click chooses that period), the period as
    written for people, then the texts of `columns` (hover shows them)."""
    return [
        [f"period:{label}", format_period(label, lang), *texts]
        for label, *texts in zip(periods, *columns, strict=True)
    ]


def numbers(values: Sequence[object]) -> list[float | None]:
    """Plain floats, None where a value is undefined (a gap in a line)."""
    return [None if v is None or pd.isna(v) else float(v) for v in values]


def has_values(values: Sequence[object]) -> bool:
    """True when at least one value is defined."""
    return any(v is not None for v in numbers(values))
