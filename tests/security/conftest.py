"""The app on the six-client book, with one login per role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

from dashboard.factory import create_app
from dashboard.kernel.settings import Settings
from tests.login import add_user_row
from tests.security.book import AS_OF, BY_KEY, add_book


@dataclass
class BookApp:
    """The app under test and its database."""

    app: object
    engine: Engine

    @property
    def server(self):
        """The Flask server."""
        return self.app.server


@pytest.fixture
def book_app(empty_engine) -> BookApp:
    """Clients A–F (owners Ann: A B C, Bob: D E F); users admin, manager,
    am (owner Ann), client (client A), other_am (owner Bob)."""
    url = empty_engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, as_of=AS_OF, load_demo_data=False))
    add_book(empty_engine)
    add_user_row(empty_engine, "admin", "admin")
    add_user_row(empty_engine, "manager", "manager")
    add_user_row(empty_engine, "am", "account_manager", owner="Ann")
    client_a = BY_KEY["A"].external_id
    add_user_row(empty_engine, "client", "client_viewer", client=client_a)
    return BookApp(app=app, engine=empty_engine)
