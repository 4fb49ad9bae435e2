"""The client picker's options, searched on the server: the chosen clients plus
the first few whose name or id holds what was typed, within the viewer's scope.

The page never holds the whole client list, and no callback sends the picker's
options back to the server, so a request stays small however many clients there
are. A client-facing page (presenting, a client's own login) searches nothing:
its picker offers its one client only.
"""

from __future__ import annotations

import functools
import logging

from dash import Input, Output, State, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.account import client_view
from dashboard.services import Services
from data.queries.choices import matching_clients, named_clients
from layouts import ids
from layouts.filters import CLIENT_OPTIONS_MAX, CLIENT_SEARCH_MAX_CHARS, client_options

log = logging.getLogger(__name__)


def update_client_options(services: Services, search_value, value) -> list[dict]:
    """The options for the typed text and the chosen clients (`value`)."""
    chosen = [c for c in (value or ()) if isinstance(c, str)]
    text = (search_value or "").strip()[:CLIENT_SEARCH_MAX_CHARS]
    scope = services.current_scope()
    try:
        with services.engine.connect() as conn:
            named = named_clients(conn=conn, scope=scope, external_ids=chosen)
            found = []
            if client_view(services) is None:
                found = matching_clients(
                    conn=conn, scope=scope, text=text, limit=CLIENT_OPTIONS_MAX
                )
    except SQLAlchemyError:
        log.warning("the database is unreachable; the client picker keeps its options")
        return no_update
    return client_options(named, found)


def register(app, services: Services) -> None:
    """Attach the picker's search: on what is typed only. Not on the page's
    first load (the page comes with the options for the URL's clients), nor
    when the chosen clients change: a pick is among the options already, a
    removed client may stay one, and a link that sets the picker sends the
    options with its value (callbacks/navigation.py)."""
    app.callback(
        Output(ids.CLIENT_PICKER, "options"),
        Input(ids.CLIENT_PICKER, "search_value"),
        State(ids.CLIENT_PICKER, "value"),
        prevent_initial_call=True,
    )(functools.partial(update_client_options, services))
