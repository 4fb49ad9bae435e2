"""Forged POST /_dash-update-component bodies for every server-side callback.

The bodies follow what GET /_dash-dependencies says of each callback (its output
string, inputs and state); every input that can name a client names the
clients the viewer may not see: the page's query, the /clients/<id> path, chart
clickData `client:<id>`, filter chips, the pickers' offered options, the text
typed into the client picker, the client chosen in "Present to…".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from callbacks.tab_churn import AT_RISK_TABLE, at_risk_columns
from dashboard.kernel.urlstate import TABS
from layouts import ids as component_ids
from layouts.account import PRESENT_PICKER
from tests.security.book import PERIOD, BookClient

CHART_NAMES = ("churn-segments", "meetings-attendance-clients", "retention-rates")


@dataclass(frozen=True)
class Forgery:
    """What the forged inputs say: the query, the path and the named clients."""

    search: str
    pathname: str
    clients: tuple[str, ...]
    tab: str


def forgeries(
    first: BookClient, second: BookClient, own: BookClient
) -> Iterator[Forgery]:
    """On each tab of the dashboard: two hidden clients, and no filter at all
    (the viewer's own clients). On the first tab also: one hidden client with
    its criteria, the criteria alone, an own client with a hidden one; those also
    on either hidden client's page and on the own client's page."""
    ids = (first.external_id, second.external_id)
    criteria = (
        f"region={first.region}&owner={quote(first.owner)}&segment={first.segment}"
    )
    pages = (
        "/",
        f"/clients/{ids[0]}",
        f"/clients/{ids[1]}",
        f"/clients/{own.external_id}",
    )
    for tab in TABS:
        searches = [f"?client={ids[0]}&client={ids[1]}&tab={tab}", f"?tab={tab}"]
        if tab == TABS[0]:
            searches += [
                f"?client={ids[0]}&{criteria}&tab={tab}",
                f"?{criteria}",
                f"?client={own.external_id}&client={ids[0]}",
            ]
        for search in searches:
            for pathname in pages if tab == TABS[0] else pages[:1]:
                yield Forgery(f"{search}&period={PERIOD}", pathname, ids, tab)


def _prop_id(component_id: object, prop: str) -> str:
    if isinstance(component_id, dict):
        component_id = json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return f"{component_id}.{prop}"


def _wildcard_value(pattern: dict, prop: str, forgery: Forgery) -> list[dict]:
    """The matched components of an ALL pattern: chips or charts naming clients."""
    kind = pattern.get("type")
    if kind == "filter-chip":
        return [
            {
                "id": {"type": kind, "kind": "client", "value": client},
                "property": prop,
                "value": 1,
            }
            for client in forgery.clients
        ]
    if kind == "chart":
        return [
            {
                "id": {"type": kind, "name": name},
                "property": prop,
                "value": {"points": [{"customdata": f"client:{forgery.clients[0]}"}]},
            }
            for name in CHART_NAMES
        ]
    return []


def _value(component: str, prop: str, forgery: Forgery) -> object:
    """A forged value for one plain (id, property)."""
    if prop == "search" or component == component_ids.FILTERS_SEARCH:
        return forgery.search
    if component == component_ids.CHART_CLICK:  # a click the browser relayed
        return {"clickData": _value("chart", "clickData", forgery), "at": 1}
    if component == component_ids.CHIP_CLICK:
        return {"kind": "client", "value": forgery.clients[0], "at": 1}
    if prop == "pathname":
        return forgery.pathname
    if prop == "clickData":
        return {"points": [{"customdata": f"client:{forgery.clients[0]}"}]}
    if prop == "options":
        return [{"label": client, "value": client} for client in forgery.clients]
    if prop == "search_value":  # the client picker searched for a hidden client
        return forgery.clients[0]
    if component == "filter-clients":
        return list(forgery.clients)
    if component == PRESENT_PICKER:  # "Present to…" set to a hidden client
        return forgery.clients[0]
    if component == "tabs":
        return forgery.tab
    if prop == "n_clicks" or prop == "n_intervals":
        return 1
    if component == "view":
        return {"path": "/elsewhere", "lang": "en", "theme": "light"}
    if component == "language-picker":
        return "en"
    return None


def _entry(spec: dict, forgery: Forgery) -> tuple[object, list[str]]:
    """The body entry of one input or state, and the prop ids it contributes."""
    raw, prop = spec["id"], spec["property"]
    if raw.startswith("{"):
        pattern = json.loads(raw)
        matched = _wildcard_value(pattern, prop, forgery)
        return matched, [_prop_id(m["id"], prop) for m in matched]
    entry = {"id": raw, "property": prop, "value": _value(raw, prop, forgery)}
    return entry, [_prop_id(raw, prop)]


def _outputs(output: str) -> list[dict] | dict:
    """The `outputs` of a body, from the callback's output string."""
    multi = output.startswith("..")
    parts = output.strip(".").split("...") if multi else [output]
    outputs = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        if component.startswith("{"):  # an ALL pattern: none on the forged page
            outputs.append([])
            continue
        outputs.append({"id": component, "property": prop.split("@")[0]})
    return outputs if multi else outputs[0]


def table_bodies(dependency: dict, forgery: Forgery) -> Iterator[dict]:
    """The sortable tables' callback (pattern-matching ids): the at-risk list
    given rows that name the clients, sorted by a click and paged."""

    def part(kind: str, **keys: str) -> dict:
        return component_ids.table_part(kind, AT_RISK_TABLE, **keys)

    columns = [column.key for column in at_risk_columns("en")]
    sort = [
        {"id": part(component_ids.TABLE_SORT, column=c), "property": "n_clicks",
         "value": 1}
        for c in columns
    ]  # fmt: skip
    pages = {"id": part(component_ids.TABLE_PAGES), "property": "active_page",
             "value": 1}  # fmt: skip
    rows = [
        {"external_id": client, "name": client, "band": "at_risk", "band_rank": 0,
         "status": client, "score": 1.0}
        for client in forgery.clients
    ]  # fmt: skip
    state = [
        {"id": part(component_ids.TABLE_ROWS), "property": "data",
         "value": {"rows": rows, "lang": "en", "theme": "light"}},
        {"id": part(component_ids.TABLE_ORDER), "property": "data", "value": None},
    ]  # fmt: skip
    outputs = [
        {"id": part(component_ids.TABLE_BODY), "property": "children"},
        {"id": part(component_ids.TABLE_ORDER), "property": "data"},
        [{"id": entry["id"], "property": "children"} for entry in sort],
    ]
    for changed in (sort[0], pages):
        yield {
            "output": dependency["output"],
            "outputs": outputs,
            "inputs": [sort, pages],
            "state": state,
            "changedPropIds": [_prop_id(changed["id"], changed["property"])],
        }


def bodies(dependency: dict, forgery: Forgery) -> Iterator[dict]:
    """One body per input of the callback, that input being the trigger."""
    if f'"type":"{component_ids.TABLE_BODY}"' in dependency["output"]:
        yield from table_bodies(dependency, forgery)
        return
    inputs, triggers = [], []
    for spec in dependency["inputs"]:
        entry, prop_ids = _entry(spec, forgery)
        inputs.append(entry)
        triggers.append(prop_ids)
    state = [_entry(spec, forgery)[0] for spec in dependency["state"]]
    for changed in triggers:
        if not changed:
            continue
        yield {
            "output": dependency["output"],
            "outputs": _outputs(dependency["output"]),
            "inputs": inputs,
            "state": state,
            "changedPropIds": changed,
        }


def as_ghosts(body: dict, clients: tuple[BookClient, ...]) -> dict:
    """The same body with each client's id replaced by an id nobody has."""
    text = json.dumps(body)
    for client in clients:
        text = text.replace(client.external_id, client.ghost_id)
    return json.loads(text)
