"""The tutorial app's data: every table read into pandas once, masked per request.

`load_frames` reads every data table into a DataFrame at start; `select` narrows
the frames to the filters' clients; `spans` gives the windows of P and P-1 by the
project's period arithmetic (METRICS.md, Time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import create_engine

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Period
from dashboard.kernel.windows import Window

TABLES: dict[str, list[str]] = {
    "clients": ["onboarded_on", "churned_on"],
    "invoices": ["issued_on"],
    "survey_responses": ["responded_on"],
    "acquisition_spend": ["spent_on"],
    "meetings": ["scheduled_start"],
    "attendees": [],
    "action_items": ["created_on", "due_on", "completed_on"],
    "projects": ["start_on", "end_on"],
    "spend": ["spent_on"],
    "milestones": ["planned_on", "completed_on"],
}
Frames = dict[str, pd.DataFrame]


def load_frames(database_url: str) -> Frames:
    """Every data table as a DataFrame (dates as datetime64), read once."""
    engine = create_engine(database_url)
    frames = {}
    with engine.connect() as conn:
        for table, dates in TABLES.items():
            frame = pd.read_sql_query(f"SELECT * FROM {table}", conn)
            for column in dates:
                frame[column] = pd.to_datetime(frame[column])
            frames[table] = frame
    engine.dispose()
    return frames


def day(value: dt.date) -> pd.Timestamp:
    """A date as the frames' timestamps."""
    return pd.Timestamp(value)


def select(frames: Frames, filters: Filters) -> Frames:
    """The frames narrowed to the filters' clients (every viewer sees everything)."""
    clients = frames["clients"]
    mask = pd.Series(True, index=clients.index)
    if filters.clients:
        mask &= clients["external_id"].isin(filters.clients)
    for column in ("segment", "region", "owner"):
        if (value := getattr(filters, column)) is not None:
            mask &= clients[column] == value
    chosen = clients[mask]
    ids = chosen["id"]
    meetings = frames["meetings"][frames["meetings"]["client_id"].isin(ids)]
    projects = frames["projects"][frames["projects"]["client_id"].isin(ids)]
    return {
        "clients": chosen,
        "invoices": frames["invoices"][frames["invoices"]["client_id"].isin(ids)],
        "survey_responses": frames["survey_responses"][
            frames["survey_responses"]["client_id"].isin(ids)
        ],
        "acquisition_spend": frames["acquisition_spend"],
        "meetings": meetings,
        "attendees": frames["attendees"][
            frames["attendees"]["meeting_id"].isin(meetings["id"])
        ],
        "action_items": frames["action_items"][
            frames["action_items"]["client_id"].isin(ids)
        ],
        "projects": projects,
        "spend": frames["spend"][frames["spend"]["project_id"].isin(projects["id"])],
        "milestones": frames["milestones"][
            frames["milestones"]["project_id"].isin(projects["id"])
        ],
    }


@dataclass(frozen=True)
class Span:
    """One computation: the window counted, its year-earlier window, as_of."""

    window: Window
    year_earlier: Window
    as_of: dt.date


def spans(period: Period, as_of: dt.date) -> tuple[Span, Span]:
    """P (to date) and P-1 cut to as many days, as METRICS.md's Time section says."""
    current = Span(period.window(as_of), period.year_earlier_window(as_of), as_of)
    previous_window = period.previous_window(as_of)
    previous = Span(
        previous_window, period.previous().year_earlier_of(previous_window), as_of
    )
    return current, previous
