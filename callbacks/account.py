"""The viewer's account as the header shows it, and what a client-facing page
(presenting, or a client's own login) changes in a page's state (the URL stays
at that client)."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import Connection

from dashboard.auth.roles import ROLES_WHO_PRESENT, own_scope
from dashboard.kernel.urlstate import ViewState
from dashboard.services import Services
from data.queries.choices import matching_clients, named_clients
from layouts.account import ClientView, HeaderAccount
from layouts.filters import CLIENT_OPTIONS_MAX

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


def present_offer(
    conn: Connection, services: Services, *, text: str = "", chosen: tuple = ()
) -> Choices:
    """What "Present to…" offers this request's viewer: the `chosen` clients and
    at most CLIENT_OPTIONS_MAX of the user's own scope whose name or id holds
    `text` (the first by name without a text). Nothing for a role that may not
    present or on a client-facing page, so no other client's name reaches a
    shared screen."""
    user = services.current_user()
    if user is None or user.role not in ROLES_WHO_PRESENT:
        return ()
    if client_view(services) is not None:
        return ()
    scope = own_scope(user)
    named = named_clients(conn=conn, scope=scope, external_ids=chosen)
    found = matching_clients(
        conn=conn, scope=scope, text=text, limit=CLIENT_OPTIONS_MAX
    )
    return (*named, *found)


def header_account(
    services: Services,
    *,
    selected: tuple[str, ...] = (),
    choices: Choices | None = None,
    conn: Connection | None = None,
) -> HeaderAccount | None:
    """The header's account for this request, or None outside a logged-in request.

    "Present to…" first offers the one selected client and the first
    CLIENT_OPTIONS_MAX clients of the user's own scope by name: taken from
    `choices` when the caller has them (the dashboard's filter choices are
    exactly that scope while not presenting), else read with `conn`. They are
    never loaded while presenting, so no other client's name reaches a shared
    screen.
    """
    user = services.current_user()
    token = services.csrf_token()
    if user is None or token is None:
        return None
    showing = client_view(services)
    chosen = selected if len(selected) == 1 else ()
    present_choices = None
    if showing is None and user.role in ROLES_WHO_PRESENT:
        if choices is not None:
            named = [pair for pair in choices if pair[0] in chosen]
            present_choices = (*named, *choices[:CLIENT_OPTIONS_MAX])
        elif conn is not None:
            present_choices = present_offer(conn, services, chosen=chosen)
        present_choices = present_choices or None
    return HeaderAccount(
        display_name=user.display_name or user.username,
        csrf_token=token,
        present_choices=present_choices,
        showing=showing,
        selected=chosen[0] if chosen else None,
        may_upload=showing is None and _may_upload(user),
    )


def _may_upload(user) -> bool:
    """Whether the upload pages let this user in (their settings decide)."""
    if not has_app_context():
        return False
    uploads = current_app.extensions.get("dashboard_uploads")
    return uploads is not None and uploads.allows(user)
