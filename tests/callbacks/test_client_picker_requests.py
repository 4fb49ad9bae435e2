"""What the browser sends and gets does not grow with the clients: no callback
reads the options of the client picker or of "Present to…", and on a page load
with 2,000 clients the page stays under 32 KB and every callback request built
from it under a few KB."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import insert

from dashboard.factory import create_app
from dashboard.kernel.settings import Settings
from data.db import make_engine
from data.models import Client
from layouts import ids
from layouts.account import PRESENT_PICKER
from tests.login import add_user_row, log_in
from tests.security.forged import _outputs as outputs_of

UPDATE = "/_dash-update-component"
CLIENTS = 2000
MAX_BODY_BYTES = 4096
MAX_PAGE_BYTES = 32_768
SEARCH = "?tab=budget"


@pytest.fixture(scope="module")
def big_app(tmp_path_factory):
    """The app on SQLite with 2,000 clients and an admin (who may see them all)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('picker') / 'app.db'}"
    app = create_app(Settings(database_url=url, load_demo_data=False))
    engine = make_engine(url)
    rows = [
        {
            "external_id": f"C{n:05d}",
            "name": f"Client number {n:05d} Holdings",
            "segment": "smb",
            "region": "EMEA",
            "owner": "Ann",
            "onboarded_on": dt.date(2025, 1, 1),
        }
        for n in range(CLIENTS)
    ]
    with engine.begin() as conn:
        conn.execute(insert(Client), rows)
    add_user_row(engine, "admin", "admin")
    engine.dispose()
    return app


def components(tree) -> dict[str, dict]:
    """The props of every component with a plain id in a layout as JSON."""
    found: dict[str, dict] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and isinstance(props.get("id"), str):
                found[props["id"]] = props
            stack.extend(node.values())
    return found


def entry(spec: dict, shown: dict[str, dict]):
    """The body entry the browser sends for an input or state spec."""
    if spec["id"].startswith("{"):
        return []  # chips and chart clicks: none on a freshly drawn page
    props = shown[spec["id"]]
    value = props.get(spec["property"])
    if spec["property"] == "search":
        value = SEARCH
    elif spec["property"] == "pathname":
        value = "/"
    return {"id": spec["id"], "property": spec["property"], "value": value}


def body_for(key: str, callback: dict, shown: dict[str, dict]) -> dict:
    inputs = [entry(spec, shown) for spec in callback["inputs"]]
    first = callback["inputs"][0]
    return {
        "output": key,
        "outputs": outputs_of(key),
        "inputs": inputs,
        "state": [entry(spec, shown) for spec in callback["state"]],
        "changedPropIds": [f"{first['id']}.{first['property']}"],
    }


def test_no_callback_reads_the_client_pickers_options(big_app):
    pickers = {(ids.CLIENT_PICKER, "options"), (PRESENT_PICKER, "options")}
    read = [
        key
        for key, callback in big_app.callback_map.items()
        for spec in callback["inputs"] + callback["state"]
        if (spec["id"], spec["property"]) in pickers
    ]
    assert read == []


def test_only_typing_asks_the_server_for_the_pickers_options(big_app):
    # A link that sets the picker sends its options with the value; a second
    # request for them on every change of the value would only repeat them.
    (key,) = [k for k in big_app.callback_map if k == f"{ids.CLIENT_PICKER}.options"]
    callback = big_app.callback_map[key]
    assert [(s["id"], s["property"]) for s in callback["inputs"]] == [
        (ids.CLIENT_PICKER, "search_value")
    ]
    assert [(s["id"], s["property"]) for s in callback["state"]] == [
        (ids.CLIENT_PICKER, "value")
    ]


def test_a_page_loads_requests_stay_small_with_many_clients(big_app):
    browser = big_app.server.test_client()
    assert log_in(browser, "admin").status_code == 303
    shown = components(browser.get("/_dash-layout").get_json())
    callbacks = {k: c for k, c in big_app.callback_map.items() if "callback" in c}
    (page_key,) = [k for k in callbacks if f"{ids.PAGE}.children" in k]
    answer = browser.post(UPDATE, json=body_for(page_key, callbacks[page_key], shown))
    assert answer.status_code == 200
    page = answer.get_json()["response"][ids.PAGE]["children"]
    shown |= components(page)
    # The page itself names only the first clients in its picker and in
    # "Present to…" (with every client in both it was about 300 KB).
    picker = shown[ids.CLIENT_PICKER]
    assert len(picker["options"]) == 50 and picker["value"] == []
    present = shown[PRESENT_PICKER]
    assert len(present["options"]) == 50 and present["value"] is None
    assert len(answer.get_data()) < MAX_PAGE_BYTES

    sizes = {}
    for key, callback in callbacks.items():
        specs = [s for s in callback["inputs"] + callback["state"]]
        if all(s["id"].startswith("{") or s["id"] in shown for s in specs):
            body = body_for(key, callback, shown)
            sizes[key] = len(json.dumps(body).encode())
    (sync_key,) = [k for k in sizes if f"{ids.DASHBOARD_URL}.search" in k]
    assert sizes[sync_key] < MAX_BODY_BYTES
    assert max(sizes.values()) < MAX_BODY_BYTES, sizes
    # The URL sync's body is one the server takes, and it sets the controls
    # that do not show the link (here the tabs, as after Back).
    shown[ids.TABS] = {**shown[ids.TABS], "active_tab": "churn"}
    sync = browser.post(UPDATE, json=body_for(sync_key, callbacks[sync_key], shown))
    assert sync.status_code == 200
    assert sync.get_json()["response"][ids.TABS]["active_tab"] == "budget"
