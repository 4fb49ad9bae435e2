"""Client health of METRICS.md: five 0–100 components, a weighted score, a band.

Each component is left out when its data is missing; the score is the weighted
mean of the components present (equal weights unless others are given).
Healthy ≥ 70, watch 50–70 (70 excluded), at risk < 50.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from dashboard.kernel.settings import HEALTH_COMPONENTS
from dashboard.metrics.revenue import retention_base

Band = Literal["healthy", "watch", "at_risk"]
EQUAL_WEIGHTS: dict[str, float] = dict.fromkeys(HEALTH_COMPONENTS, 1.0)
HEALTHY = 70.0
WATCH = 50.0
HEALTH_COLUMNS = [
    "external_id",
    "name",
    "nps",
    "attendance_rate",
    "on_time_rate",
    "burn_ratio",
    "nrr",
    *HEALTH_COMPONENTS,
    "score",
    "band",
]


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(max(value, low), high)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def satisfaction_component(nps_value: float | None) -> float | None:
    """Satisfaction: `(NPS + 100) / 2`; None without NPS answers."""
    return None if _missing(nps_value) else (nps_value + 100.0) / 2.0


def engagement_component(attendance: float | None) -> float | None:
    """Engagement: `100 × attendance rate`; None without client-side invitees."""
    return None if _missing(attendance) else 100.0 * attendance


def delivery_component(on_time: float | None) -> float | None:
    """Delivery: `100 × on-time rate`; None without action items due."""
    return None if _missing(on_time) else 100.0 * on_time


def budget_component(ratio: float | None) -> float | None:
    """Budget: `100 × clamp((1.5 − burn ratio) / 0.5, 0, 1)`; None without a ratio.

    100 up to a burn ratio of 1, falling to 0 at 1.5.
    """
    return None if _missing(ratio) else 100.0 * _clamp((1.5 - ratio) / 0.5)


def revenue_component(nrr_value: float | None) -> float | None:
    """Revenue: `100 × clamp(NRR / 1.2, 0, 1)`; None without NRR."""
    return None if _missing(nrr_value) else 100.0 * _clamp(nrr_value / 1.2)


def client_nrr(by_client: pd.DataFrame) -> pd.Series:
    """Each client's own NRR: `nrr()` of METRICS.md with the base B = {c}.

    `by_client` is `revenue_by_client` with `current` and `year_earlier` columns;
    clients outside `retention_base` (no revenue in P-1y) are left out. Vectorised
    so that thousands of clients cost one division, not thousands of frames.
    """
    base = retention_base(by_client)
    return base["current"].astype("float64") / base["year_earlier"].astype("float64")


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """The weights of the five components (missing ones weigh 0); equal by default.

    Raise ValueError for an unknown component, a negative weight or all zeros.
    """
    if weights is None:
        return dict(EQUAL_WEIGHTS)
    unknown = sorted(set(weights) - set(HEALTH_COMPONENTS))
    if unknown:
        raise ValueError(f"unknown health components: {', '.join(unknown)}")
    if any(float(w) < 0 or math.isnan(float(w)) for w in weights.values()):
        raise ValueError("health weights must be 0 or more")
    if not any(float(w) > 0 for w in weights.values()):
        raise ValueError("at least one health weight must be above 0")
    return {name: float(weights.get(name, 0.0)) for name in HEALTH_COMPONENTS}


def health_score(
    components: Mapping[str, float | None],
    weights: Mapping[str, float] | None = None,
) -> float | None:
    """Weighted mean of the components present; None when none is (or all present
    ones weigh 0)."""
    return _score(components, check_weights(weights))


def _score(
    components: Mapping[str, float | None], checked: Mapping[str, float]
) -> float | None:
    present = {
        name: value
        for name, value in components.items()
        if not _missing(value) and checked[name] > 0
    }
    total = sum(checked[name] for name in present)
    if total == 0:
        return None
    return sum(checked[name] * value for name, value in present.items()) / total


def health_band(score: float | None) -> Band | None:
    """`healthy` (≥ 70), `watch` (50 to below 70), `at_risk` (< 50); None unscored."""
    if _missing(score):
        return None
    if score >= HEALTHY:
        return "healthy"
    if score >= WATCH:
        return "watch"
    return "at_risk"


def client_health_table(
    inputs: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    *,
    with_client_id: bool = False,
) -> pd.DataFrame:
    """Health per client, worst score first (unscored clients last).

    `inputs` has the `health_inputs` columns plus `burn_ratio` and `nrr` (None or
    NaN when missing). Missing values in the result are None. Each figure is
    what `nps`, `attendance_rate`, `on_time_rate`, the five components,
    `health_score` and `health_band` give for the client, computed for all
    clients at once with the same operations in the same order (the same
    doubles). `with_client_id` adds the inputs' `client_id` as a last column.
    """
    checked = check_weights(weights)
    columns = [*HEALTH_COLUMNS, "client_id"] if with_client_id else HEALTH_COLUMNS
    if inputs.empty:
        return pd.DataFrame(columns=columns)

    def numbers(name: str) -> np.ndarray:
        return pd.to_numeric(inputs[name], errors="coerce").to_numpy("float64")

    rates = {
        "nps": 100.0 * (numbers("promoters") - numbers("detractors")),
        "attendance_rate": numbers("client_attended"),
        "on_time_rate": numbers("items_on_time"),
    }
    wholes = {
        "nps": numbers("nps_n"),
        "attendance_rate": numbers("client_invited"),
        "on_time_rate": numbers("items_due"),
    }
    values = {
        name: np.divide(
            part,
            wholes[name],
            out=np.full(len(part), np.nan),
            where=wholes[name] > 0,
        )
        for name, part in rates.items()
    }
    values["burn_ratio"] = numbers("burn_ratio")
    values["nrr"] = numbers("nrr")
    components = {
        "satisfaction": (values["nps"] + 100.0) / 2.0,
        "engagement": 100.0 * values["attendance_rate"],
        "delivery": 100.0 * values["on_time_rate"],
        "budget": 100.0 * np.clip((1.5 - values["burn_ratio"]) / 0.5, 0.0, 1.0),
        "revenue": 100.0 * np.clip(values["nrr"] / 1.2, 0.0, 1.0),
    }
    # As `_score`: the present components' weighted values, then weights, each
    # added in the components' order.
    weighted = np.zeros(len(inputs))
    total = np.zeros(len(inputs))
    for name in HEALTH_COMPONENTS:
        present = ~np.isnan(components[name]) & (checked[name] > 0)
        weighted = np.where(
            present, weighted + checked[name] * components[name], weighted
        )
        total = np.where(present, total + checked[name], total)
    score = np.divide(
        weighted, total, out=np.full(len(inputs), np.nan), where=total > 0
    )
    band = np.select(
        [score >= HEALTHY, score >= WATCH, score < WATCH],
        ["healthy", "watch", "at_risk"],
        default=None,
    )
    table = pd.DataFrame(
        {
            "external_id": inputs["external_id"].to_numpy(object),
            "name": inputs["name"].to_numpy(object),
            **values,
            **components,
            "score": score,
            "band": band,
            "client_id": inputs["client_id"].to_numpy(object),
        },
        columns=columns,
    )
    order = np.where(np.isnan(score), math.inf, score)
    table = (
        table.assign(_order=order)
        .sort_values(["_order", "external_id"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
    return table.astype(object).where(table.notna(), None)
