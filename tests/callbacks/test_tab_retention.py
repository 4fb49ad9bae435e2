"""The Retention tab against a tiny hand-computed portfolio."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import callbacks.tab_retention  # noqa: F401 - registers the renderer
from callbacks.tab_retention import bridge_values
from callbacks.tabs import update_tab
from tests.callbacks.retention_portfolio import portfolio_services
from tests.components import chart_message_of, figure_of


@pytest.fixture
def services(engine):
    return portfolio_services(engine)


def test_revenue_bridge_uses_the_nrr_base(services):
    # B = clients billed in [2025-07-01, 2025-08-15]: Acme $1,000, Beta $500,
    # Gamma $800 (its $999 of 2025-08-20 is after the cut day) → start $2,300.
    # Expansion Acme +$300, contraction Gamma −$200, churned Beta −$500;
    # end = $1,300 + $0 + $600 = $1,900 (Delta is not in B).
    tab = update_tab(services, "?tab=retention", None)
    bridge = figure_of(tab, "retention-bridge").data[0]
    assert list(bridge.x) == [
        "Revenue 2025-Q3", "Expansion", "Contraction", "Churned", "Revenue 2026-Q3"
    ]  # fmt: skip
    assert list(bridge.y)[:4] == [2300.0, 300.0, -200.0, -500.0]
    assert bridge.customdata[-1] == "$1,900.00"
    assert 2300 + 300 - 200 - 500 == 1900


def test_cohort_heatmap_shares(services):
    # 2025-Q1 cohort: Acme, Beta, Epsilon (3). Epsilon left 2025-11-20, so at the
    # end of 2025-Q4 (age 3) 2 of 3 remain; Beta left 2026-07-10, after the end
    # of 2026-Q2 (age 5); age 6 (2026-Q3) is not over: empty.
    tab = update_tab(services, "?tab=retention", None)
    heatmap = figure_of(tab, "retention-cohorts").data[0]
    assert list(heatmap.y) == ["2025-Q1", "2025-Q2", "2026-Q2"]
    first = list(heatmap.z[0])
    assert first[:3] == [1.0, 1.0, 1.0]
    assert first[3:6] == pytest.approx([2 / 3] * 3)
    assert list(heatmap.text[0][3:6]) == ["67%"] * 3
    assert list(heatmap.customdata[0][0]) == ["2025-Q1", "100.0%", "3"]
    # Delta's cohort (2026-Q2): age 0 = 1 of 1, nothing later.
    assert heatmap.z[2][0] == 1.0 and heatmap.z[2][1] is None


def test_retention_trend_and_click_targets(services):
    # 2026-Q3: S = Acme, Beta, Gamma, Delta (4); Beta lost → 3/4 and 1/4.
    # 2025-Q4: S = Acme, Beta, Gamma, Epsilon; Epsilon lost → 3/4.
    tab = update_tab(services, "?tab=retention", None)
    retention, churn = figure_of(tab, "retention-rates").data
    assert list(retention.x)[0] == "2024-Q4" and list(retention.x)[-1] == "2026-Q3"
    assert retention.y[-1] == 0.75 and churn.y[-1] == 0.25
    assert retention.y[-4] == 0.75  # 2025-Q4
    assert retention.customdata[-1][0] == "period:2026-Q3"
    nrr, grr, reference = figure_of(tab, "retention-nrr").data
    assert reference.name == "100%: revenue kept"  # the 100% line, in the legend
    # NRR 2026-Q3 = 1,900 / 2,300; GRR = (1,000 + 0 + 600) / 2,300.
    assert nrr.y[-1] == pytest.approx(1900 / 2300)
    assert grr.y[-1] == pytest.approx(1600 / 2300)


def test_a_client_without_last_years_revenue_gets_an_explained_empty_bridge(services):
    tab = update_tab(services, "?tab=retention&client=C4", None)
    assert chart_message_of(tab, "retention-bridge") == (
        "No revenue in 2025-Q3 for Delta: nothing to bridge"
    )
    assert "for Delta" in chart_message_of(tab, "retention-nrr")


def test_bridge_values_count_credit_notes_of_churned_clients():
    # In B: A $100 → $150 (expansion $50); B $200 → −$30 (churned $200, and its
    # credit note −$30 is "other"). C has no revenue a year earlier: not in B.
    # start = $300, end = $150 − $30 = $120.
    by_client = pd.DataFrame(
        {"current": [15_000, -3_000, 5_000], "year_earlier": [10_000, 20_000, 0]},
        index=[1, 2, 3],
    )
    bridge = bridge_values(by_client)
    assert bridge == {"start": 300.0, "expansion": 50.0, "contraction": 0.0,
                      "churned": 200.0, "other": -30.0, "end": 120.0}  # fmt: skip
    steps = bridge["start"] + bridge["expansion"] - bridge["contraction"]
    assert math.isclose(steps - bridge["churned"] + bridge["other"], bridge["end"])
    assert bridge_values(by_client.iloc[2:]) is None
