"""What callbacks need from the server: settings, the engine, the viewer's scope."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import g, has_request_context
from sqlalchemy import Engine

from dashboard.auth.csrf import csrf_token
from dashboard.auth.roles import nothing, scope_for
from dashboard.auth.users import CurrentUser
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings

if TYPE_CHECKING:
    from dashboard.kpis.results import ResultCache


@dataclass(frozen=True)
class Services:
    """Server-side state handed to every callback at registration.

    The viewer comes only from the server-side session of the current Flask
    request (put on `flask.g` by the request guard of dashboard.auth), never from
    a callback input, a store or the URL. Outside a request (the command line,
    tests calling callbacks as plain functions) the scope is everything, unless
    `scope_override` is given: tests pass one to see what a narrower viewer sees.
    `results` keeps computed views (the app's factory gives one).
    """

    settings: Settings
    engine: Engine
    scope_override: Scope | None = None
    # Computed views kept per data version (dashboard/kpis/results.py); None:
    # every view is computed (tests, benchmarks of the computation).
    results: ResultCache | None = None

    def without_results(self) -> Services:
        """The same services computing every view, keeping none."""
        return dataclasses.replace(self, results=None)

    def current_user(self) -> CurrentUser | None:
        """The logged-in user of this request, or None (outside a request too)."""
        if not has_request_context():
            return None
        return g.get("crd_user")

    def csrf_token(self) -> str | None:
        """The token a form or fetch of this page sends to POST /presenting/*
        and /logout (field `csrf_token` or header X-CSRF-Token); None outside a
        logged-in request."""
        if not has_request_context():
            return None
        return csrf_token()

    def current_scope(self) -> Scope:
        """The scope of the viewer of this request, from the server side only.

        admin/manager: everything; account_manager: their owner's clients;
        client_viewer: their client, external view; while presenting: the
        presented client, external view, whatever the role.
        """
        if self.scope_override is not None:
            return self.scope_override
        if not has_request_context():
            return Scope.everything()
        user = g.get("crd_user")
        if user is None:
            return nothing()
        return scope_for(user)
