"""Targets against values: met by the KPI's direction, and which target applies.

METRICS.md, "Changes against the previous period": higher is better or lower is
better per KPI. A value meets a target when it is on the good side of it or equal
to it; an undefined value (no data, a zero denominator) is `unknown`, never met.
"""

from __future__ import annotations

import math
from typing import Literal

import pandas as pd

from dashboard.kernel.catalog import KPI_BY_KEY

TargetStatus = Literal["met", "missed", "unknown"]
TARGET_COLUMNS = ["scope", "client", "segment", "kpi", "period", "value"]
# A value equal to the target up to float noise (17/20 against 0.85) meets it.
_RELATIVE = 1e-9


def target_status(kpi: str, value: float | None, target: float) -> TargetStatus:
    """`met`, `missed` or `unknown` for a KPI's value against its target.

    METRICS.md direction: for higher-is-better KPIs met means value >= target, for
    lower-is-better ones value <= target. A KPI without such a direction has no
    target (dashboard/kernel/targets.py) and raises ValueError.
    """
    better = KPI_BY_KEY[kpi].better
    if better not in ("higher", "lower"):
        raise ValueError(f"{kpi} has no better direction, so it takes no target")
    if value is None or not math.isfinite(value):
        return "unknown"
    if math.isclose(value, target, rel_tol=_RELATIVE, abs_tol=_RELATIVE):
        return "met"
    good = value > target if better == "higher" else value < target
    return "met" if good else "missed"


def applicable_targets(
    targets: pd.DataFrame, *, client: str | None = None, segment: str | None = None
) -> pd.DataFrame:
    """The one target per KPI that applies to a view, from `targets` of one period
    (columns TARGET_COLUMNS, e.g. data.queries.targets.targets_for_period).

    For one client: the client's own target, else its segment's, else the
    portfolio's. For a segment: the segment's, else the portfolio's. Otherwise the
    portfolio's. Rows keep their `scope`, so a card can say whose target it is.
    """
    order = []
    if client is not None:
        order.append(("client", targets["client"] == client))
    if segment is not None:
        order.append(("segment", targets["segment"] == segment))
    order.append(("portfolio", pd.Series(True, index=targets.index)))
    picked = []
    for rank, (scope, matches) in enumerate(order):
        rows = targets[(targets["scope"] == scope) & matches]
        picked.append(rows.assign(_rank=rank))
    candidates = pd.concat(picked) if picked else targets.assign(_rank=0)
    best = candidates.sort_values(["kpi", "_rank"], kind="stable")
    best = best.drop_duplicates("kpi", keep="first")
    return best.drop(columns="_rank").reset_index(drop=True)


def target_for(
    targets: pd.DataFrame,
    kpi: str,
    *,
    client: str | None = None,
    segment: str | None = None,
) -> float | None:
    """The value of the target that applies to `kpi` in this view, or None."""
    applying = applicable_targets(targets, client=client, segment=segment)
    rows = applying[applying["kpi"] == kpi]
    return None if rows.empty else float(rows["value"].iloc[0])
