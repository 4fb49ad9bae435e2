"""Six clients with distinctive names, ids and amounts, and what each viewer may see.

as_of is 2026-08-15, so the default period is 2026-Q3 (Jul 1 to Aug 15). Every
client bills one distinctive amount on 2026-07-10 and the same 5,000.00 a year
earlier, and has a held meeting, an overdue action item, an NPS answer and a
project in 2026-Q3, so every tab has something to say about every client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from tests.factories import (
    add_action_item,
    add_client,
    add_invoice,
    add_meeting,
    add_project,
    add_spend,
    add_survey,
)

AS_OF = dt.date(2026, 8, 15)
PERIOD = "2026-Q3"


@dataclass(frozen=True)
class BookClient:
    """One client of the book and the strings that would give it away."""

    key: str
    external_id: str
    ghost_id: str  # an id of the same shape that no client has
    name: str
    owner: str
    region: str
    segment: str
    cents: int  # the distinctive invoice of 2026-07-10

    def amount_forms(self) -> tuple[str, ...]:
        """The amount as the app could print it: raw, grouped, compact, in cents."""
        units = self.cents / 100
        forms = [f"{units:.2f}", f"{units:,.2f}", str(self.cents)]
        if units >= 10_000:
            forms.append(f"${units / 1000:.1f}K")
        else:
            forms.append(f"${units:,.2f}")
        return tuple(forms)

    def secrets(self) -> tuple[str, ...]:
        """What must never reach a viewer outside the scope, the id aside."""
        return (self.name, *self.amount_forms())


CLIENTS = (
    BookClient("A", "QF-7001", "ZQ-9001", "Quillfeather Ltd", "Ann", "north",
               "smb", 123_456),
    BookClient("B", "BW-7002", "ZB-9002", "Brightwater Mills", "Ann", "south",
               "enterprise", 9_876_543),
    BookClient("C", "CL-7003", "ZC-9003", "Copperleaf Studio", "Ann", "north",
               "mid_market", 5_432_109),
    BookClient("D", "DH-7004", "ZD-9004", "Dunmore Haulage", "Bob", "south",
               "enterprise", 8_765_432),
    BookClient("E", "EF-7005", "ZE-9005", "Elmstead Foods", "Bob", "north",
               "smb", 7_654_321),
    BookClient("F", "FD-7006", "ZF-9006", "Fairholm Dental", "Bob", "south",
               "mid_market", 4_321_098),
)  # fmt: skip
BY_KEY = {client.key: client for client in CLIENTS}


@dataclass(frozen=True)
class Viewer:
    """A login, what it may see, and two clients it may not (the forged targets)."""

    username: str
    visible: frozenset[str]  # client keys
    internal: bool
    presenting: str | None = None  # the client key a manager presents

    @property
    def hidden(self) -> tuple[BookClient, ...]:
        """The clients outside the scope."""
        return tuple(c for c in CLIENTS if c.key not in self.visible)

    @property
    def targets(self) -> tuple[BookClient, BookClient]:
        """The two hidden clients the forged requests name (all clients: D, B)."""
        hidden = self.hidden or (BY_KEY["D"], BY_KEY["B"])
        return hidden[-1], hidden[0]


ALL_KEYS = frozenset(BY_KEY)
ADMIN = Viewer("admin", ALL_KEYS, internal=True)
MANAGER = Viewer("manager", ALL_KEYS, internal=True)
AM = Viewer("am", frozenset({"A", "B", "C"}), internal=True)
CLIENT_VIEWER = Viewer("client", frozenset({"A"}), internal=False)
PRESENTING = Viewer("manager", frozenset({"A"}), internal=False, presenting="A")
RESTRICTED = (AM, CLIENT_VIEWER, PRESENTING)
INTERNAL_CARD_IDS = ("kpi-cac", "kpi-meeting_cost")


def add_book(engine: Engine) -> None:
    """Insert the six clients and their 2025/2026 activity."""
    with engine.begin() as conn:
        for client in CLIENTS:
            client_id = add_client(
                conn,
                client.external_id,
                name=client.name,
                owner=client.owner,
                region=client.region,
                segment=client.segment,
                onboarded_on=dt.date(2025, 1, 15),
            )
            add_invoice(conn, client_id, dt.date(2025, 7, 10), 500_000)
            add_invoice(conn, client_id, dt.date(2026, 7, 10), client.cents)
            add_meeting(
                conn,
                client_id,
                dt.datetime(2026, 7, 20, 14, 0),
                cost_cents=25_000,
                objectives_set=2,
                objectives_met=1,
                attendees=(("client", True), ("internal", True)),
            )
            add_action_item(conn, client_id, dt.date(2026, 8, 1))
            add_survey(conn, client_id, dt.date(2026, 7, 25), "nps", 9)
            project = add_project(
                conn, client_id, dt.date(2026, 7, 1), dt.date(2026, 12, 31), 2_000_000
            )
            add_spend(conn, project, dt.date(2026, 7, 15), 300_000)
