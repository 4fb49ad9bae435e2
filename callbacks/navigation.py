"""The URL is the page's state: keep it and the dashboard's controls in step
(filters, tabs, language, theme, chips, reset, chart clicks). The page for a URL
is drawn by callbacks/pages.py."""

from __future__ import annotations

import functools
import logging
from collections.abc import Collection

from dash import ALL, Input, Output, State, ctx, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.client_picker import update_client_options
from dashboard.kernel.urlstate import (
    DEFAULT_TAB,
    ViewState,
    parse_query,
    to_query,
)
from dashboard.services import Services
from data.queries.choices import named_clients
from layouts import ids

log = logging.getLogger(__name__)
CONTROLS = (
    ids.CLIENT_PICKER,
    ids.PERIOD_PICKER,
    ids.SEGMENT_PICKER,
    ids.REGION_PICKER,
    ids.OWNER_PICKER,
)
FILTER_KINDS = ("client", "period", "segment", "region", "owner")


def state_from_controls(
    current: ViewState, clients, period, segment, region, owner, tab
) -> ViewState:
    """The state the dashboard's controls show now."""
    return current.with_(
        clients=tuple(clients or ()),
        period=period or None,
        segment=segment or None,
        region=region or None,
        owner=owner or None,
        tab=tab or DEFAULT_TAB,
    )


def without_filter(state: ViewState, kind: str, value: str) -> ViewState:
    """The state with one chip's filter removed."""
    if kind == "client":
        return state.with_(clients=tuple(c for c in state.clients if c != value))
    if kind in FILTER_KINDS:
        return state.with_(**{kind: None})
    return state


def reset_filters(state: ViewState) -> ViewState:
    """No filters; the tab, language and theme stay."""
    return ViewState(tab=state.tab, lang=state.lang, theme=state.theme)


def clicked_filter(state: ViewState, click_data: dict | None) -> ViewState | None:
    """A chart point carrying `client:<id>` or `period:<label>` narrows the page."""
    points = (click_data or {}).get("points") or []
    if not points:
        return None
    custom = points[0].get("customdata")
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    if not isinstance(custom, str) or ":" not in custom:
        return None
    kind, value = custom.split(":", 1)
    if kind == "client" and value:
        return state.with_(clients=(value,))
    if kind == "period" and value:
        return state.with_(period=value)
    return None


def control_values(
    state: ViewState,
    options: tuple | None = None,
    known_clients: Collection[str] | None = None,
) -> tuple:
    """What each control should show for a state. Values the pickers do not
    offer are left out: clients not in `known_clients` (those of the state that
    exist within the scope), and with the other pickers' `options` (period,
    segment, region, owner), values those do not offer. A dropdown would drop
    them itself and report the change, and that must not rewrite a link (an
    unknown client in a link shows nothing; it must not turn into "all
    clients")."""
    clients = list(state.clients)
    if known_clients is not None:
        clients = [c for c in clients if c in known_clients]
    picks = [state.period, state.segment, state.region, state.owner]
    if options is not None:
        offered = [{o["value"] for o in (opts or [])} for opts in options]
        picks = [
            value if value in allowed else None
            for value, allowed in zip(picks, offered, strict=True)
        ]
    return (clients, *picks, state.tab)


def known_clients(services: Services, state: ViewState) -> set[str]:
    """The clients of a state that exist within the viewer's scope."""
    if not state.clients:
        return set()
    with services.engine.connect() as conn:
        named = named_clients(
            conn=conn, scope=services.current_scope(), external_ids=state.clients
        )
    return {external_id for external_id, _name in named}


def chip_click(data) -> tuple[str, str] | None:
    """The (kind, value) of a chip's click as relayed (`CHIP_RELAY`), or None for
    anything else."""
    if not isinstance(data, dict):
        return None
    kind, value = data.get("kind"), data.get("value")
    if isinstance(kind, str) and isinstance(value, str):
        return kind, value
    return None


def chart_click(data) -> dict | None:
    """The clickData of a chart's click as relayed (`CHART_RELAY`)."""
    click = data.get("clickData") if isinstance(data, dict) else None
    return click if isinstance(click, dict) else None


def sync_url(
    services: Services,
    search,
    clients,
    period,
    segment,
    region,
    owner,
    tab,
    _reset,
    chip,
    chart,
    *options,
):
    """Controls → URL (a new history entry); URL (Back, Forward, a link) → controls.
    `options` are the offered options of the pickers other than the client
    picker (period, segment, region, owner): those lists are short. The client
    picker's are not sent (they would grow with the clients); which clients
    exist is asked of the database."""
    current = parse_query(search)
    trigger = ctx.triggered_id
    unchanged = (no_update,) * 7
    shown = (list(clients or ()), period, segment, region, owner, tab)
    if trigger is None or trigger in (ids.PAGE_URL, ids.DASHBOARD_URL):
        try:
            known = known_clients(services, current)
        except SQLAlchemyError:
            log.warning("the database is unreachable; the controls stay as they are")
            return (no_update, *unchanged)
        values = control_values(current, tuple(options) or None, known)
        return (no_update, *only_changed(services, values, shown))
    if trigger == ids.RESET:
        new = reset_filters(current)
    elif trigger == ids.CHIP_CLICK:
        if (clicked := chip_click(chip)) is None:
            return (no_update, *unchanged)
        new = without_filter(current, *clicked)
    elif trigger == ids.CHART_CLICK:
        new = clicked_filter(current, chart_click(chart))
        if new is None:
            return (no_update, *unchanged)
    else:
        new = state_from_controls(current, clients, period, segment, region, owner, tab)
        query = to_query(new)
        return (no_update if query == (search or "") else query, *unchanged)
    return (to_query(new), *only_changed(services, control_values(new), shown))


def only_changed(services: Services, values: tuple, shown: tuple) -> tuple:
    """The controls' values for a link, no_update where a control already shows
    its value, and the client picker's options when its value changes. Setting a
    value fires the callbacks listening to it even when it is the same, so a
    link that changes only the tab sets no other control."""
    changed = [
        no_update if new == old else new for new, old in zip(values, shown, strict=True)
    ]
    clients = changed[0]
    options = no_update if clients is no_update else picker_options(services, clients)
    return (*changed, options)


def picker_options(services: Services, clients: list[str]):
    """The client picker's options for clients set from the link or a click: a
    dropdown drops a value its options lack (Dash 4 does so on the first value
    after the page is drawn), and that change would rewrite the link to all
    clients; so the options come in the same answer as the value. Unchanged
    when no client is chosen."""
    if not clients:
        return no_update
    return update_client_options(services, None, clients)


# Chips and charts come and go with every filter change and tab: an Input on all
# of them would call the server each time one is drawn. These relay a real click
# into a store in the browser instead (a click: a trigger with a value).
CHIP_RELAY = """
function () {
    var clicked = (window.dash_clientside.callback_context.triggered || [])
        .filter(function (t) { return t.value; });
    if (!clicked.length) { return window.dash_clientside.no_update; }
    var id = clicked[0].prop_id;
    var chip = JSON.parse(id.slice(0, id.lastIndexOf(".")));
    return {kind: chip.kind, value: chip.value, at: Date.now()};
}
"""
# The link without its tab (`ids.FILTERS_SEARCH`), written only when it changes.
WITHOUT_TAB = """
function (search, shown) {
    var params = new URLSearchParams(search || "");
    params.delete("tab");
    var query = params.toString();
    var kept = query ? "?" + query : "";
    return kept === shown ? window.dash_clientside.no_update : kept;
}
"""
CHART_RELAY = """
function () {
    var clicked = (window.dash_clientside.callback_context.triggered || [])
        .filter(function (t) { return t.value; });
    if (!clicked.length) { return window.dash_clientside.no_update; }
    return {clickData: clicked[0].value, at: Date.now()};
}
"""


def switch_view(lang, dark, search):
    """The header's language and theme switches (on every page) write the URL."""
    current = parse_query(search)
    new = current.with_(lang=lang or current.lang, theme="dark" if dark else "light")
    query = to_query(new)
    return no_update if query == (search or "") else query


def register(app, services: Services) -> None:
    """Attach the URL sync callbacks (the page itself: callbacks.page_frame)."""
    # The dashboard's own Location (not the PAGE_URL every page has), so that this
    # callback never fires on a page without the filter controls.
    app.callback(
        Output(ids.DASHBOARD_URL, "search"),
        *(Output(control, "value") for control in CONTROLS),
        Output(ids.TABS, "active_tab"),
        Output(ids.CLIENT_PICKER, "options", allow_duplicate=True),
        Input(ids.DASHBOARD_URL, "search"),
        *(Input(control, "value") for control in CONTROLS),
        Input(ids.TABS, "active_tab"),
        Input(ids.RESET, "n_clicks"),
        Input(ids.CHIP_CLICK, "data"),
        Input(ids.CHART_CLICK, "data"),
        # Not the client picker's options: they are searched on the server.
        *(State(control, "options") for control in CONTROLS[1:]),
        prevent_initial_call=True,
    )(functools.partial(sync_url, services))
    app.clientside_callback(
        WITHOUT_TAB,
        Output(ids.FILTERS_SEARCH, "data"),
        Input(ids.PAGE_URL, "search"),
        State(ids.FILTERS_SEARCH, "data"),
    )
    app.clientside_callback(
        CHIP_RELAY,
        Output(ids.CHIP_CLICK, "data"),
        Input({"type": ids.CHIP_TYPE, "kind": ALL, "value": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        CHART_RELAY,
        Output(ids.CHART_CLICK, "data"),
        Input({"type": ids.CHART_TYPE, "name": ALL}, "clickData"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(ids.PAGE_URL, "search", allow_duplicate=True),
        Input(ids.LANGUAGE_PICKER, "value"),
        Input(ids.THEME_SWITCH, "value"),
        State(ids.PAGE_URL, "search"),
        prevent_initial_call=True,
    )(switch_view)
    app.clientside_callback(
        """
        function(search, pathname, title) {
            var params = new URLSearchParams(search || "");
            var theme = params.get("theme") === "dark" ? "dark" : "light";
            var lang = params.get("lang") === "zh" ? "zh-Hans" : "en";
            document.documentElement.setAttribute("data-bs-theme", theme);
            document.documentElement.setAttribute("lang", lang);
            // A client page sets its own title; the page renderer leaves this
            // store empty there.
            if (title) {
                document.title = title;
            }
            return theme + "/" + lang;
        }
        """,
        Output(ids.THEME_APPLIED, "data"),
        Input(ids.URL, "search"),
        Input(ids.URL, "pathname"),
        Input(ids.PRODUCT_TITLE, "data"),
    )
