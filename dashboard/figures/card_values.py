"""Headline cards as plain values: formatted figure, change, sparkline, explanation.

Pure: takes the `kpis` report and trend, returns what the card layout shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.figures.sparkline import sparkline_label
from dashboard.kernel.catalog import KPI_BY_KEY, KPIS, Kind
from dashboard.kernel.formatting import (
    UNDEFINED,
    format_count,
    format_day,
    format_minutes,
    format_money,
    format_number,
    format_percent,
    format_period,
)
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import (
    DEFAULT_UNDEFINED_REASON,
    DEFINITIONS,
    SHARED_ITEMS_NOTE,
    TITLES,
    UNDEFINED_REASONS,
    UNITS,
)
from dashboard.metrics.changes import changes
from dashboard.metrics.satisfaction import SMALL_SAMPLE
from dashboard.metrics.targets import target_status

HEADLINE_KEYS = (
    "active_clients",
    "new_clients",
    "lost_clients",
    "retention_rate",
    "churn_rate",
    "revenue",
    "nrr",
    "clv",
    "cac",
    "nps",
    "csat",
    "attendance_rate",
    "goal_achievement_rate",
    "action_item_completion_rate",
    "budget_burn",
)
# A client-facing card counts only the action items shared with the client.
SHARED_ITEM_KEYS = frozenset(i.key for i in KPIS if i.topic == "action_items")
SAMPLE_SIZES = {"nps": "nps_n", "csat": "csat_n"}
PERCENT_RATIOS = {"nrr", "grr"}
ARROWS = {"up": "▲", "down": "▼", "flat": "▶"}


@dataclass(frozen=True)
class CardModel:
    """Everything one headline card shows."""

    key: str
    title: str
    value: str
    change_text: str | None
    arrow: str | None
    verdict: str | None
    change_label: str | None
    spark_periods: tuple[str, ...]
    spark_values: tuple[float | None, ...]
    spark_label: str
    definition: str
    details: tuple[str, ...]
    warning: str | None
    undefined_reason: str | None
    note: str | None = None  # a line under the figure: "n = 3", a band
    target_text: str | None = None  # "target 85%"
    target_status: str | None = None  # met, missed or unknown (dashboard.metrics)
    compared: bool = True  # False: a figure at as_of, no previous period to compare
    # "n = 1" beside a value resting on a small sample; "2026-Q4 to date" when
    # the period is still running (its figure is not a whole period's).
    sample_note: str | None = None
    period_note: str | None = None


def format_value(key: str, value: float | None, lang: str, currency: str) -> str:
    """A figure formatted for its kind and the language."""
    if value is None:
        return UNDEFINED
    kind: Kind = KPI_BY_KEY[key].kind
    if kind == "count":
        return format_count(value, lang)
    if kind == "amount":
        return format_money(value, lang, currency, compact=True)
    if kind == "rate" or key in PERCENT_RATIOS:
        return format_percent(value, lang)
    if kind == "percent":
        return format_percent(value / 100, lang)
    if kind == "ratio":
        return format_number(value, lang, 2)
    if kind == "minutes":
        return format_minutes(value, lang)
    return format_number(value, lang, 1)


def format_change(value: float, unit: str, lang: str) -> str:
    """+2.1 pp, −5.0%, +3.0 pts, +1.5 min (+2.1 个百分点 in Chinese)."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    number = format_number(abs(value), lang, 1)
    return sign + translator(lang)(UNITS.get(unit, "{number}"), number=number)


def target_parts(
    key: str, value: float | None, target: float | None, lang: str, currency: str
) -> tuple[str | None, str | None]:
    """("target 85%", met/missed/unknown) for a KPI with a target, else (None,
    None); met by the KPI's direction (METRICS.md)."""
    if target is None:
        return None, None
    _ = translator(lang)
    text = _("target {value}", value=format_value(key, target, lang, currency))
    return text, target_status(key, value, target)


def _details(key: str, report: dict, lang: str) -> tuple[str, ...]:
    _ = translator(lang)
    lines: list[str] = []
    start = report.get("clients_at_start")
    if key in ("retention_rate", "churn_rate") and start:
        lost = round(start * (report.get("churn_rate") or 0))
        lines.append(
            _(
                "{kept} of {start} clients at the start stayed; {lost} left.",
                kept=format_count(start - lost, lang),
                start=format_count(start, lang),
                lost=format_count(lost, lang),
            )
        )
    if key in SAMPLE_SIZES:
        lines.append(
            _("Answers: {n}", n=format_count(report.get(SAMPLE_SIZES[key]) or 0, lang))
        )
    if key in ("attendance_rate", "goal_achievement_rate"):
        lines.append(
            _(
                "Meetings held: {n}",
                n=format_count(report.get("meetings_held") or 0, lang),
            )
        )
    if key == "action_item_completion_rate":
        lines.append(
            _(
                "Items due: {n}",
                n=format_count(report.get("action_items_due") or 0, lang),
            )
        )
    if key == "cac":
        lines.append(
            _("New clients: {n}", n=format_count(report.get("new_clients") or 0, lang))
        )
    if key == "budget_burn" and report.get("time_elapsed") is not None:
        elapsed = format_percent(report["time_elapsed"], lang)
        lines.append(_("Time elapsed (plan): {share}", share=elapsed))
    window = report.get("window") or {}
    if window:
        lines.append(
            _(
                "Counted from {start} to {end}; as of {as_of}.",
                start=format_day(window["start"], lang),
                end=format_day(window["t"], lang),
                as_of=format_day(report["as_of"], lang),
            )
        )
    return tuple(lines)


def build_card(
    key: str,
    report: dict,
    trend: dict[str, list],
    lang: str,
    currency: str,
    *,
    shared_only: bool = False,
    target: float | None = None,
    to_date: str | None = None,
) -> CardModel:
    """One card's model from the report (with `previous`) and the trend columns;
    `shared_only` (a client-facing scope) notes that action items are the shared
    ones; `target`: the agreed target that applies, in the KPI's unit;
    `to_date`: the label of the period when it is still running."""
    _ = translator(lang)
    value = report.get(key)
    delta = changes({key: value, **report}, report.get("previous", {}))[key]
    change_text = arrow = label = None
    if delta.direction is not None:
        # A count or amount up from 0 has a direction but no percentage: "new".
        if delta.value is None:
            change_text = _("new")
        else:
            change_text = format_change(delta.value, delta.unit, lang)
        arrow = ARROWS[delta.direction]
        label = _(
            "{change} against {period} ({verdict})",
            change=change_text,
            period=format_period(report.get("previous", {}).get("period", ""), lang),
            verdict=_(delta.verdict or "neutral"),
        )
    warning = note = sample_note = None
    if key in SAMPLE_SIZES and value is not None:
        sample = report.get(SAMPLE_SIZES[key]) or 0
        if sample < SMALL_SAMPLE:
            warning = _("small sample (n = {n})", n=format_count(sample, lang))
            sample_note = _("n = {n}", n=format_count(sample, lang))
        else:
            note = _("n = {n}", n=format_count(sample, lang))
    reason = None
    if value is None:
        reason = _(UNDEFINED_REASONS.get(key, DEFAULT_UNDEFINED_REASON))
    title = _(TITLES[key])
    periods = tuple(trend.get("period", []))
    values = tuple(trend.get(key, []))
    # A key without a trend (not asked for) has no sparkline, so no words for it.
    shown = [format_value(key, v, lang, currency) for v in values]
    spark_label = sparkline_label(title, periods, shown, lang) if values else ""
    target_text, status = target_parts(key, value, target, lang, currency)
    return CardModel(
        key=key,
        title=title,
        value=format_value(key, value, lang, currency),
        change_text=change_text,
        arrow=arrow,
        verdict=delta.verdict if change_text else None,
        change_label=label,
        spark_periods=periods,
        spark_values=values,
        spark_label=spark_label,
        definition=_(DEFINITIONS.get(key, "")),
        details=_details(key, report, lang)
        + ((_(SHARED_ITEMS_NOTE),) if shared_only and key in SHARED_ITEM_KEYS else ()),
        warning=warning,
        undefined_reason=reason,
        note=note,
        target_text=target_text,
        target_status=status,
        sample_note=sample_note,
        period_note=_("{period} to date", period=format_period(to_date, lang))
        if to_date
        else None,
    )
