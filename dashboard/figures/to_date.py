"""A period still running, marked on a chart's period axis ("2026-Q4 / to
date"), so its partial figure is not read as a drop."""

from __future__ import annotations

from collections.abc import Collection

import plotly.graph_objects as go

from dashboard.kernel.i18n import translator


def to_date_label(text: str, lang: str) -> str:
    """A period's tick with "to date" on a second line (至今 in Chinese)."""
    return f"{text}<br>{translator(lang)('to date')}"


def mark_to_date(figure: go.Figure, running: Collection[str], lang: str) -> None:
    """Mark each period axis tick of a `running` period "to date", in place.
    Axes without period ticks are left as they are."""
    if not running:
        return
    for axis in (*figure.select_xaxes(), *figure.select_yaxes()):
        values, texts = axis.tickvals, axis.ticktext
        if values is None or texts is None or len(values) != len(texts):
            continue
        if not any(str(value) in running for value in values):
            continue
        axis.ticktext = [
            to_date_label(str(text), lang) if str(value) in running else text
            for value, text in zip(values, texts, strict=True)
        ]
