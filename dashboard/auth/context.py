"""The login machinery's state on the Flask server: settings, engine and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app
from sqlalchemy import Engine

from dashboard.auth.clock import utc_now
from dashboard.auth.outage import RecentSessions
from dashboard.kernel.settings import Settings

EXTENSION = "dashboard_auth"


@dataclass
class AuthContext:
    """What the login views and the guard need. Tests replace `clock` to freeze
    time: `app.server.extensions["dashboard_auth"].clock = lambda: moment`."""

    settings: Settings
    engine: Engine
    clock: Callable[[], dt.datetime] = field(default=utc_now)
    recent_sessions: RecentSessions = field(default_factory=RecentSessions)
    # Callback inputs that change by a timer, not a person ("component.property").
    automatic_inputs: frozenset[str] = frozenset()

    @property
    def secure_cookies(self) -> bool:
        """Cookies only over HTTPS in production."""
        return self.settings.env == "production"

    def now(self) -> dt.datetime:
        """The current time (naive UTC) from the clock."""
        return self.clock()


def attach(server: Flask, context: AuthContext) -> None:
    """Make the context available to views through `auth_context()`."""
    server.extensions[EXTENSION] = context


def auth_context() -> AuthContext:
    """The context of the current Flask app."""
    return current_app.extensions[EXTENSION]
