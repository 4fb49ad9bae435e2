"""Changes against the previous period (METRICS.md "Changes against the previous
period"): how much, which way, and whether that is good.

The size of a change depends on the figure's kind (see `catalog`): rates and ratios
change in percentage points (`pp`, 100 × the difference), figures already on 0–100
(CSAT) in points of percent (`pp`), scores in points (`pts`), minutes in minutes
(`min`), counts and amounts in percent of the previous value (`%`).
`direction` is the sign of the change (`up`, `down`, `flat` when exactly 0);
`verdict` says whether that is `good`, `bad` or `neutral` for this figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from dashboard.kernel.catalog import KPI_BY_KEY, KPI_KEYS, Kind

Direction = Literal["up", "down", "flat"]
Verdict = Literal["good", "bad", "neutral"]
Unit = Literal["pp", "%", "pts", "min"]

UNITS: dict[Kind, Unit] = {
    "count": "%",
    "amount": "%",
    "rate": "pp",
    "ratio": "pp",
    "percent": "pp",
    "score": "pts",
    "minutes": "min",
}
BURN_RATIO_PLAN = 1.0


@dataclass(frozen=True)
class Change:
    """One figure against P-1.

    `value` is the size of the change in `unit` (None when either figure is
    undefined, or for a count or amount whose previous value is 0); `direction`
    and `verdict` are None only when either figure is undefined.
    """

    key: str
    current: float | None
    previous: float | None
    value: float | None
    unit: Unit
    direction: Direction | None
    verdict: Verdict | None


def _defined(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def change_size(kind: Kind, current: float, previous: float) -> float | None:
    """The change in the kind's unit; None for a percent change from 0."""
    difference = current - previous
    if kind in ("rate", "ratio"):
        return 100.0 * difference
    if kind in ("count", "amount"):
        if previous == 0:
            return 0.0 if current == 0 else None
        return 100.0 * difference / abs(previous)
    return float(difference)


def direction_of(current: float, previous: float) -> Direction:
    """`up`, `down`, or `flat` when the two are exactly equal."""
    if current > previous:
        return "up"
    if current < previous:
        return "down"
    return "flat"


def plan_verdict(
    current: float,
    previous: float,
    plan_current: float | None,
    plan_previous: float | None,
) -> Verdict:
    """Nearer to plan is better: compare each figure's distance to its own plan."""
    if not (_defined(plan_current) and _defined(plan_previous)):
        return "neutral"
    now = abs(current - plan_current)
    before = abs(previous - plan_previous)
    if math.isclose(now, before, rel_tol=1e-12, abs_tol=1e-12):
        return "neutral"
    return "good" if now < before else "bad"


def change(
    key: str,
    current: float | None,
    previous: float | None,
    *,
    plan_current: float | None = None,
    plan_previous: float | None = None,
) -> Change:
    """The change of METRICS.md figure `key` from `previous` (P-1) to `current` (P).

    For `plan` figures pass the plan of each period: for budget burn, the time
    elapsed of P and of P-1; the burn ratio's plan is 1 unless given.
    """
    info = KPI_BY_KEY[key]
    unit = UNITS[info.kind]
    if not (_defined(current) and _defined(previous)):
        return Change(key, current, previous, None, unit, None, None)
    direction = direction_of(current, previous)
    if direction == "flat" or info.better == "neutral":
        verdict: Verdict = "neutral"
    elif info.better == "plan":
        if key == "burn_ratio":
            plan_current = BURN_RATIO_PLAN if plan_current is None else plan_current
            plan_previous = BURN_RATIO_PLAN if plan_previous is None else plan_previous
        verdict = plan_verdict(current, previous, plan_current, plan_previous)
    else:
        up_is_good = info.better == "higher"
        verdict = "good" if (direction == "up") == up_is_good else "bad"
    size = change_size(info.kind, current, previous)
    return Change(key, current, previous, size, unit, direction, verdict)


def changes(
    current: Mapping[str, float | None], previous: Mapping[str, float | None]
) -> dict[str, Change]:
    """Every catalogue key present in `current`: its change against `previous`.

    Budget burn is judged against each period's own time elapsed.
    """
    result = {}
    for key in KPI_KEYS:
        if key not in current:
            continue
        plans = {}
        if key == "budget_burn":
            plans = {
                "plan_current": current.get("time_elapsed"),
                "plan_previous": previous.get("time_elapsed"),
            }
        result[key] = change(key, current[key], previous.get(key), **plans)
    return result
