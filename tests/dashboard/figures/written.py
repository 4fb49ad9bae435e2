"""What a user reads in a figure or a table, and every way a value in it can be
written other than dashboard.kernel.formatting writes it: ISO dates and months, numbers
of 1,000 and more without separators, negative zeros, periods like `2025Q1`,
negative durations, numbers formatted by the browser (d3 formats), number ticks off
round steps."""

from __future__ import annotations

import json
import math
import re

import plotly.graph_objects as go
import plotly.io as pio

# Keys whose strings are drawn as text (titles and annotations are {"text": ...}).
SHOWN_KEYS = {"text", "hovertext", "hovertemplate", "texttemplate", "ticktext", "name"}
CLICK_IDS = ("client:", "period:")

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ISO_MONTH = re.compile(r"\b\d{4}-(0[1-9]|1[0-2])\b")
LOOSE_PERIOD = re.compile(r"\b\d{4}(Q| Q|-q)[1-4]\b")
NEGATIVE_ZERO = re.compile(r"[-−](US\$|\$|¥)?0(\.0+)?(?![\d.,]*[1-9])")
NEGATIVE_DURATION = re.compile(r"[-−]\d[\d.,]*\s*(min|分钟)")
BROWSER_FORMAT = re.compile(r"%\{[^}]*[:|][^}]*\}")
# Years are written without separators: take out every well-written date and
# period first, then no run of four digits may be left.
YEARS = re.compile(
    r"\bFY\d{4}(-Q[1-4])?\b|\b\d{4}-Q[1-4]\b"
    r"|\b[A-Z][a-z]{2} \d{1,2}, \d{4}\b|\b[A-Z][a-z]{2} \d{4}\b"
    r"|\d{4}年(\d{1,2}月(\d{1,2}日)?)?"
)
UNGROUPED = re.compile(r"(?<![\d,.])\d{4,}")


def _walk(value, key: str | None = None):
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _walk(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, key)
    elif isinstance(value, str):
        yield key, value


def shown_strings(figure: go.Figure | dict) -> list[str]:
    """Every string a figure (or its plain dict, as a page holds it) draws:
    titles, labels, ticks, hover templates and the hover text they read from
    customdata (but click ids)."""
    shown = []
    for key, text in _walk(json.loads(pio.to_json(figure, validate=False))):
        if key in SHOWN_KEYS or (
            key == "customdata" and not text.startswith(CLICK_IDS)
        ):
            shown.append(text)
    return shown


def misformatted(texts: list[str]) -> list[str]:
    """`reason: text` for each text with a value written another way."""
    found = []
    for text in texts:
        if ISO_DAY.search(text) or ISO_MONTH.search(text):
            found.append(f"ISO date: {text}")
        if LOOSE_PERIOD.search(text):
            found.append(f"period: {text}")
        if NEGATIVE_ZERO.search(text):
            found.append(f"negative zero: {text}")
        if NEGATIVE_DURATION.search(text):
            found.append(f"negative duration: {text}")
        if BROWSER_FORMAT.search(text):
            found.append(f"browser format: {text}")
        if UNGROUPED.search(YEARS.sub("", text)):
            found.append(f"no separators: {text}")
    return found


def _is_round_step(step: float) -> bool:
    exponent = math.floor(math.log10(step))
    return any(math.isclose(step, m * 10**exponent) for m in (1, 2, 5, 10))


def _axis_values(traces: list[dict]) -> dict[str, list]:
    """Axis (`x`, `y2`, …) → the values its traces put on it."""
    values: dict[str, list] = {}
    for trace in traces:
        for letter in ("x", "y"):
            axis = trace.get(f"{letter}axis", letter)
            values.setdefault(axis, []).extend(
                v for v in trace.get(letter) or [] if v is not None
            )
    return values


def _names(values: list) -> bool:
    """Text categories (names, kinds) that the axis shows as they are."""
    return bool(values) and all(
        isinstance(v, str)
        and not ISO_DAY.match(v)
        and not ISO_MONTH.fullmatch(v)
        and not YEARS.fullmatch(v)
        for v in values
    )


def axis_problems(figure: go.Figure | dict) -> list[str]:
    """Axes whose labels the browser writes (numbers, dates or periods without
    ticktext, or a tick format), and number ticks off a 1, 2 or 5 × 10^k step."""
    drawn = json.loads(pio.to_json(figure, validate=False))
    layout = drawn.get("layout", {})
    on_axis = _axis_values(drawn.get("data", []))
    problems = []
    for name, axis in layout.items():
        if not name.startswith(("xaxis", "yaxis")) or not isinstance(axis, dict):
            continue
        values = on_axis.get(name[0] + name[5:], [])
        if {"tickformat", "ticksuffix", "hoverformat"} & set(axis):
            problems.append(f"{name} formats its own ticks")
        written = axis.get("visible", True) and values and not _names(values)
        if written and "ticktext" not in axis:
            problems.append(f"{name} has ticks the browser writes: {values[:3]}")
        ticks = axis.get("tickvals") or []
        if ticks and all(isinstance(v, int | float) for v in ticks):
            steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
            if len(steps) > 1 or not all(_is_round_step(s) for s in steps if s):
                problems.append(f"{name} ticks not at round steps: {ticks}")
    return problems
