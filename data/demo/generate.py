"""Fill a database with deterministic demo data covering three years."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine

from data.demo.calendar import Window
from data.demo.clients import make_clients
from data.demo.delivery import make_projects, milestone_columns, spend_batches
from data.demo.followups import action_item_columns
from data.demo.meetings import attendee_batches, make_meetings
from data.demo.revenue import acquisition_columns, invoice_columns
from data.demo.surveys import survey_columns
from data.demo.targets import target_columns
from data.demo.writer import (
    Progress,
    delete_entities,
    holds_clients,
    insert_batches,
    insert_columns,
    reset_sequences,
)
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
    Target,
)
from data.rollups import refresh_rollups
from data.statistics import analyze_tables
from data.version import bump_data_version


class DemoDataError(ValueError):
    """Demo data cannot be written; the message is one line."""


@dataclass(frozen=True)
class DemoSize:
    """How much demo data to make."""

    clients: int


DEMO_SIZES: dict[str, DemoSize] = {
    "small": DemoSize(clients=60),
    "medium": DemoSize(clients=600),
    "large": DemoSize(clients=10_000),
}
TOPICS = ("clients", "revenue", "meetings", "attendees", "followups", "delivery")
TOPICS += ("spend", "milestones", "surveys", "acquisition", "targets")


def generate_demo_data(
    engine: Engine,
    *,
    size: str,
    seed: int = 42,
    end: dt.date,
    timezone: str = "UTC",
    replace: bool = False,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write demo data for the three years up to `end`; return rows per table."""
    if size not in DEMO_SIZES:
        choices = ", ".join(DEMO_SIZES)
        raise DemoDataError(f"unknown demo data size {size!r}; use one of {choices}")
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise DemoDataError(f"unknown time zone {timezone!r}") from None
    window = Window.ending(end)
    children = np.random.SeedSequence(seed).spawn(len(TOPICS))
    rng = {
        topic: np.random.default_rng(child)
        for topic, child in zip(TOPICS, children, strict=True)
    }
    rows: dict[str, int] = {}
    with engine.begin() as conn:
        if holds_clients(conn):
            if not replace:
                raise DemoDataError(
                    "the database already holds clients; replace them or use an"
                    " empty database"
                )
            delete_entities(conn)

        def write(table, columns) -> None:
            rows[table.name] = insert_columns(conn, table, columns, progress)

        def write_batches(table, batches) -> None:
            rows[table.name] = insert_batches(conn, table, batches, progress)

        clients = make_clients(rng["clients"], DEMO_SIZES[size].clients, window)
        write(Client.__table__, clients.rows())
        write(Invoice.__table__, invoice_columns(rng["revenue"], clients, window))
        meetings = make_meetings(rng["meetings"], clients, window, timezone)
        write(Meeting.__table__, meetings.columns)
        write_batches(
            Attendee.__table__, attendee_batches(rng["attendees"], meetings, clients)
        )
        write(
            ActionItem.__table__,
            action_item_columns(rng["followups"], meetings, clients, window),
        )
        projects = make_projects(rng["delivery"], clients, window)
        write(Project.__table__, projects.columns)
        write_batches(
            Spend.__table__, spend_batches(rng["spend"], projects, clients, window)
        )
        write(
            Milestone.__table__,
            milestone_columns(rng["milestones"], projects, clients, window),
        )
        write(
            SurveyResponse.__table__,
            survey_columns(rng["surveys"], clients, meetings, window),
        )
        write(
            AcquisitionSpend.__table__,
            acquisition_columns(rng["acquisition"], clients, window),
        )
        write(Target.__table__, target_columns(rng["targets"], clients, window))
        reset_sequences(conn)
        refresh_rollups(conn, None, timezone=timezone)
        analyze_tables(conn)
        bump_data_version(conn)
    return rows
