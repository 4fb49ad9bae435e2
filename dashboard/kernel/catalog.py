"""The catalogue of METRICS.md keys: what kind of number each is, and which way is good.

Kinds: `count` (whole number), `amount` (money), `rate` (a fraction 0..1, shown as a
percentage; changes in percentage points), `percent` (already 0..100, e.g. CSAT;
changes in percentage points), `score` (NPS -100..100, feedback 1..5; changes in
points), `ratio` (NRR, CPI, burn ratio: 1 = par; changes in percentage points of
the ratio), `minutes`.
Better: `higher`, `lower`, `plan` (nearer to plan is better), or `neutral`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["count", "amount", "rate", "percent", "score", "ratio", "minutes"]
Better = Literal["higher", "lower", "plan", "neutral"]
# Amounts are stored as whole cents (DATA.md); money figures are in units.
CENTS = 100
Topic = Literal[
    "clients", "revenue", "satisfaction", "meetings", "action_items", "budget"
]


@dataclass(frozen=True)
class KpiInfo:
    """One row of METRICS.md: its JSON key, topic, kind and direction."""

    key: str
    topic: Topic
    kind: Kind
    better: Better
    internal: bool = False


KPIS: tuple[KpiInfo, ...] = (
    KpiInfo("active_clients", "clients", "count", "higher"),
    KpiInfo("clients_at_start", "clients", "count", "neutral"),
    KpiInfo("new_clients", "clients", "count", "higher"),
    KpiInfo("lost_clients", "clients", "count", "lower"),
    KpiInfo("retention_rate", "clients", "rate", "higher"),
    KpiInfo("churn_rate", "clients", "rate", "lower"),
    KpiInfo("revenue", "revenue", "amount", "higher"),
    KpiInfo("arpa", "revenue", "amount", "higher"),
    KpiInfo("nrr", "revenue", "ratio", "higher"),
    KpiInfo("grr", "revenue", "ratio", "higher"),
    KpiInfo("expansion", "revenue", "amount", "higher"),
    KpiInfo("contraction", "revenue", "amount", "lower"),
    KpiInfo("churned_revenue", "revenue", "amount", "lower"),
    KpiInfo("clv", "revenue", "amount", "higher"),
    KpiInfo("cac", "revenue", "amount", "lower", internal=True),
    KpiInfo("nps", "satisfaction", "score", "higher"),
    KpiInfo("csat", "satisfaction", "percent", "higher"),
    KpiInfo("nps_n", "satisfaction", "count", "neutral"),
    KpiInfo("csat_n", "satisfaction", "count", "neutral"),
    KpiInfo("meetings_held", "meetings", "count", "neutral"),
    KpiInfo("attendance_rate", "meetings", "rate", "higher"),
    KpiInfo("goal_achievement_rate", "meetings", "rate", "higher"),
    KpiInfo("overrun_share", "meetings", "rate", "lower"),
    KpiInfo("avg_overrun_minutes", "meetings", "minutes", "lower"),
    KpiInfo("meeting_cost", "meetings", "amount", "lower", internal=True),
    KpiInfo("meeting_feedback", "meetings", "score", "higher"),
    KpiInfo("action_items_due", "action_items", "count", "neutral"),
    KpiInfo("action_item_completion_rate", "action_items", "rate", "higher"),
    KpiInfo("action_item_on_time_rate", "action_items", "rate", "higher"),
    KpiInfo("open_overdue", "action_items", "count", "lower"),
    KpiInfo("budget_burn", "budget", "rate", "plan"),
    KpiInfo("time_elapsed", "budget", "rate", "neutral"),
    KpiInfo("burn_ratio", "budget", "ratio", "plan"),
    KpiInfo("spend", "budget", "amount", "neutral"),
    KpiInfo("cpi", "budget", "ratio", "higher"),
    KpiInfo("spi", "budget", "ratio", "higher"),
    KpiInfo("eac", "budget", "amount", "neutral"),
)

KPI_BY_KEY: dict[str, KpiInfo] = {info.key: info for info in KPIS}
KPI_KEYS: tuple[str, ...] = tuple(info.key for info in KPIS)
INTERNAL_KEYS: frozenset[str] = frozenset(i.key for i in KPIS if i.internal)
