"""An app with a few clients and one user per role, a frozen clock, a test client."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from dashboard.factory import create_app
from dashboard.kernel.settings import Settings
from tests.factories import add_client
from tests.login import add_user_row

START = dt.datetime(2026, 8, 15, 9, 0, 0)


class Clock:
    """A clock the test moves by hand (naive UTC)."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.now += dt.timedelta(**delta)


@dataclass
class AuthApp:
    """The app under test and what tests need around it."""

    app: object
    engine: Engine
    clock: Clock

    @property
    def server(self):
        return self.app.server

    def client(self):
        """A fresh browser (its own cookie jar)."""
        return self.server.test_client()


def database_url(engine: Engine) -> str:
    """The URL of a test engine, password and options included."""
    return engine.url.render_as_string(hide_password=False)


def make_auth_app(engine: Engine, **settings: object) -> AuthApp:
    """Clients C1, C2 (owner Ann) and C3 (owner Bob); users admin, manager,
    am (owner Ann), client (C2); password demo-password-1; clock at START."""
    app = create_app(
        Settings(database_url=database_url(engine), load_demo_data=False, **settings)
    )
    with engine.begin() as conn:
        add_client(conn, "C1", owner="Ann", name="Alpha Ltd")
        add_client(conn, "C2", owner="Ann", name="Beta plc")
        add_client(conn, "C3", owner="Bob", name="Gamma GmbH")
    add_user_row(engine, "admin", "admin")
    add_user_row(engine, "manager", "manager")
    add_user_row(engine, "am", "account_manager", owner="Ann")
    add_user_row(engine, "client", "client_viewer", client="C2")
    clock = Clock(START)
    app.server.extensions["dashboard_auth"].clock = clock
    return AuthApp(app=app, engine=engine, clock=clock)


@pytest.fixture
def auth_app(empty_engine) -> AuthApp:
    """`make_auth_app` with the default settings."""
    return make_auth_app(empty_engine)
