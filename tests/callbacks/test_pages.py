"""The page for a path: unknown paths get a notice, the dashboard is built from
the link's values and not rebuilt for a filter change."""

from __future__ import annotations

from dash import no_update

from callbacks.pages import render_page
from layouts import ids
from tests.components import find


def test_an_unknown_path_says_so_and_links_home(services):
    page, key, retry_off = render_page(services, "/nowhere", "?lang=zh", None, None)
    assert key == {"path": "/nowhere", "lang": "zh", "theme": "light"}
    assert "此地址没有页面。" in str(page)
    assert retry_off is True


def test_the_page_is_not_rebuilt_for_a_filter_change(services):
    key = {"path": "/", "lang": "en", "theme": "light"}
    assert render_page(services, "/", "?client=C1", None, key) == (
        no_update,
        no_update,
        True,
    )


def test_the_dashboard_is_built_with_the_links_values(services):
    page, key, _ = render_page(services, "/", "?client=C2&tab=budget", None, None)
    assert find(page, ids.CLIENT_PICKER).value == ["C2"]
    assert find(page, ids.TABS).active_tab == "budget"
    assert find(page, ids.PERIOD_PICKER).value is None  # this quarter
