"""A hand-made book with known data-quality problems (as_of 2026-08-15, UTC).

Clients: C1 "Acme Ltd" (Ann), C2 "acme  LTD" (Ann), C3 "Gamma" (Bob),
C4 "ACME LTD" (Bob, from 2026-05-01), C5 "Delta" (Bob, churned 2026-06-15).
The last complete quarter is 2026-Q2; the last 12 months start 2025-08-16.
Each test names the rows it expects and why.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection

from dashboard.kernel.settings import Settings
from tests.factories import (
    add_action_item,
    add_attendee,
    add_client,
    add_invoice,
    add_meeting,
    add_milestone,
    add_project,
    add_spend,
    add_survey,
)

D = dt.date
AS_OF = D(2026, 8, 15)

# Check id → (failing rows for everyone, failing rows for Ann's clients).
EXPECTED = {
    "quiet_feeds": (2, 2),  # invoices (newest May 10) and action items (Mar 1)
    "active_without_invoice": (2, 1),  # C2 (credit note nets 0), C3 (none)
    "projects_without_milestones": (2, 1),  # P2, P4 (P3 ended, P5 not started)
    # C2 (C3 answered on the window's first day; C4 is a client for 3 months).
    "no_recent_survey": (1, 1),
    "meetings_without_attendees": (2, 1),  # M2 (internal only), M3 (none)
    "projects_spending_after_end": (2, 1),  # P2, P4 (P3's is too old)
    "old_open_action_items": (2, 1),  # A4, A7 (A5 is due on the cut-off day)
    "duplicate_client_names": (3, 2),  # C1, C2, C4 (Ann: C1, C2)
    "meetings_without_objectives": (2, 1),  # M2 (empty), M3 (0)
    "action_items_without_owner": (3, 3),  # A1 TBD, A2 blank, A7 Unknown
}


def quality_settings(**changes) -> Settings:
    """Settings of the book: as_of 2026-08-15, UTC, no demo data."""
    return Settings(as_of=AS_OF, load_demo_data=False, **changes)


def add_quality_book(conn: Connection) -> dict[str, int]:
    """Insert the book; return the client ids by external id."""
    c = {
        "C1": add_client(conn, "C1", name="Acme Ltd", owner="Ann"),
        "C2": add_client(conn, "C2", name="acme  LTD", owner="Ann"),
        "C3": add_client(conn, "C3", name="Gamma", owner="Bob",
                         onboarded_on=D(2025, 1, 1)),
        "C4": add_client(conn, "C4", name="ACME LTD", owner="Bob",
                         onboarded_on=D(2026, 5, 1)),
        "C5": add_client(conn, "C5", name="Delta", owner="Bob",
                         onboarded_on=D(2023, 1, 1), churned_on=D(2026, 6, 15)),
    }  # fmt: skip
    add_invoice(conn, c["C1"], D(2026, 5, 10), 10_000)
    add_invoice(conn, c["C2"], D(2026, 4, 1), 5_000)
    add_invoice(conn, c["C2"], D(2026, 4, 2), -5_000)
    add_survey(conn, c["C1"], D(2026, 7, 1), "nps", 9)
    add_survey(conn, c["C2"], D(2025, 1, 1), "nps", 9)
    add_survey(conn, c["C3"], D(2025, 8, 16), "csat", 4)
    _meetings(conn, c)
    _projects(conn, c)
    _action_items(conn, c)
    return c


def _meetings(conn: Connection, c: dict[str, int]) -> None:
    at = dt.datetime
    add_meeting(
        conn,
        c["C1"],
        at(2026, 7, 1, 9),
        objectives_set=3,
        attendees=(("client", True),),
    )  # M1: fine
    add_meeting(
        conn, c["C1"], at(2026, 7, 2, 9), attendees=(("internal", True),)
    )  # M2: no client, no objectives
    add_meeting(conn, c["C3"], at(2026, 6, 1, 9), objectives_set=0)  # M3
    add_meeting(conn, c["C3"], at(2025, 8, 15, 23, 30))  # M4: before the window
    add_meeting(conn, c["C1"], at(2026, 7, 3, 9), status="cancelled")  # M5
    m6 = add_meeting(conn, c["C2"], at(2026, 8, 15, 10), objectives_set=2)
    add_attendee(conn, m6, "client", False)  # invited, absent: still recorded
    # Scheduled after as_of: not the feed's newest row.
    add_meeting(conn, c["C1"], at(2026, 9, 1, 9), status="scheduled")  # fmt: skip


def _projects(conn: Connection, c: dict[str, int]) -> None:
    p1 = add_project(conn, c["C1"], D(2026, 1, 1), D(2026, 12, 31), 100_000)
    add_milestone(conn, p1, D(2026, 6, 1))
    add_spend(conn, p1, D(2026, 7, 10), 1_000)
    p2 = add_project(conn, c["C1"], D(2026, 1, 1), D(2026, 6, 30), 100_000)
    add_spend(conn, p2, D(2026, 7, 10), 10_000)  # after its end
    p3 = add_project(conn, c["C3"], D(2024, 1, 1), D(2025, 6, 30), 100_000)
    add_spend(conn, p3, D(2025, 7, 1), 10_000)  # after its end, before the window
    p4 = add_project(conn, c["C3"], D(2025, 1, 1), D(2025, 12, 31), 100_000)
    add_spend(conn, p4, D(2025, 12, 31), 10_000)  # on its last day: fine
    add_spend(conn, p4, D(2026, 2, 1), 2_500)
    add_spend(conn, p4, D(2026, 3, 1), 2_500)
    add_project(conn, c["C3"], D(2026, 9, 1), D(2026, 12, 31), 100_000)  # P5


def _action_items(conn: Connection, c: dict[str, int]) -> None:
    created = D(2024, 1, 1)
    add_action_item(
        conn, c["C1"], D(2026, 9, 1), owner="TBD", created_on=D(2026, 3, 1)
    )  # A1: no owner
    add_action_item(
        conn, c["C1"], D(2026, 9, 1), owner=" ", created_on=created
    )  # A2: no owner
    add_action_item(
        conn,
        c["C3"],
        D(2026, 1, 1),
        owner="n/a",
        completed_on=D(2026, 1, 2),
        created_on=created,
    )  # A3: done
    add_action_item(
        conn, c["C3"], D(2025, 8, 14), owner="Bob", created_on=created
    )  # A4: old and open
    add_action_item(
        conn, c["C3"], D(2025, 8, 15), owner="Bob", created_on=created
    )  # A5: due on the cut-off day
    add_action_item(
        conn, c["C1"], D(2024, 1, 1), owner="Ann", completed_on=D(2024, 2, 1)
    )  # A6: done
    add_action_item(
        conn, c["C2"], D(2024, 5, 1), owner="Unknown", created_on=created
    )  # A7: old and without owner
