"""URL ↔ controls: every control writes the URL; Back, chips, reset and chart clicks
change it as a person expects."""

from __future__ import annotations

from contextvars import copy_context

from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks.navigation import clicked_filter, switch_view, sync_url
from dashboard.kernel.urlstate import ViewState, parse_query
from layouts import ids

URL = "?period=2026-Q2&client=C1&client=C2&segment=smb&tab=meetings&lang=zh"
CONTROLS = (["C1", "C2"], "2026-Q2", "smb", None, None, "meetings")


def run_sync(prop_id: str, value, search: str = URL, controls=CONTROLS):
    """Call sync_url as Dash would, with `prop_id` as the trigger."""

    def call():
        context_value.set(
            AttributeDict(triggered_inputs=[{"prop_id": prop_id, "value": value}])
        )
        return sync_url(search, *controls, None, [], [])

    return copy_context().run(call)


def test_the_url_sets_every_control():
    search, *values = run_sync(f"{ids.PAGE_URL}.search", URL)
    assert search is no_update
    assert values == list(CONTROLS)


def test_the_url_sets_only_values_the_pickers_offer():
    # An unknown client or period in a link is not put into the pickers, so the
    # pickers never "correct" the link into a wider view.
    offered = (
        [{"label": "Acme", "value": "C1"}],
        [{"label": "2026-Q2", "value": "2026-Q2"}],
        [{"label": "SMB", "value": "smb"}],
        [],
        [],
    )

    def call():
        context_value.set(
            AttributeDict(
                triggered_inputs=[{"prop_id": f"{ids.PAGE_URL}.search", "value": ""}]
            )
        )
        link = "?client=C1&client=NOPE&period=2026-Q9&segment=smb&region=Mars"
        return sync_url(link, *CONTROLS, None, [], [], *offered)

    search, clients, period, segment, region, *_ = copy_context().run(call)
    assert search is no_update
    assert (clients, period, segment, region) == (["C1"], None, "smb", None)


def test_a_control_change_writes_a_new_url_and_keeps_the_rest():
    controls = (["C1"], "2026-Q2", "smb", None, None, "meetings")
    search, *values = run_sync(f"{ids.CLIENT_PICKER}.value", ["C1"], controls=controls)
    assert parse_query(search) == ViewState(
        period="2026-Q2",
        clients=("C1",),
        segment="smb",
        tab="meetings",
        lang="zh",
    )
    assert all(value is no_update for value in values)


def test_an_unchanged_control_does_not_add_a_history_entry():
    search, *_ = run_sync(f"{ids.SEGMENT_PICKER}.value", "smb")
    assert search is no_update


def test_removing_a_chip_drops_only_that_filter():
    chip = '{"kind":"client","type":"filter-chip","value":"C2"}.n_clicks'
    search, clients, period, segment, *_ = run_sync(chip, 1)
    assert parse_query(search).clients == ("C1",)
    assert (clients, period, segment) == (["C1"], "2026-Q2", "smb")


def test_a_chip_that_was_only_drawn_does_nothing():
    chip = '{"kind":"client","type":"filter-chip","value":"C2"}.n_clicks'
    search, *values = run_sync(chip, None)
    assert search is no_update
    assert all(value is no_update for value in values)


def test_reset_clears_filters_but_keeps_tab_language_and_theme():
    search, *values = run_sync(f"{ids.RESET}.n_clicks", 1)
    assert search == "?tab=meetings&lang=zh"
    assert values == [[], None, None, None, None, "meetings"]


def test_clicking_a_client_or_a_period_in_a_chart_narrows_the_page():
    state = parse_query(URL)
    client = {"points": [{"customdata": "client:C7"}]}
    assert clicked_filter(state, client).clients == ("C7",)
    period = {"points": [{"customdata": ["period:2025-Q4"]}]}
    assert clicked_filter(state, period).period == "2025-Q4"
    assert clicked_filter(state, {"points": [{"x": 3}]}) is None
    assert clicked_filter(state, None) is None
    chart = '{"name":"attendance-by-client","type":"chart"}.clickData'
    search, clients, *_ = run_sync(chart, client)
    assert parse_query(search).clients == ("C7",)
    assert clients == ["C7"]


def test_the_language_and_theme_switches_write_the_url():
    assert switch_view("zh", True, "?client=C1") == "?client=C1&lang=zh&theme=dark"
    assert switch_view("en", False, "?client=C1") is no_update
