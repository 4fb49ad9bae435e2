"""Every chart card and table of the tabs offers its data as CSV and XLSX, for
the page's own query."""

from __future__ import annotations

import pytest
from dash import html

from callbacks.chart_data import CHARTS
from callbacks.tabs import RENDERERS, update_tab
from dashboard.kernel.settings import Settings
from dashboard.services import Services
from tests.components import walk
from tests.dashboard.downloads.conftest import AS_OF, add_portfolio


@pytest.fixture
def services(engine) -> Services:
    add_portfolio(engine)
    return Services(settings=Settings(as_of=AS_OF, load_demo_data=False), engine=engine)


def download_links(node) -> list[str]:
    return [
        n.href
        for n in walk(node)
        if isinstance(n, html.A) and (n.href or "").startswith("/download/")
    ]


def test_each_chart_and_table_of_every_tab_has_both_links(services):
    query = "?period=2026-Q3&client=A&client=B&lang=zh"
    found: list[str] = []
    for tab in RENDERERS:
        found += download_links(update_tab(services, f"{query}&tab={tab}", 0))
    # The default tab (retention) is left out of a link, as on the page.
    tab_part = {tab: "" if tab == "retention" else f"&tab={tab}" for tab in RENDERERS}
    expected = {
        f"/download/{key}.{kind}?period=2026-Q3&client=A&client=B{tab_part[tab]}"
        "&lang=zh"
        for key, (frames, _pick) in CHARTS.items()
        for kind in ("csv", "xlsx")
        for tab in RENDERERS
        if frames.__name__ == f"{tab}_frames"
    }
    assert len(found) == len(set(found)) == 2 * len(CHARTS)
    assert set(found) == expected
