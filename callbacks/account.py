"""The viewer's account as the header shows it, and what a client-facing page
(presenting, or a client's own login) changes in a page's state (the URL stays
at that client)."""

from __future__ import annotations

from sqlalchemy import Connection

from dashboard.auth.roles import ROLES_WHO_PRESENT, own_scope
from dashboard.kernel.urlstate import ViewState
from dashboard.services import Services
from data.queries.choices import client_choices
from layouts.account import ClientView, HeaderAccount

Choices = tuple[tuple[str, str], ...]


def client_view(services: Services) -> ClientView | None:
    """The client this request's pages face, or None for an internal view: the
    client presented to, or a client viewer's own company. Both are rendered the
    same way (one client, locked filters, larger type, a banner)."""
    user = services.current_user()
    if user is None:
        return None
    if user.presenting_client_external_id is not None:
        external_id = user.presenting_client_external_id
        return ClientView(external_id, user.presenting_client_name or external_id)
    if user.role == "client_viewer" and user.client_external_id is not None:
        external_id = user.client_external_id
        return ClientView(external_id, user.client_name or external_id, own=True)
    return None


def kept_at(state: ViewState, client: str) -> ViewState:
    """The state showing only the presented client (other filters of a link that
    would narrow or widen the selection are dropped; period and tab stay)."""
    return state.with_(clients=(client,), segment=None, region=None, owner=None)


def header_account(
    services: Services,
    *,
    selected: tuple[str, ...] = (),
    choices: Choices | None = None,
    conn: Connection | None = None,
) -> HeaderAccount | None:
    """The header's account for this request, or None outside a logged-in request.

    The "Present to…" choices are the clients of the user's own scope: `choices`
    when the caller has them (the dashboard's filter choices are exactly those
    while not presenting), else read with `conn`. They are never loaded while
    presenting, so no other client's name reaches a shared screen.
    """
    user = services.current_user()
    token = services.csrf_token()
    if user is None or token is None:
        return None
    showing = client_view(services)
    present_choices = None
    if showing is None and user.role in ROLES_WHO_PRESENT:
        if choices is None and conn is not None:
            frame = client_choices(conn=conn, scope=own_scope(user))
            choices = tuple(zip(frame["external_id"], frame["name"], strict=True))
        present_choices = choices or None
    return HeaderAccount(
        display_name=user.display_name or user.username,
        csrf_token=token,
        present_choices=present_choices,
        showing=showing,
        selected=selected[0] if len(selected) == 1 else None,
    )
