"""What a client may see of the action items: only the shared ones.

Client-facing views are those with an external scope (`Scope.internal` false):
presenting, a client's own login, a client-audience report. Every query that
lists action items to a viewer adds `client_facing_items_condition(scope)` to its
WHERE clause, so an internal item can never reach a client.
"""

from __future__ import annotations

from sqlalchemy import true
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.scope import Scope
from data.models import ActionItem

SHARED = "shared"


def client_facing_items_condition(scope: Scope) -> ColumnElement[bool]:
    """SQL on `action_items`: every item for an internal viewer, only items
    shared with the client for a client-facing one."""
    if scope.internal:
        return true()
    return ActionItem.visibility == SHARED
