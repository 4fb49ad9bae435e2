"""Small row factories for database tests: each inserts one row and returns its id."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import Connection, insert, select

from data.db import make_engine, upgrade
from data.models import (
    AcquisitionSpend,
    ActionItem,
    Attendee,
    Client,
    Invoice,
    Meeting,
    Milestone,
    Project,
    Spend,
    SurveyResponse,
)
from data.rollups import refresh_rollups

_numbers = itertools.count(1)


def _next_id(prefix: str) -> str:
    return f"{prefix}-{next(_numbers)}"


def _refreshed(conn: Connection, client_id: int, row_id: int) -> int:
    """Keep the client's rollups right after a write, as every writer of the
    dashboard does; return the new row's id."""
    refresh_rollups(conn, {client_id})
    return row_id


def add_client(
    conn: Connection,
    external_id: str | None = None,
    *,
    onboarded_on: dt.date = dt.date(2024, 1, 1),
    churned_on: dt.date | None = None,
    segment: str = "smb",
    region: str | None = None,
    owner: str | None = None,
    name: str | None = None,
) -> int:
    """Insert a client; return its id."""
    external_id = external_id or _next_id("C")
    return conn.execute(
        insert(Client).returning(Client.id),
        {
            "external_id": external_id,
            "name": name or f"Client {external_id}",
            "segment": segment,
            "region": region,
            "owner": owner,
            "onboarded_on": onboarded_on,
            "churned_on": churned_on,
            "churn_reason": "moved on" if churned_on else None,
        },
    ).scalar_one()


def add_invoice(
    conn: Connection,
    client_id: int,
    issued_on: dt.date,
    amount_cents: int,
    *,
    external_id: str | None = None,
) -> int:
    """Insert an invoice (negative amount: a credit note); return its id."""
    invoice_id = conn.execute(
        insert(Invoice).returning(Invoice.id),
        {
            "external_id": external_id or _next_id("I"),
            "client_id": client_id,
            "issued_on": issued_on,
            "amount_cents": amount_cents,
        },
    ).scalar_one()
    return _refreshed(conn, client_id, invoice_id)


def add_survey(
    conn: Connection,
    client_id: int,
    responded_on: dt.date,
    kind: str,
    score: int,
) -> int:
    """Insert one NPS or CSAT response; return its id."""
    survey_id = conn.execute(
        insert(SurveyResponse).returning(SurveyResponse.id),
        {
            "external_id": _next_id("S"),
            "client_id": client_id,
            "responded_on": responded_on,
            "kind": kind,
            "score": score,
        },
    ).scalar_one()
    return _refreshed(conn, client_id, survey_id)


def add_acquisition_spend(
    conn: Connection,
    spent_on: dt.date,
    amount_cents: int,
    *,
    segment: str | None = None,
    channel: str = "events",
) -> int:
    """Insert acquisition spend (optionally tagged with a segment); return its id."""
    return conn.execute(
        insert(AcquisitionSpend).returning(AcquisitionSpend.id),
        {
            "spent_on": spent_on,
            "channel": channel,
            "amount_cents": amount_cents,
            "segment": segment,
        },
    ).scalar_one()


# A small book of clients for the Clients, Revenue and Satisfaction topics, with
# P = 2026-Q2 and as_of = 2026-05-15, so t = 2026-05-15; P-1y is cut to
# [2025-04-01, 2025-05-15] and T12 is [2025-05-16, 2026-05-15]. The tests that use
# it write out the hand computation of every figure they assert.
BOOK_AS_OF = dt.date(2026, 5, 15)
BOOK_CLIENTS = {
    # name: (onboarded_on, churned_on, segment, region, owner)
    "A": (dt.date(2025, 1, 10), None, "enterprise", "north", "ann"),
    "B": (dt.date(2025, 6, 1), dt.date(2026, 4, 20), "enterprise", "north", "ann"),
    "C": (dt.date(2026, 4, 1), None, "smb", "south", "bob"),
    "D": (dt.date(2026, 4, 10), dt.date(2026, 5, 1), "smb", "south", "bob"),
    "E": (dt.date(2025, 3, 1), dt.date(2026, 4, 1), "mid_market", "north", "bob"),
    "F": (dt.date(2026, 5, 20), None, "smb", "south", "ann"),
    "G": (dt.date(2024, 1, 1), dt.date(2026, 5, 16), "mid_market", "north", "ann"),
    "H": (dt.date(2024, 1, 1), dt.date(2026, 5, 15), "smb", "south", "bob"),
}
BOOK_INVOICES = [
    # (client, issued_on, cents)
    ("A", dt.date(2025, 4, 10), 100_000),
    ("A", dt.date(2026, 4, 15), 150_000),
    ("B", dt.date(2025, 5, 1), 80_000),
    ("B", dt.date(2026, 4, 5), 30_000),
    ("G", dt.date(2025, 4, 20), 60_000),
    ("H", dt.date(2025, 5, 10), 40_000),
    ("H", dt.date(2026, 5, 1), 50_000),
    ("H", dt.date(2026, 5, 2), -50_000),
    ("C", dt.date(2026, 4, 2), 20_000),
    ("E", dt.date(2025, 4, 1), -10_000),
    ("E", dt.date(2025, 5, 16), 70_000),
    ("D", dt.date(2026, 5, 16), 99_999),
]
BOOK_SURVEYS = [
    # (client, responded_on, kind, score)
    ("A", dt.date(2026, 4, 2), "nps", 10),
    ("A", dt.date(2026, 5, 15), "nps", 9),
    ("C", dt.date(2026, 4, 20), "nps", 10),
    ("C", dt.date(2026, 4, 21), "nps", 8),
    ("H", dt.date(2026, 4, 22), "nps", 6),
    ("B", dt.date(2026, 4, 1), "nps", 0),
    ("G", dt.date(2026, 5, 1), "nps", 7),
    ("G", dt.date(2026, 5, 16), "nps", 10),
    ("G", dt.date(2026, 3, 31), "nps", 3),
    ("A", dt.date(2026, 4, 3), "csat", 5),
    ("C", dt.date(2026, 4, 4), "csat", 4),
    ("H", dt.date(2026, 4, 5), "csat", 3),
    ("B", dt.date(2026, 4, 6), "csat", 1),
    ("B", dt.date(2026, 5, 20), "csat", 5),
]
BOOK_ACQUISITION = [
    # (spent_on, cents, segment)
    (dt.date(2026, 4, 3), 300_000, "smb"),
    (dt.date(2026, 5, 1), 100_000, None),
    (dt.date(2026, 5, 20), 50_000, None),
    (dt.date(2026, 3, 31), 70_000, "smb"),
]


def add_book(conn: Connection) -> dict[str, int]:
    """Insert the book above; return the client ids by name (A..H)."""
    ids = {}
    for name, (onboarded, churned, segment, region, owner) in BOOK_CLIENTS.items():
        ids[name] = add_client(
            conn,
            name,
            onboarded_on=onboarded,
            churned_on=churned,
            segment=segment,
            region=region,
            owner=owner,
        )
    for name, issued_on, cents in BOOK_INVOICES:
        add_invoice(conn, ids[name], issued_on, cents)
    for name, responded_on, kind, score in BOOK_SURVEYS:
        add_survey(conn, ids[name], responded_on, kind, score)
    for spent_on, cents, segment in BOOK_ACQUISITION:
        add_acquisition_spend(conn, spent_on, cents, segment=segment)
    return ids


def add_meeting(
    conn: Connection,
    client_id: int,
    scheduled_start: dt.datetime,
    *,
    status: str = "held",
    planned_minutes: int = 60,
    actual_minutes: int | None = None,
    objectives_set: int | None = None,
    objectives_met: int | None = None,
    cost_cents: int | None = None,
    feedback_score: float | None = None,
    kind: str = "monthly_review",
    attendees: tuple[tuple[str, bool], ...] = (),
) -> int:
    """Insert a meeting (start in naive UTC) and its attendees; return its id.

    `attendees` are (side, attended) pairs. A held meeting without `actual_minutes`
    runs exactly as planned.
    """
    if status == "held" and actual_minutes is None:
        actual_minutes = planned_minutes
    meeting_id = conn.execute(
        insert(Meeting).returning(Meeting.id),
        {
            "external_id": _next_id("M"),
            "client_id": client_id,
            "kind": kind,
            "scheduled_start": scheduled_start,
            "planned_minutes": planned_minutes,
            "status": status,
            "actual_minutes": actual_minutes,
            "objectives_set": objectives_set,
            "objectives_met": objectives_met,
            "cost_cents": cost_cents,
            "feedback_score": feedback_score,
        },
    ).scalar_one()
    for side, attended in attendees:
        add_attendee(conn, meeting_id, side, attended)
    return _refreshed(conn, client_id, meeting_id)


def add_attendee(
    conn: Connection, meeting_id: int, side: str, attended: bool, name: str = ""
) -> int:
    """Insert one invited person (side `client` or `internal`); return its id."""
    attendee_id = conn.execute(
        insert(Attendee).returning(Attendee.id),
        {
            "meeting_id": meeting_id,
            "name": name or _next_id("person"),
            "side": side,
            "attended": attended,
        },
    ).scalar_one()
    client_id = conn.execute(
        select(Meeting.client_id).where(Meeting.id == meeting_id)
    ).scalar_one()
    return _refreshed(conn, client_id, attendee_id)


def add_action_item(
    conn: Connection,
    client_id: int,
    due_on: dt.date,
    *,
    completed_on: dt.date | None = None,
    created_on: dt.date | None = None,
    owner: str = "ann",
    title: str = "Follow up",
    meeting_id: int | None = None,
    visibility: str = "internal",
) -> int:
    """Insert an action item (created on the earlier of due and completion day),
    internal unless `visibility="shared"`, as an import leaves it."""
    if created_on is None:
        created_on = min(d for d in (due_on, completed_on) if d is not None)
    item_id = conn.execute(
        insert(ActionItem).returning(ActionItem.id),
        {
            "external_id": _next_id("A"),
            "client_id": client_id,
            "title": title,
            "owner": owner,
            "created_on": created_on,
            "due_on": due_on,
            "completed_on": completed_on,
            "meeting_id": meeting_id,
            "visibility": visibility,
        },
    ).scalar_one()
    return _refreshed(conn, client_id, item_id)


def add_project(
    conn: Connection,
    client_id: int,
    start_on: dt.date,
    end_on: dt.date,
    budget_cents: int,
    *,
    external_id: str | None = None,
    name: str | None = None,
) -> int:
    """Insert a project with its budget (BAC) in cents; return its id."""
    external_id = external_id or _next_id("P")
    return conn.execute(
        insert(Project).returning(Project.id),
        {
            "external_id": external_id,
            "client_id": client_id,
            "name": name or f"Project {external_id}",
            "start_on": start_on,
            "end_on": end_on,
            "budget_cents": budget_cents,
        },
    ).scalar_one()


def add_spend(
    conn: Connection,
    project_id: int,
    spent_on: dt.date,
    amount_cents: int,
    *,
    category: str = "labor",
) -> int:
    """Insert one day's spend on a project; return its id."""
    row_id = conn.execute(
        insert(Spend).returning(Spend.id),
        {
            "project_id": project_id,
            "spent_on": spent_on,
            "amount_cents": amount_cents,
            "category": category,
        },
    ).scalar_one()
    client_id = conn.execute(
        select(Project.client_id).where(Project.id == project_id)
    ).scalar_one()
    return _refreshed(conn, client_id, row_id)


def add_milestone(
    conn: Connection,
    project_id: int,
    planned_on: dt.date,
    *,
    completed_on: dt.date | None = None,
    weight: float | None = None,
) -> int:
    """Insert a milestone; without `weight` the column takes its default (1)."""
    values = {
        "external_id": _next_id("MS"),
        "project_id": project_id,
        "name": "Milestone",
        "planned_on": planned_on,
        "completed_on": completed_on,
    }
    if weight is not None:
        values["weight"] = weight
    return conn.execute(insert(Milestone).returning(Milestone.id), values).scalar_one()


def command_database(tmp_path, monkeypatch, fill, as_of: dt.date) -> str:
    """A migrated SQLite file filled by `fill(conn)`, and the environment of the
    command line pointed at it (as_of, quiet logs); its URL."""
    url = f"sqlite:///{tmp_path / 'commands.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        fill(conn)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("AS_OF", as_of.isoformat())
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    monkeypatch.delenv("FISCAL_YEAR_START_MONTH", raising=False)
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    return url
