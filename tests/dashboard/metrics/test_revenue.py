"""Revenue, ARPA, NRR/GRR and their parts, CLV and CAC from per-client cents."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.metrics import revenue as metrics

# cents per client: current = rev(P), year_earlier = rev(P-1y)
BOOK = pd.DataFrame(
    {
        "current": [150_000, 30_000, 20_000, 0, 0, 0, -5_000],
        "year_earlier": [100_000, 80_000, 0, -10_000, 60_000, 40_000, 20_000],
    },
    index=["grows", "shrinks", "new", "credit", "gone", "zeroed", "refunded"],
)
# B = grows, shrinks, gone, zeroed, refunded; Σ_B rev(P-1y) = 300000


def test_revenue_and_arpa():
    # revenue: 150000 + 30000 + 20000 - 5000 = 195000 cents
    assert metrics.revenue(BOOK) == 1950.0
    # clients with revenue > 0: grows, shrinks, new -> 1950 / 3
    assert metrics.arpa(BOOK) == pytest.approx(650.0)
    assert metrics.arpa(BOOK.iloc[3:]) is None


def test_nrr_grr_and_decomposition():
    # Σ_B rev(P) = 150000 + 30000 + 0 + 0 - 5000 = 175000 -> NRR = 175/300
    assert metrics.nrr(BOOK) == pytest.approx(175_000 / 300_000)
    # Σ_B min = 100000 + 30000 + 0 + 0 - 5000 = 125000 -> GRR = 125/300
    assert metrics.grr(BOOK) == pytest.approx(125_000 / 300_000)
    assert metrics.expansion(BOOK) == 500.0  # grows: 50000 cents
    assert metrics.contraction(BOOK) == 500.0  # shrinks: 80000 - 30000
    # rev(P) <= 0: gone 60000 + zeroed 40000 + refunded 20000
    assert metrics.churned_revenue(BOOK) == 1200.0


def test_retention_figures_undefined_without_a_base():
    without_base = BOOK.loc[["new", "credit"]]
    for name in ("nrr", "grr", "expansion", "contraction", "churned_revenue"):
        assert getattr(metrics, name)(without_base) is None, name


def test_grr_never_above_one_when_every_client_grows():
    growing = pd.DataFrame({"current": [300, 500], "year_earlier": [100, 400]})
    assert metrics.grr(growing) == 1.0
    assert metrics.nrr(growing) == 1.6


def test_clv():
    # ARPA_12 800, margin 0.5, churn_12 0.25 -> 800 * 0.5 / 0.25
    assert metrics.clv(800.0, 0.5, 0.25) == 1600.0
    assert metrics.clv(800.0, 1.0, 0.0) is None
    assert metrics.clv(800.0, 1.0, None) is None
    assert metrics.clv(None, 1.0, 0.5) is None


def test_cac():
    assert metrics.cac(400_000, 2) == 2000.0
    assert metrics.cac(400_000, 0) is None
    assert metrics.cac(None, 3) is None


def _by_the_book(frame: pd.DataFrame) -> dict:
    """METRICS.md's revenue rows, written out over the frame as pandas reads it."""
    base = frame[frame["year_earlier"] > 0]
    paying = int((frame["current"] > 0).sum())
    earlier = int(base["year_earlier"].sum())
    grown = (base["current"] - base["year_earlier"]).clip(lower=0)
    shrunk = base[(base["current"] > 0) & (base["current"] < base["year_earlier"])]
    return {
        "revenue": int(frame["current"].sum()) / 100,
        "arpa": int(frame["current"].sum()) / paying / 100 if paying else None,
        "nrr": int(base["current"].sum()) / earlier if len(base) else None,
        "grr": int(base[["current", "year_earlier"]].min(axis=1).sum()) / earlier
        if len(base)
        else None,
        "expansion": int(grown.sum()) / 100 if len(base) else None,
        "contraction": int((shrunk["year_earlier"] - shrunk["current"]).sum()) / 100
        if len(base)
        else None,
        "churned_revenue": int(base.loc[base["current"] <= 0, "year_earlier"].sum())
        / 100
        if len(base)
        else None,
    }


cents = st.integers(min_value=-(10**9), max_value=10**9)


@given(st.lists(st.tuples(cents, cents), max_size=40))
def test_the_metrics_are_the_definitions_to_the_last_digit(rows):
    frame = pd.DataFrame(rows, columns=["current", "year_earlier"], dtype="int64")
    found = metrics.revenue_metrics(frame)
    assert found == _by_the_book(frame)
    assert found["nrr"] == metrics.nrr(frame) and found["grr"] == metrics.grr(frame)
