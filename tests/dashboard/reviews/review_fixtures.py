"""A client with a past meeting (two invited people) and a review started on it."""

from __future__ import annotations

import datetime as dt

from werkzeug.datastructures import MultiDict

from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reviews.saving import Saver
from dashboard.reviews.start import start_review
from tests.factories import add_attendee, add_client, add_meeting

STARTED = dt.datetime(2026, 11, 30, 10, 0)


def seed(engine) -> int:
    """Client C-1 (Acme) with a held meeting in October: Ann (client) and Bo
    (us) invited; another client C-2; the id of C-1."""
    with engine.begin() as conn:
        client_id = add_client(conn, "C-1", name="Acme", owner="Ann Owner")
        add_client(conn, "C-2", name="Other Co")
        meeting = add_meeting(conn, client_id, dt.datetime(2026, 10, 5, 9))
        add_attendee(conn, meeting, "client", True, name="Ann")
        add_attendee(conn, meeting, "internal", True, name="Bo")
    return client_id


def saver(engine, by: str = "manager", minutes: int = 0) -> Saver:
    """A manager saving `minutes` after the review started."""
    return Saver(
        engine=engine, by=by, scope=Scope.everything(),
        at=STARTED + dt.timedelta(minutes=minutes),
    )  # fmt: skip


def started(engine) -> int:
    """The id of a review of C-1 for 2026-Q3 started at STARTED."""
    review_id, _new = start_review(
        engine, "C-1", period=parse_period("2026-Q3"), lang="en", by="manager",
        at=STARTED, scope=Scope.everything(),
    )  # fmt: skip
    return review_id


def form(**values) -> MultiDict:
    """A posted form; list values become repeated fields."""
    pairs = []
    for name, value in values.items():
        for one in value if isinstance(value, list) else [value]:
            pairs.append((name, str(one)))
    return MultiDict(pairs)
