"""Views computed once per data version: the key of a view and the cache lookup.

The key holds the viewer's scope (hashed), the normalised link, the as-of day, the
deployment's settings and database and the data version; see
dashboard/kpis/results.py for why a hit is always fresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

import orjson
from dash.development.base_component import Component
from plotly.basedatatypes import BaseFigure
from plotly.io.json import to_json_plotly
from sqlalchemy import Connection

from callbacks.account import client_view
from dashboard.kernel.urlstate import DEFAULT_TAB, parse_query, to_query
from dashboard.services import Services
from data.version import data_version

T = TypeVar("T")


def viewer_key(services: Services) -> str:
    """The viewer's scope and client view, hashed (no client id in the key)."""
    scope = services.current_scope()
    clients = None if scope.client_ids is None else sorted(scope.client_ids)
    viewer = repr((clients, scope.owner, scope.internal, client_view(services)))
    return hashlib.sha256(viewer.encode()).hexdigest()[:16]


def fresh_parts(services: Services, conn: Connection) -> list:
    """What every kept result depends on besides its own inputs: the viewer,
    the as-of day, the deployment's settings and database, the data version."""
    settings = services.settings
    return [
        viewer_key(services),
        settings.today().isoformat(),
        repr(settings),
        conn.engine.url.render_as_string(hide_password=True),
        data_version(conn),
    ]


def link_key(search: str | None, *, with_tab: bool) -> list:
    """The link as the view reads it: normalised, notices included; the tab only
    when the view depends on it."""
    state = parse_query(search)
    notices = [[message, sorted(values.items())] for message, values in state.notices]
    shown = state if with_tab else state.with_(tab=DEFAULT_TAB)
    return [to_query(shown), notices]


def plain_figures(value):
    """`value` with every Plotly figure in it (in components, lists, tuples and
    dicts) turned into its plain dict, the form Dash sends anyway: a kept view
    then loads without Plotly re-validating every property of every figure
    (two thirds of a cache hit's time for a tab of charts)."""
    if isinstance(value, BaseFigure):
        return value.to_plotly_json()
    if isinstance(value, Component):
        for name in value._prop_names:
            prop = getattr(value, name, None)
            if prop is not None:
                setattr(value, name, plain_figures(prop))
        return value
    if type(value) in (list, tuple):
        return type(value)(plain_figures(item) for item in value)
    if type(value) is dict:
        return {key: plain_figures(item) for key, item in value.items()}
    return value


def each_output(value, change: Callable):
    """`change` applied to each output of a callback's value: each item of a
    tuple (several outputs), or the one value."""
    if type(value) is tuple:
        return tuple(change(item) for item in value)
    return change(value)


def cached_view(
    services: Services,
    conn: Connection,
    view: str,
    search: str | None,
    compute: Callable[[], T],
    *,
    sent: bool = False,
) -> T:
    """`compute()`, or what it gave for the same view, viewer, link and data; its
    figures as plain dicts either way (`plain_figures`).

    With `sent`, each output (`each_output`) is kept as the JSON Dash sends (made
    by Plotly's serialiser, which walks every component and figure in Python),
    made once, and given as an `orjson.Fragment`, which Dash's serialiser embeds
    as it is: a kept view is then answered without walking its components again
    (most of a kept view's time)."""

    def computed():
        value = plain_figures(compute())
        return each_output(value, to_json_plotly) if sent else value

    if services.results is None:
        value = computed()
    else:
        parts = [
            view,
            *link_key(search, with_tab=view != "headline"),
            *fresh_parts(services, conn),
            "sent" if sent else "objects",
        ]
        value = services.results.fetch(parts, computed)
    return each_output(value, orjson.Fragment) if sent else value
