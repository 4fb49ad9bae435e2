"""Whose rights a report is rendered with: the recipient's own login where they
have one, never more than the subscription owner's; and which addresses are
allowed at all."""

from __future__ import annotations

import re

from sqlalchemy import Connection

from dashboard.auth.roles import nothing, own_scope
from dashboard.auth.users import CurrentUser, find_user
from dashboard.delivery.errors import ScheduleError
from dashboard.kernel.scope import Scope

ADDRESS = re.compile(r"^[^@\s,;<>\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def login_scope(conn: Connection, username: str) -> Scope | None:
    """What the login of this name may see; None when there is no such login
    (a disabled one sees nothing)."""
    found = find_user(conn, username)
    if found is None:
        return None
    if found.disabled:
        return nothing()
    user = CurrentUser(
        username=found.username,
        display_name=found.display_name,
        role=found.role,
        owner_name=found.owner_name,
        client_external_id=found.client_external_id,
    )
    return own_scope(user)


def narrowed(first: Scope, second: Scope) -> Scope:
    """What both scopes allow: the clients both name, one owner's book (two
    different owners: nothing), internal figures only when both may see them."""
    if first.client_ids is None:
        clients = second.client_ids
    elif second.client_ids is None:
        clients = first.client_ids
    else:
        clients = first.client_ids & second.client_ids
    owner = first.owner or second.owner
    if first.owner and second.owner and first.owner != second.owner:
        clients = frozenset()
    return Scope(
        client_ids=clients, owner=owner, internal=first.internal and second.internal
    )


def recipient_scope(conn: Connection, recipient: str, owner_scope: Scope) -> Scope:
    """The scope a recipient's report is rendered with: their login's (the
    address is the username) within the owner's, else the owner's."""
    own = login_scope(conn, recipient)
    return owner_scope if own is None else narrowed(owner_scope, own)


def check_address(
    address: str, allowed_domains: tuple[str, ...]
) -> ScheduleError | None:
    """Why an address may not receive reports (None: it may)."""
    if not ADDRESS.match(address):
        return ScheduleError("'{address}' is not an email address", address=address)
    domain = address.rsplit("@", 1)[1].lower()
    if allowed_domains and domain not in allowed_domains:
        return ScheduleError(
            "{address} is refused: {domain} is not one of the allowed recipient"
            " domains ({setting}={domains})",
            address=address, domain=domain, setting="RECIPIENT_DOMAINS",
            domains=",".join(allowed_domains),
        )  # fmt: skip
    return None
