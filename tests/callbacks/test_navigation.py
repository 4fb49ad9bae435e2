"""URL ↔ controls: every control writes the URL; Back, chips, reset and chart clicks
change it as a person expects."""

from __future__ import annotations

from contextvars import copy_context
from dataclasses import replace

from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks.navigation import clicked_filter, switch_view, sync_url
from dashboard.kernel.scope import Scope
from dashboard.kernel.urlstate import ViewState, parse_query
from layouts import ids

URL = "?period=2026-Q2&client=C1&client=C2&segment=smb&tab=meetings&lang=zh"
CONTROLS = (["C1", "C2"], "2026-Q2", "smb", None, None, "meetings")


def run_sync(
    services, prop_id: str, value, search: str = URL, controls=CONTROLS, offered=()
):
    """Call sync_url as Dash would, with `prop_id` as the trigger."""

    def call():
        context_value.set(
            AttributeDict(triggered_inputs=[{"prop_id": prop_id, "value": value}])
        )
        # The relayed clicks are arguments too, as Dash passes its inputs.
        chip = value if prop_id == f"{ids.CHIP_CLICK}.data" else None
        chart = value if prop_id == f"{ids.CHART_CLICK}.data" else None
        return sync_url(services, search, *controls, None, chip, chart, *offered)

    return copy_context().run(call)


EMPTY = ([], None, None, None, None, "retention")


def test_the_url_sets_every_control(services):
    # As after Back to the link from a view with no filter.
    search, *values, options = run_sync(
        services, f"{ids.PAGE_URL}.search", URL, controls=EMPTY
    )
    assert search is no_update
    # Region and owner: none in the link, none shown, so left alone.
    assert values == [["C1", "C2"], "2026-Q2", "smb", no_update, no_update, "meetings"]
    # The picker gets options holding the chosen clients in the same answer: a
    # Dash 4 dropdown drops a value its options lack, and reports the change,
    # which would turn the link into all clients.
    offered = [option["value"] for option in options]
    assert {"C1", "C2"} <= set(offered)
    assert {"label": "Acme (C1)", "value": "C1"} in options


def test_the_url_leaves_the_controls_that_already_show_it(services):
    # Setting a value fires its listeners even when it is the same (the
    # picker's search would send a request on every tab change).
    search, *values, options = run_sync(services, f"{ids.PAGE_URL}.search", URL)
    assert search is no_update
    assert all(value is no_update for value in values)
    assert options is no_update
    # Only the tab differs: only the tab is set.
    controls = (*CONTROLS[:-1], "churn")
    search, *values, options = run_sync(
        services, f"{ids.PAGE_URL}.search", URL, controls=controls
    )
    assert values == [no_update] * 5 + ["meetings"]
    assert options is no_update


def test_the_url_sets_only_values_the_pickers_offer(services):
    # An unknown client or period in a link is not put into the pickers, so the
    # pickers never "correct" the link into a wider view. Which clients exist is
    # asked of the database (C1 does, NOPE does not); the other pickers' values
    # are checked against their options.
    offered = (
        [{"label": "2026-Q2", "value": "2026-Q2"}],
        [{"label": "SMB", "value": "smb"}],
        [],
        [],
    )
    shown = (["C2"], "2026-Q1", "ent", "EU", None, "retention")
    link = "?client=C1&client=NOPE&period=2026-Q9&segment=smb&region=Mars"
    trigger = f"{ids.PAGE_URL}.search"
    search, clients, period, segment, region, *_ = run_sync(
        services, trigger, "", search=link, controls=shown, offered=offered
    )
    assert search is no_update
    assert (clients, period, segment, region) == (["C1"], None, "smb", None)


def test_the_url_sets_only_clients_within_the_viewers_scope(services):
    narrow = replace(services, scope_override=Scope.for_client("C2"))
    _search, clients, *_ = run_sync(narrow, f"{ids.PAGE_URL}.search", URL)
    assert clients == ["C2"]


def test_a_control_change_writes_a_new_url_and_keeps_the_rest(services):
    controls = (["C1"], "2026-Q2", "smb", None, None, "meetings")
    search, *values = run_sync(
        services, f"{ids.CLIENT_PICKER}.value", ["C1"], controls=controls
    )
    assert parse_query(search) == ViewState(
        period="2026-Q2",
        clients=("C1",),
        segment="smb",
        tab="meetings",
        lang="zh",
    )
    assert all(value is no_update for value in values)


def test_an_unchanged_control_does_not_add_a_history_entry(services):
    search, *_ = run_sync(services, f"{ids.SEGMENT_PICKER}.value", "smb")
    assert search is no_update


def test_removing_a_chip_drops_only_that_filter(services):
    # As the browser relays a click on the chip of client C2.
    click = {"kind": "client", "value": "C2", "at": 1}
    search, clients, period, segment, *_ = run_sync(
        services, f"{ids.CHIP_CLICK}.data", click
    )
    assert parse_query(search).clients == ("C1",)
    # Only the client picker changes; the period and segment already show.
    assert (clients, period, segment) == (["C1"], no_update, no_update)


def test_a_forged_chip_click_does_nothing(services):
    for forged in (None, [], {"kind": 3, "value": "C2"}, {"kind": "client"}, "C2"):
        search, *values = run_sync(services, f"{ids.CHIP_CLICK}.data", forged)
        assert search is no_update, forged
        assert all(value is no_update for value in values)


def test_reset_clears_filters_but_keeps_tab_language_and_theme(services):
    search, *values, options = run_sync(services, f"{ids.RESET}.n_clicks", 1)
    assert search == "?tab=meetings&lang=zh"
    assert values == [[], None, None, no_update, no_update, no_update]
    assert options is no_update  # no client chosen: the options stay


def test_clicking_a_client_or_a_period_in_a_chart_narrows_the_page(services):
    state = parse_query(URL)
    client = {"points": [{"customdata": "client:C7"}]}
    assert clicked_filter(state, client).clients == ("C7",)
    period = {"points": [{"customdata": ["period:2025-Q4"]}]}
    assert clicked_filter(state, period).period == "2025-Q4"
    assert clicked_filter(state, {"points": [{"x": 3}]}) is None
    assert clicked_filter(state, None) is None
    relayed = {"clickData": client, "at": 1}
    search, clients, *_, options = run_sync(
        services, f"{ids.CHART_CLICK}.data", relayed
    )
    assert parse_query(search).clients == ("C7",)
    assert clients == ["C7"]
    # C7 is no client of the fixture's: the options name none, and the picker
    # drops it as it would any client that is not there.
    assert "C7" not in [option["value"] for option in options]
    for forged in (None, {"clickData": "client:C7"}, client):
        search, *_ = run_sync(services, f"{ids.CHART_CLICK}.data", forged)
        assert search is no_update, forged


def test_the_language_and_theme_switches_write_the_url():
    assert switch_view("zh", True, "?client=C1") == "?client=C1&lang=zh&theme=dark"
    assert switch_view("en", False, "?client=C1") is no_update
