"""Views computed once per data version: the key of a view and the cache lookup.

The key holds the viewer's scope (hashed), the normalised link, the as-of day, the
deployment's settings and database and the data version; see
dashboard/kpis/results.py for why a hit is always fresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

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


def link_key(search: str | None, *, with_tab: bool) -> list:
    """The link as the view reads it: normalised, notices included; the tab only
    when the view depends on it."""
    state = parse_query(search)
    notices = [[message, sorted(values.items())] for message, values in state.notices]
    shown = state if with_tab else state.with_(tab=DEFAULT_TAB)
    return [to_query(shown), notices]


def cached_view(
    services: Services,
    conn: Connection,
    view: str,
    search: str | None,
    compute: Callable[[], T],
) -> T:
    """`compute()`, or what it gave for the same view, viewer, link and data."""
    if services.results is None:
        return compute()
    settings = services.settings
    parts = [
        view,
        viewer_key(services),
        *link_key(search, with_tab=view != "headline"),
        settings.today().isoformat(),
        repr(settings),
        conn.engine.url.render_as_string(hide_password=True),
        data_version(conn),
    ]
    return services.results.fetch(parts, compute)
