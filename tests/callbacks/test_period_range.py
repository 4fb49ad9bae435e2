"""Periods outside the range the dashboard can show: the cards, the tabs and the
client page fall back to this quarter with the notice of a malformed period."""

from __future__ import annotations

import pytest

import callbacks.tab_churn  # noqa: F401 - registers the renderer
from callbacks.client_data import load_client_data
from callbacks.headline import SPARKLINE_PERIODS, update_main
from callbacks.tab_common import TREND_PERIODS
from callbacks.tabs import update_tab
from dashboard.kernel.periods import TREND_REACH
from dashboard.kernel.urlstate import parse_query
from dashboard.services import Services
from tests.components import figure_of, text_of

OUT_OF_RANGE = ["0001-Q1", "0000-Q1", "0001", "0001-01", "9999-Q4", "1972-Q3"]


def client_page(services, search: str):
    with services.engine.connect() as conn:
        return load_client_data(services, conn, "C1", parse_query(search))


def fiscal(services) -> Services:
    settings = services.settings.with_(fiscal_year_start_month=4)
    return Services(settings=settings, engine=services.engine)


def test_trends_never_reach_further_back_than_the_range_allows():
    assert max(SPARKLINE_PERIODS, TREND_PERIODS) <= TREND_REACH


@pytest.mark.parametrize("label", OUT_OF_RANGE)
def test_cards_show_the_notice_and_this_quarter(services, label):
    _cards, _chips, notice, caption, _key = update_main(
        services, f"?period={label}", None
    )
    assert text_of(notice) == f"“{label}” is not a period; showing 2026-Q3."
    assert caption == "2026-Q3: Jul 1, 2026 to Aug 15, 2026 · to date"


@pytest.mark.parametrize("label", OUT_OF_RANGE)
def test_a_tab_shows_this_quarter(services, label):
    tab = update_tab(services, f"?tab=churn&period={label}", None)
    # C2 Beta churned 2026-08-01: lost in 2026-Q3, the quarter shown instead
    blocks = figure_of(tab, "churn-segments").data[0]
    assert list(blocks.text) == ["Beta"]


@pytest.mark.parametrize("label", OUT_OF_RANGE)
def test_the_client_page_shows_the_notice_and_this_quarter(services, label):
    data = client_page(services, f"?period={label}&lang=zh")
    assert data.notices == [f"“{label}”不是有效期间；显示 2026-Q3。"]
    assert data.caption.startswith("2026-Q3")


def test_the_first_and_last_periods_of_the_range(services):
    # 1972-Q4 is the first quarter whose trend and year-earlier windows stay in
    # range; it is shown (nothing happened then).
    *_, notice, caption, _key = update_main(services, "?period=1972-Q4", None)
    assert notice is None
    assert caption == "1972-Q4: Oct 1, 1972 to Dec 31, 1972"
    assert client_page(services, "?period=1972-10").notices == []
    # 2200-Q4 is in range but has not started.
    *_, notice, caption, _key = update_main(services, "?period=2200-Q4", None)
    assert text_of(notice) == "2200-Q4 has not started yet; showing 2026-Q3."


def test_fiscal_labels_at_the_edges(services):
    services = fiscal(services)  # FY2027 runs April 2026 to March 2027
    *_, notice, caption, _key = update_main(services, "?period=FY1973-Q3", None)
    assert notice is None
    assert caption.startswith("FY1973-Q3: Oct 1, 1972 to Dec 31, 1972")
    for label in ("FY1973-Q2", "FY0000-Q1", "FY9999-Q4", "FY0001"):
        *_, notice, caption, _key = update_main(services, f"?period={label}", None)
        assert text_of(notice) == f"“{label}” is not a period; showing FY2027-Q2."
        assert caption.startswith("FY2027-Q2: Jul 1, 2026 to Aug 15, 2026")
