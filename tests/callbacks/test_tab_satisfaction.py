"""The Satisfaction tab against a tiny hand-computed portfolio."""

from __future__ import annotations

import pytest

import callbacks.tab_satisfaction  # noqa: F401 - registers the renderer
from callbacks.tabs import update_tab
from tests.callbacks.retention_portfolio import portfolio_services
from tests.components import figure_of, text_of


@pytest.fixture
def services(engine):
    return portfolio_services(engine)


def test_nps_split_and_line(services):
    # 2026-Q3: Acme 0 (detractor), Gamma 10 (promoter) → 50% / 0% / 50%, NPS 0.
    # 2026-Q2: Gamma 8 (passive) → 100% passives, NPS 0.
    tab = update_tab(services, "?tab=satisfaction", None)
    detractors, passives, promoters, _halo, line = figure_of(
        tab, "satisfaction-nps"
    ).data
    assert list(detractors.x)[-2:] == ["2026-Q2", "2026-Q3"]
    assert list(detractors.y)[-2:] == [0.0, 0.5]
    assert list(passives.y)[-2:] == [1.0, 0.0]
    assert list(promoters.y)[-2:] == [0.0, 0.5]
    assert detractors.y[0] is None  # no answers in 2024-Q4
    assert list(line.y)[-2:] == [0.0, 0.0]
    ticks = figure_of(tab, "satisfaction-nps").layout.xaxis.ticktext
    # 2026-Q3 is still running on 2026-08-15: marked "to date".
    assert ticks[-1] == "2026-Q3<br>n = 2 *<br>to date"


def test_csat_and_answer_counts(services):
    # 2026-Q3: one CSAT answer scoring 4 → 100%; NPS answers Q2 1, Q3 2.
    tab = update_tab(services, "?tab=satisfaction", None)
    csat = figure_of(tab, "satisfaction-csat").data[0]
    assert csat.y[-1] == 100.0 and csat.y[-2] is None
    nps_n, csat_n = figure_of(tab, "satisfaction-responses").data
    assert list(nps_n.y)[-2:] == [1, 2]
    assert list(csat_n.y)[-2:] == [0, 1]
    assert list(nps_n.marker.pattern.shape)[-1] == "/"  # small sample
    assert nps_n.customdata[-1][0] == "period:2026-Q3"


def test_a_client_without_answers_gets_explained_empty_charts(services):
    tab = update_tab(services, "?tab=satisfaction&client=C4&lang=zh", None)
    # Nothing drawn: the tab is one line of text.
    assert [c.className for c in tab] == ["section-empty"]
    assert text_of(tab) == "Delta 在这些期间没有 NPS 回答"
