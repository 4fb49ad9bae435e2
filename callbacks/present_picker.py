"""The header's "Present to…" picker, searched on the server like the client
picker: the chosen client plus the first few of the viewer's own scope whose
name or id holds what was typed. It also copies the chosen client into the
form's `client` field, and enables "Present" once a client is chosen.

The page never holds the whole client list and no callback reads the picker's
options, so a request stays small however many clients there are. A role that
may not present, or a client-facing page, is offered nothing.
"""

from __future__ import annotations

import functools
import logging

from dash import ALL, Input, Output, State, no_update
from sqlalchemy.exc import SQLAlchemyError

from callbacks.account import present_offer
from dashboard.services import Services
from layouts import ids
from layouts.account import (
    PRESENT_BUTTON,
    PRESENT_CLIENT_FIELD,
    PRESENT_PICKER,
    PRESENT_VIEW_TYPE,
)
from layouts.filters import CLIENT_SEARCH_MAX_CHARS, client_options

log = logging.getLogger(__name__)


def update_present_options(services: Services, search_value, value):
    """The options for the typed text and the chosen client (`value`), the
    form's `client` field and whether "Present" is disabled."""
    chosen = value if isinstance(value, str) and value else None
    text = (search_value or "").strip()[:CLIENT_SEARCH_MAX_CHARS]
    try:
        with services.engine.connect() as conn:
            offered = present_offer(
                conn, services, text=text, chosen=(chosen,) if chosen else ()
            )
    except SQLAlchemyError:
        log.warning("the database is unreachable; Present to… keeps its options")
        return no_update, chosen or "", chosen is None
    if chosen not in dict(offered):
        chosen = None  # not a client this viewer may present to
    return client_options(offered), chosen or "", chosen is None


def register(app, services: Services) -> None:
    """Attach the search. Not on the page's first load: the page comes with the
    first options and the selected client."""
    app.callback(
        Output(PRESENT_PICKER, "options"),
        Output(PRESENT_CLIENT_FIELD, "value"),
        Output(PRESENT_BUTTON, "disabled"),
        Input(PRESENT_PICKER, "search_value"),
        Input(PRESENT_PICKER, "value"),
        prevent_initial_call=True,
    )(functools.partial(update_present_options, services))
    # The page's path and query into the form (the server checks them).
    app.clientside_callback(
        """
        function(pathname, search, fields) {
            return fields.map(function(field) {
                return field.field === "path" ? (pathname || "/") : (search || "");
            });
        }
        """,
        Output({"type": PRESENT_VIEW_TYPE, "field": ALL}, "value"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        State({"type": PRESENT_VIEW_TYPE, "field": ALL}, "id"),
    )
