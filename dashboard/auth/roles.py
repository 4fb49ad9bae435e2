"""From the logged-in user to the scope of what they may see."""

from __future__ import annotations

from dashboard.auth.users import CurrentUser
from dashboard.kernel.scope import Scope

ROLES_WHO_PRESENT = ("admin", "manager", "account_manager")
ADMIN_ROLES = ("admin",)


def nothing() -> Scope:
    """A scope that matches no client (a request without a user)."""
    return Scope(client_ids=frozenset(), internal=False)


def own_scope(user: CurrentUser) -> Scope:
    """What the user's role lets them see, ignoring presenting."""
    if user.role in ("admin", "manager"):
        return Scope.everything()
    if user.role == "account_manager" and user.owner_name:
        return Scope.for_owner(user.owner_name)
    if user.role == "client_viewer" and user.client_external_id:
        return Scope.for_client(user.client_external_id, internal=False)
    return nothing()


def scope_for(user: CurrentUser) -> Scope:
    """The scope of a request: one client, external view, while presenting."""
    if user.presenting_client_external_id is not None:
        return Scope.for_client(user.presenting_client_external_id, internal=False)
    return own_scope(user)
