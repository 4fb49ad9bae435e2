"""What the trend figures share: a series as plain numbers with gaps, whether it
has any value, the click data that chooses a period, and legend entries for
reference lines."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

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


def line_key(name: str, line: dict) -> go.Scatter:
    """A legend entry naming a reference line drawn as a shape ("On plan (1.0)",
    "100%: revenue kept"): its words sit in the legend above the plot, never on
    a bar, a marker or a line."""
    return go.Scatter(
        x=[None], y=[None], mode="lines", name=name, line=line, hoverinfo="skip"
    )
