"""Client health: components, weighted score and bands, worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.kernel.settings import HEALTH_COMPONENTS as COMPONENT_NAMES
from dashboard.metrics.action_items import on_time_rate
from dashboard.metrics.health import (
    budget_component,
    client_health_table,
    client_nrr,
    delivery_component,
    engagement_component,
    health_band,
    health_score,
    revenue_component,
    satisfaction_component,
)
from dashboard.metrics.meetings import attendance_rate
from dashboard.metrics.revenue import nrr
from dashboard.metrics.satisfaction import nps


def test_satisfaction_maps_nps_onto_0_to_100():
    assert satisfaction_component(-100) == 0
    assert satisfaction_component(20) == 60  # (20 + 100) / 2
    assert satisfaction_component(100) == 100
    assert satisfaction_component(None) is None


def test_engagement_and_delivery_are_rates_times_100():
    assert engagement_component(0.75) == 75
    assert delivery_component(0.5) == 50
    assert engagement_component(None) is None
    assert delivery_component(math.nan) is None


@pytest.mark.parametrize(
    ("ratio", "component"),
    [(0.5, 100), (1.0, 100), (1.25, 50), (1.4, 20), (1.5, 0), (2.0, 0)],
)
def test_budget_component_falls_from_burn_ratio_1_to_1_5(ratio, component):
    # 100 × clamp((1.5 − ratio) / 0.5, 0, 1)
    assert budget_component(ratio) == pytest.approx(component)


@pytest.mark.parametrize(
    ("nrr", "component"), [(-0.1, 0), (0.0, 0), (0.6, 50), (1.2, 100), (1.5, 100)]
)
def test_revenue_component_reaches_100_at_nrr_1_2(nrr, component):
    assert revenue_component(nrr) == pytest.approx(component)


def test_missing_budget_and_revenue_are_left_out():
    assert budget_component(None) is None
    assert revenue_component(None) is None


HEALTH_COMPONENTS = {
    "satisfaction": 60.0,
    "engagement": 75.0,
    "delivery": None,
    "budget": 50.0,
    "revenue": None,
}


def test_score_is_the_mean_of_the_components_present():
    # (60 + 75 + 50) / 3
    assert health_score(HEALTH_COMPONENTS) == pytest.approx(185 / 3)


def test_score_with_weights():
    # (2 × 60 + 1 × 75 + 1 × 50) / 4; delivery's weight does not count (missing)
    weights = {"satisfaction": 2, "engagement": 1, "budget": 1, "delivery": 5}
    assert health_score(HEALTH_COMPONENTS, weights) == pytest.approx(61.25)
    # weight 0 leaves a present component out: (60 + 75) / 2
    weights = {"satisfaction": 1, "engagement": 1, "budget": 0}
    assert health_score(HEALTH_COMPONENTS, weights) == pytest.approx(67.5)


def test_score_undefined_without_components():
    assert health_score(dict.fromkeys(HEALTH_COMPONENTS)) is None
    assert health_score({"delivery": 80.0}, {"satisfaction": 1}) is None


def test_bad_weights_are_refused():
    with pytest.raises(ValueError, match="unknown"):
        health_score(HEALTH_COMPONENTS, {"happiness": 1})
    with pytest.raises(ValueError, match="0 or more"):
        health_score(HEALTH_COMPONENTS, {"budget": -1})
    with pytest.raises(ValueError, match="above 0"):
        health_score(HEALTH_COMPONENTS, {"budget": 0})


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, "healthy"),
        (70, "healthy"),
        (69.99, "watch"),
        (50, "watch"),
        (49.99, "at_risk"),
        (0, "at_risk"),
        (None, None),
    ],
)
def test_bands(score, band):
    assert health_band(score) == band


def _inputs(rows):
    columns = [
        "client_id", "external_id", "name", "nps_n", "promoters", "detractors",
        "client_invited", "client_attended", "items_due", "items_on_time",
        "burn_ratio", "nrr",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def test_client_health_table_by_hand():
    inputs = _inputs(
        [
            # A: NPS 100 × (3 − 1) / 5 = 40 → 70; attendance 3/4 → 75;
            #    on time 1/2 → 50; burn 1.25 → 50; NRR 0.6 → 50; mean 59 → watch
            (1, "A", "Alpha", 5, 3, 1, 4, 3, 2, 1, 1.25, 0.6),
            # B: only delivery, 2/2 → 100 → healthy
            (2, "B", "Beta", 0, 0, 0, 0, 0, 2, 2, math.nan, None),
            # C: nothing at all → no score
            (3, "C", "Gamma", 0, 0, 0, 0, 0, 0, 0, None, math.nan),
            # D: NPS −100 → 0; burn ratio 2 → 0; score 0 → at risk
            (4, "D", "Delta", 2, 0, 2, 0, 0, 0, 0, 2.0, None),
        ]
    )
    table = client_health_table(inputs)
    assert list(table["external_id"]) == ["D", "A", "B", "C"]  # worst first
    a = table.iloc[1].to_dict()
    assert a["nps"] == pytest.approx(40)
    assert a["attendance_rate"] == pytest.approx(0.75)
    assert a["on_time_rate"] == pytest.approx(0.5)
    assert (a["satisfaction"], a["engagement"], a["delivery"]) == (70, 75, 50)
    assert a["budget"] == pytest.approx(50)
    assert a["revenue"] == pytest.approx(50)
    assert a["score"] == pytest.approx(59)  # (70 + 75 + 50 + 50 + 50) / 5
    assert a["band"] == "watch"
    b = table.iloc[2].to_dict()
    assert (b["satisfaction"], b["engagement"], b["budget"], b["revenue"]) == (
        None, None, None, None,
    )  # fmt: skip
    assert (b["delivery"], b["score"], b["band"]) == (100, 100, "healthy")
    c = table.iloc[3].to_dict()
    assert (c["score"], c["band"], c["nps"], c["burn_ratio"]) == (None,) * 4
    d = table.iloc[0].to_dict()
    assert (d["satisfaction"], d["budget"], d["score"], d["band"]) == (
        0, 0, 0, "at_risk",
    )  # fmt: skip


def test_client_health_table_with_weights_and_no_clients():
    inputs = _inputs([(1, "A", "Alpha", 5, 3, 1, 4, 3, 2, 1, 1.25, 0.6)])
    # only satisfaction (70) and revenue (50), 3:1 → 65
    table = client_health_table(inputs, {"satisfaction": 3, "revenue": 1})
    assert table.loc[0, "score"] == pytest.approx(65)
    empty = client_health_table(_inputs([]))
    assert empty.empty
    assert "band" in empty.columns


def test_client_nrr_is_nrr_of_each_client_alone():
    by_client = pd.DataFrame(
        {"current": [90_000, 0, 50_000, 10_000], "year_earlier": [100_000, 500, 0, -5]},
        index=pd.Index([1, 2, 3, 4], name="client_id"),
    )
    per_client = client_nrr(by_client)
    # 1: 90,000 / 100,000; 2: 0 / 500; 3 and 4 had no revenue in P-1y: left out
    assert per_client.to_dict() == {1: pytest.approx(0.9), 2: 0.0}
    for client_id in by_client.index:
        assert per_client.get(client_id) == nrr(by_client.loc[[client_id]])


def _client(draw, number: int) -> tuple:
    count = st.integers(0, 6)
    n, invited, due = draw(count), draw(count), draw(count)
    promoters = draw(st.integers(0, n))
    ratio = st.none() | st.just(math.nan) | st.floats(-1, 3, allow_nan=False)
    return (
        number, f"C{draw(st.integers(0, 3))}-{number}", f"Client {number}",
        n, promoters, draw(st.integers(0, n - promoters)),
        invited, draw(st.integers(0, invited)), due, draw(st.integers(0, due)),
        draw(ratio), draw(ratio),
    )  # fmt: skip


@st.composite
def health_inputs(draw):
    return [_client(draw, number) for number in range(draw(st.integers(0, 8)))]


WEIGHTS = st.none() | st.dictionaries(
    st.sampled_from(COMPONENT_NAMES), st.sampled_from((0.0, 0.5, 1.0, 3.0))
).filter(lambda w: any(v > 0 for v in w.values()))


@settings(max_examples=200, deadline=None)
@given(rows=health_inputs(), weights=WEIGHTS)
def test_the_table_gives_what_each_client_s_figures_give(rows, weights):
    """All clients at once give, to the last bit, what the figures of METRICS.md
    give one client at a time."""
    table = client_health_table(_inputs(rows), weights)
    expected = []
    for row in rows:
        _, external_id, name, n, promoters, detractors = row[:6]
        invited, attended, due, on_time, ratio, retention = row[6:]
        present = {
            "nps": nps(promoters, detractors, n),
            "attendance_rate": attendance_rate(attended, invited),
            "on_time_rate": on_time_rate(on_time, due),
            "burn_ratio": None if ratio is None or math.isnan(ratio) else ratio,
            "nrr": None if retention is None or math.isnan(retention) else retention,
        }
        components = {
            "satisfaction": satisfaction_component(present["nps"]),
            "engagement": engagement_component(present["attendance_rate"]),
            "delivery": delivery_component(present["on_time_rate"]),
            "budget": budget_component(present["burn_ratio"]),
            "revenue": revenue_component(present["nrr"]),
        }
        score = health_score(components, weights)
        expected.append(
            {
                "external_id": external_id,
                "name": name,
                **present,
                **components,
                "score": score,
                "band": health_band(score),
            }
        )
    expected.sort(
        key=lambda r: (math.inf if r["score"] is None else r["score"], r["external_id"])
    )
    assert table.to_dict("records") == expected
