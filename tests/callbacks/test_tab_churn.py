"""The Churn tab against a tiny hand-computed portfolio."""

from __future__ import annotations

import pandas as pd
import pytest

import callbacks.tab_churn  # noqa: F401 - registers the renderer
from callbacks.links import client_anchor, client_href
from callbacks.tab_churn import AT_RISK_TABLE, at_risk_rows
from callbacks.tabs import update_tab
from dashboard.kernel.settings import HEALTH_COMPONENTS
from layouts import ids
from tests.callbacks.retention_portfolio import portfolio_services
from tests.components import chart_message_of, figure_of, find, links_of, table_cells


@pytest.fixture
def services(engine):
    return portfolio_services(engine)


def rows_of(tab) -> list[dict]:
    """The rows the at-risk list was given (what sorting and paging show)."""
    return find(tab, ids.table_part(ids.TABLE_ROWS, AT_RISK_TABLE)).data["rows"]


def test_lost_clients_and_churn_rate_per_period(services):
    # 2026-Q3: Beta lost, S = 4 → 25%; 2025-Q4: Epsilon lost, S = 4 → 25%.
    tab = update_tab(services, "?tab=churn", None)
    bars, line = figure_of(tab, "churn-trend").data
    assert list(bars.x)[-1] == "2026-Q3"
    assert list(bars.y) == [0, 0, 0, 0, 1, 0, 0, 1]
    assert line.y[-1] == 0.25 and line.y[-4] == 0.25
    assert bars.customdata[4][:2] == ["period:2025-Q4", "2025-Q4"]


def test_reasons_and_segments_of_the_clients_lost_in_the_period(services):
    tab = update_tab(services, "?tab=churn", None)
    (smb,) = figure_of(tab, "churn-reasons").data
    assert (smb.name, list(smb.y), list(smb.x)) == ("SMB", ["price"], [1])
    blocks = figure_of(tab, "churn-segments").data[0]
    assert list(blocks.text) == ["Beta"]
    assert blocks.customdata[0][0] == "client:C2"
    # 2025-Q4 instead: Epsilon, "moved".
    older = update_tab(services, "?tab=churn&period=2025-Q4", None)
    assert list(figure_of(older, "churn-reasons").data[0].y) == ["moved"]


def test_a_period_without_lost_clients_says_so(services):
    tab = update_tab(services, "?tab=churn&period=2026-Q2&segment=enterprise", None)
    assert chart_message_of(tab, "churn-segments") == (
        "No clients lost in 2026-Q2 for Enterprise"
    )


def test_at_risk_list_puts_at_risk_clients_first(services):
    # Health over [2025-08-16, 2026-08-15], clients active on 2026-08-15:
    # Acme: NPS −100 → satisfaction 0; 1 item due, not done → delivery 0;
    #   NRR 1,300 / 1,000 → revenue 100; score (0 + 0 + 100) / 3 = 33.3, at risk.
    # Gamma: NPS (1 promoter of 2) = 50 → 75; NRR (999 + 600) / 800 → 100;
    #   score 87.5, healthy. Delta: no data a year earlier, nothing else: unscored.
    tab = update_tab(services, "?tab=churn", None)
    rows = rows_of(tab)
    assert [r["name"] for r in rows] == ["Acme", "Gamma", "Delta"]
    assert rows[0]["status"] == "▲ At risk"
    # The rows keep raw values (the table sorts by them); cells are written whole.
    assert rows[0]["score"] == pytest.approx(100 / 3)
    assert (rows[0]["satisfaction"], rows[0]["delivery"], rows[0]["revenue"]) == (
        0, 0, 100
    )  # fmt: skip
    assert rows[0]["engagement"] is None
    assert rows[1]["score"] == pytest.approx(87.5)
    assert rows[1]["status"] == "✓ Healthy"
    assert rows[2]["status"] == "Not scored" and rows[2]["score"] is None
    table = find(tab, AT_RISK_TABLE)
    assert links_of(table) == [
        ("Acme", "/clients/C1"), ("Gamma", "/clients/C3"), ("Delta", "/clients/C4")
    ]  # fmt: skip
    # Whole numbers; "—" where a score or component is undefined.
    assert table_cells(table)[0] == [
        "Acme",
        "▲ At risk",
        "33",
        "0",
        "—",
        "0",
        "—",
        "100",
    ]
    assert table_cells(table)[1][2] == "88"  # 87.5: half to even, like every value
    assert table_cells(table)[2][2:] == ["—"] * 6


def test_links_keep_language_and_theme(services):
    tab = update_tab(services, "?tab=churn&lang=zh&theme=dark", None)
    rows = rows_of(tab)
    assert links_of(find(tab, AT_RISK_TABLE))[0] == (
        "Acme", "/clients/C1?lang=zh&theme=dark"
    )  # fmt: skip
    assert rows[0]["status"] == "▲ 有风险"
    assert client_href("X[1]", "en", "light") == "/clients/X%5B1%5D"
    # A name is the link's text, never markup: it cannot make another link.
    link = client_anchor(
        {"external_id": "C1", "name": "x](javascript:alert(1))"}, "zh", "dark"
    )
    assert (link.children, link.href) == (
        "x](javascript:alert(1))", "/clients/C1?lang=zh&theme=dark"
    )  # fmt: skip


def test_at_risk_rows_by_band_in_frame_order_and_only_the_first():
    bands = ["healthy", "at_risk", None, "watch", "at_risk"]
    health = pd.DataFrame(
        {
            "external_id": [f"C{n}" for n in range(5)],
            "name": [f"client {n}" for n in range(5)],
            "band": pd.Series(bands, dtype=object),  # None for unscored
            "score": [90.0, 10.0, None, 55.0, 20.0],
            **{c: [1, 2, 3, 4, 5] for c in HEALTH_COMPONENTS},
        }
    )
    every = at_risk_rows(health, "en", "2026-Q3")
    # At risk (in the frame's order: C1 before C4), watch, healthy, unscored.
    assert [r["external_id"] for r in every] == ["C1", "C4", "C3", "C0", "C2"]
    assert [r["band"] for r in every] == [
        "at_risk",
        "at_risk",
        "watch",
        "healthy",
        "none",
    ]
    assert every[1] == {
        "external_id": "C4", "name": "client 4", "status": "▲ At risk",
        "band": "at_risk", "band_rank": 0, "score": 20.0, "period": "2026-Q3",
        **dict.fromkeys(HEALTH_COMPONENTS, 5),
    }  # fmt: skip
    assert at_risk_rows(health, "en", "2026-Q3", limit=3) == every[:3]
