"""Agreed targets: which KPIs take one, for whom, and what a valid value is.

A target is a threshold in the KPI's own unit (a rate as a fraction, 0.85; CSAT
0–100; NPS −100..100; money in units) for one period label, agreed for one client,
one segment or the whole portfolio. Only KPIs with a direction (higher or lower
is better, METRICS.md) take a target: for the others "met" means nothing. Internal
KPIs take none, since targets are agreed with and shown to clients, and logo KPIs
(active, new, lost clients, retention, churn) only for a segment or the portfolio.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from dashboard.kernel.catalog import KPI_BY_KEY, KPIS
from dashboard.kernel.filters import SEGMENTS
from dashboard.kernel.periods import PeriodError, parse_period

TargetScope = Literal["client", "segment", "portfolio"]
TARGET_SCOPES: tuple[str, ...] = ("client", "segment", "portfolio")
TARGET_KEYS: tuple[str, ...] = tuple(
    i.key for i in KPIS if i.better in ("higher", "lower") and not i.internal
)
PORTFOLIO_ONLY: frozenset[str] = frozenset(
    key for key in TARGET_KEYS if KPI_BY_KEY[key].topic == "clients"
)
# The scores have ranges of their own (METRICS.md): NPS −100..100, feedback 1–5.
SCORE_RANGES = {"nps": (-100.0, 100.0), "meeting_feedback": (1.0, 5.0)}
_UNIT_RULES = {
    "rate": (0.0, 1.0, "a rate: give a fraction from 0 to 1 (0.85 for 85%)"),
    "percent": (0.0, 100.0, "a percentage: give 0 to 100"),
    "ratio": (0.0, math.inf, "a ratio: give a number of at least 0 (1.1 for 110%)"),
    "amount": (0.0, math.inf, "an amount: give at least 0"),
    "minutes": (0.0, math.inf, "minutes: give at least 0"),
    "count": (0.0, math.inf, "a count: give a whole number of at least 0"),
}


class TargetError(ValueError):
    """A target cannot be stored; `field` names the input that is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class TargetKey:
    """What a target is for: a KPI in a period, for a client, a segment or all.

    `client` is the client's external id. At most one of client and segment is
    given; neither means the whole portfolio.
    """

    kpi: str
    period: str
    client: str | None = None
    segment: str | None = None

    @property
    def scope(self) -> TargetScope:
        """`client`, `segment` or `portfolio`."""
        if self.client is not None:
            return "client"
        return "segment" if self.segment is not None else "portfolio"

    def describe(self) -> str:
        """One line for logs: `nps 2026-Q4 client C-001`."""
        whom = {"client": self.client, "segment": self.segment}.get(self.scope)
        return f"{self.kpi} {self.period} {self.scope}" + (f" {whom}" if whom else "")


def kpi_problem(kpi: str) -> str | None:
    """Why this key cannot take a target, or None when it can."""
    info = KPI_BY_KEY.get(kpi)
    if info is None:
        return f"{kpi!r} is not a KPI key of METRICS.md"
    if info.internal:
        return f"{kpi} is internal only and takes no target"
    if kpi not in TARGET_KEYS:
        return f"{kpi} has no better direction, so it takes no target"
    return None


def scope_problem(kpi: str, *, client: object, segment: object) -> str | None:
    """Why this KPI cannot have a target for this client or segment, or None."""
    if client is not None and segment is not None:
        return "give a client or a segment, not both (neither: the whole portfolio)"
    if segment is not None and segment not in SEGMENTS:
        return f"{segment!r} is not one of {', '.join(SEGMENTS)}"
    if client is not None and kpi in PORTFOLIO_ONLY:
        return f"{kpi} counts clients: a target for it is for a segment or all clients"
    return None


def value_problem(kpi: str, value: float) -> str | None:
    """Why the value is not a possible target for this (targetable) KPI, or None."""
    info = KPI_BY_KEY[kpi]
    if not math.isfinite(value):
        return f"{value!r} is not a number"
    if info.kind == "score":
        low, high = SCORE_RANGES[kpi]
        what = f"a score from {low:g} to {high:g}"
    else:
        low, high, what = _UNIT_RULES[info.kind]
        if info.kind == "count" and not float(value).is_integer():
            return f"{value:g} is not possible: {kpi} is {what}"
    if not low <= value <= high:
        return f"{value:g} is out of range: {kpi} is {what}"
    return None


def period_label(text: str, fiscal_start_month: int = 1) -> str:
    """The canonical label of a period (`2026-Q4`, `2026-07`, `2026`, fiscal
    `FY2027-Q1`); PeriodError when it is not one."""
    return parse_period(text, fiscal_start_month).label


def checked_key(key: TargetKey, fiscal_start_month: int = 1) -> TargetKey:
    """The key with its period label made canonical; TargetError naming the first
    field that is wrong."""
    if problem := kpi_problem(key.kpi):
        raise TargetError("kpi", problem)
    if problem := scope_problem(key.kpi, client=key.client, segment=key.segment):
        raise TargetError("segment" if key.segment is not None else "client", problem)
    try:
        period = period_label(key.period, fiscal_start_month)
    except PeriodError as exc:
        raise TargetError("period", str(exc)) from None
    return TargetKey(key.kpi, period, key.client, key.segment)


def checked_value(kpi: str, value: object) -> float:
    """The value as stored; TargetError when it is not a possible target."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TargetError("value", f"{value!r} is not a number")
    if problem := value_problem(kpi, float(value)):
        raise TargetError("value", problem)
    return float(value)
