"""What each callback input may hold: a declared kind per (component, property).

Every input and state of every server-side callback has a kind here; the app
refuses to start when one is missing (see `undeclared`), so a new callback
cannot skip the check. Pattern-matching components are named by their `type`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from callbacks.navigation import chart_click, chip_click
from data.controls import control_character
from layouts import ids
from layouts.account import PRESENT_PICKER
from layouts.filters import CLIENT_SEARCH_MAX_CHARS

SCALARS = (str, int, float, bool, type(None))


@dataclass(frozen=True)
class Kind:
    """A named check of one input's value (None, the value before any event,
    is always accepted)."""

    name: str
    check: Callable[[object], bool]

    def accepts(self, value: object) -> bool:
        """True when the value is None or of this kind."""
        return value is None or self.check(value)


def _address(value: object) -> bool:
    # The app percent-decodes paths and queries: %00 must not become a NUL.
    return isinstance(value, str) and control_character(unquote(value)) is None


def _count(value: object) -> bool:
    return type(value) is int and value >= 0


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _options(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(option, dict)
        and "value" in option
        and isinstance(option["value"], SCALARS)
        for option in value
    )


def _search(value: object) -> bool:
    return isinstance(value, str) and len(value) <= CLIENT_SEARCH_MAX_CHARS


def _click(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    points = value.get("points")
    return points is None or (
        isinstance(points, list) and all(isinstance(p, dict) for p in points)
    )


ADDRESS = Kind("a path or query string", _address)
TEXT = Kind("a string", lambda value: isinstance(value, str))
TEXTS = Kind("a list of strings", _texts)
COUNT = Kind("a whole number of at least 0", _count)
SWITCH = Kind("true or false", lambda value: type(value) is bool)
RECORD = Kind("an object", lambda value: isinstance(value, dict))
OPTIONS = Kind("a list of options with values", _options)
CLICK = Kind("chart click data", _click)
# The relayed clicks are read by the URL sync's own readers, checked here once.
RELAYED_CHIP = Kind("a chip's kind and value", lambda v: chip_click(v) is not None)
RELAYED_CLICK = Kind("chart click data, relayed", lambda v: _click(chart_click(v)))
SEARCH = Kind(f"a string of at most {CLIENT_SEARCH_MAX_CHARS} characters", _search)

# Pickers whose options a callback reads (short lists; the client picker's never).
PICKERS = (
    ids.PERIOD_PICKER,
    ids.SEGMENT_PICKER,
    ids.REGION_PICKER,
    ids.OWNER_PICKER,
)
KINDS: dict[tuple[str, str], Kind] = {
    (ids.URL, "pathname"): ADDRESS,
    (ids.URL, "search"): ADDRESS,
    (ids.PAGE_URL, "pathname"): ADDRESS,
    (ids.PAGE_URL, "search"): ADDRESS,
    (ids.DASHBOARD_URL, "search"): ADDRESS,
    (ids.CLIENT_URL, "search"): ADDRESS,
    (ids.RETRY, "n_intervals"): COUNT,
    (ids.REFRESH, "n_intervals"): COUNT,
    (ids.RESET, "n_clicks"): COUNT,
    (ids.CHIP_TYPE, "n_clicks"): COUNT,
    (ids.VIEW, "data"): RECORD,
    (ids.CARDS_KEY, "data"): TEXT,
    (ids.FILTERS_SEARCH, "data"): ADDRESS,
    (ids.CHIP_CLICK, "data"): RELAYED_CHIP,
    (ids.CHART_CLICK, "data"): RELAYED_CLICK,
    (ids.CLIENT_PICKER, "value"): TEXTS,
    (ids.CLIENT_PICKER, "search_value"): SEARCH,
    (PRESENT_PICKER, "value"): TEXT,
    (PRESENT_PICKER, "search_value"): SEARCH,
    (ids.PERIOD_PICKER, "value"): TEXT,
    (ids.CLIENT_PERIOD_PICKER, "value"): TEXT,
    (ids.SEGMENT_PICKER, "value"): TEXT,
    (ids.REGION_PICKER, "value"): TEXT,
    (ids.OWNER_PICKER, "value"): TEXT,
    (ids.TABS, "active_tab"): TEXT,
    (ids.LANGUAGE_PICKER, "value"): TEXT,
    (ids.THEME_SWITCH, "value"): SWITCH,
    (ids.CHART_TYPE, "clickData"): CLICK,
    (ids.CLIENT_REVENUE, "clickData"): CLICK,
    (ids.CLIENT_SURVEYS, "clickData"): CLICK,
    **{(picker, "options"): OPTIONS for picker in PICKERS},
    (ids.TABLE_SORT, "n_clicks"): COUNT,
    (ids.TABLE_PAGES, "active_page"): COUNT,
    (ids.TABLE_ROWS, "data"): RECORD,
    (ids.TABLE_ORDER, "data"): RECORD,
    (ids.TARGET_KPI, "value"): TEXT,
    (ids.TARGET_PERIOD, "value"): TEXT,
    (ids.TARGET_SCOPE, "value"): TEXT,
    (ids.TARGET_VALUE, "value"): TEXT,
    (ids.TARGET_VERSION, "data"): COUNT,
    (ids.TARGET_SAVE, "n_clicks"): COUNT,
    (ids.TARGET_DELETE, "n_clicks"): COUNT,
}


def component_key(spec_id: str) -> str:
    """The name a declared input id is known by: its own, or a pattern's `type`."""
    return json.loads(spec_id)["type"] if spec_id.startswith("{") else spec_id


def kind_of(spec: dict) -> Kind | None:
    """The declared kind of a callback input or state spec ({id, property})."""
    return KINDS.get((component_key(spec["id"]), spec["property"]))


def server_callbacks(callback_map: dict) -> dict[str, dict]:
    """The callbacks that run on the server, by output key."""
    return {key: entry for key, entry in callback_map.items() if "callback" in entry}


def undeclared(callback_map: dict) -> list[str]:
    """`component.property` of every server callback input without a kind."""
    return sorted(
        {
            f"{spec['id']}.{spec['property']}"
            for entry in server_callbacks(callback_map).values()
            for spec in entry["inputs"] + entry["state"]
            if kind_of(spec) is None
        }
    )
