"""The database itself refuses rows that break DATA.md's rules (one test per rule)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

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

D = dt.date


def valid_rows() -> dict:
    """One valid row per table, linked by ids 1."""
    return {
        Client: {
            "id": 1,
            "external_id": "C1",
            "name": "Acme",
            "segment": "smb",
            "onboarded_on": D(2025, 1, 1),
        },
        Invoice: {
            "id": 1,
            "external_id": "I1",
            "client_id": 1,
            "issued_on": D(2025, 2, 1),
            "amount_cents": -500,
        },
        Meeting: {
            "id": 1,
            "external_id": "M1",
            "client_id": 1,
            "kind": "qbr",
            "scheduled_start": dt.datetime(2025, 3, 1, 9),
            "planned_minutes": 60,
            "status": "held",
            "actual_minutes": 70,
            "objectives_set": 3,
            "objectives_met": 2,
            "feedback_score": 4,
        },
        Attendee: {
            "id": 1,
            "meeting_id": 1,
            "name": "Ann",
            "side": "client",
            "attended": True,
        },
        ActionItem: {
            "id": 1,
            "external_id": "A1",
            "client_id": 1,
            "title": "Send deck",
            "owner": "Bo",
            "created_on": D(2025, 3, 1),
            "due_on": D(2025, 3, 8),
        },
        Project: {
            "id": 1,
            "external_id": "P1",
            "client_id": 1,
            "name": "Rollout",
            "start_on": D(2025, 1, 1),
            "end_on": D(2025, 6, 30),
            "budget_cents": 100_000,
        },
        Spend: {
            "id": 1,
            "project_id": 1,
            "spent_on": D(2025, 2, 1),
            "amount_cents": 1000,
            "category": "labor",
        },
        Milestone: {
            "id": 1,
            "external_id": "MS1",
            "project_id": 1,
            "name": "Kick-off",
            "planned_on": D(2025, 1, 15),
            "weight": 1.0,
        },
        SurveyResponse: {
            "id": 1,
            "external_id": "S1",
            "client_id": 1,
            "responded_on": D(2025, 3, 2),
            "kind": "nps",
            "score": 9,
        },
        AcquisitionSpend: {
            "id": 1,
            "spent_on": D(2025, 1, 1),
            "channel": "events",
            "amount_cents": 20_000,
            "segment": "smb",
        },
    }


def insert_with(engine, model, changes: dict) -> None:
    """Insert the valid rows, with `changes` applied to `model`'s row."""
    rows = valid_rows()
    rows[model] = {**rows[model], **changes}
    with engine.begin() as conn:
        for table_model, row in rows.items():
            conn.execute(insert(table_model), [row])


def test_valid_rows_are_accepted(engine):
    insert_with(engine, Client, {})


RULES = [
    ("client segment must be known", Client, {"segment": "startup"}),
    ("client name required", Client, {"name": None}),
    ("onboarded_on required", Client, {"onboarded_on": None}),
    ("churned_on after onboarded_on", Client, {"churned_on": D(2025, 1, 1)}),
    ("churn_reason only with churned_on", Client, {"churn_reason": "price"}),
    ("invoice needs an existing client", Invoice, {"client_id": 99}),
    ("invoice amount required", Invoice, {"amount_cents": None}),
    ("meeting kind must be known", Meeting, {"kind": "party"}),
    ("meeting status must be known", Meeting, {"status": "done"}),
    ("held meeting needs actual_minutes", Meeting, {"actual_minutes": None}),
    (
        "actual_minutes empty unless held",
        Meeting,
        {"status": "cancelled", "actual_minutes": 30},
    ),
    ("objectives_met <= objectives_set", Meeting, {"objectives_met": 4}),
    ("feedback at most 5", Meeting, {"feedback_score": 6}),
    ("feedback at least 1", Meeting, {"feedback_score": 0}),
    ("meeting needs an existing client", Meeting, {"client_id": 99}),
    ("attendee side must be known", Attendee, {"side": "vendor"}),
    ("attendee needs an existing meeting", Attendee, {"meeting_id": 99}),
    ("attended required", Attendee, {"attended": None}),
    ("due_on on or after created_on", ActionItem, {"due_on": D(2025, 2, 28)}),
    (
        "completed_on on or after created_on",
        ActionItem,
        {"completed_on": D(2025, 2, 28)},
    ),
    ("action item owner required", ActionItem, {"owner": None}),
    ("project end_on on or after start_on", Project, {"end_on": D(2024, 12, 31)}),
    ("project budget above 0", Project, {"budget_cents": 0}),
    ("spend category must be known", Spend, {"category": "food"}),
    ("spend needs an existing project", Spend, {"project_id": 99}),
    ("milestone weight above 0", Milestone, {"weight": 0}),
    ("survey kind must be known", SurveyResponse, {"kind": "ces"}),
    ("nps score at most 10", SurveyResponse, {"score": 11}),
    ("csat score at least 1", SurveyResponse, {"kind": "csat", "score": 0}),
    ("csat score at most 5", SurveyResponse, {"kind": "csat", "score": 6}),
    ("acquisition segment must be known", AcquisitionSpend, {"segment": "huge"}),
]


@pytest.mark.parametrize(("rule", "model", "changes"), RULES, ids=[r[0] for r in RULES])
def test_rule_is_enforced(engine, rule, model, changes):
    with pytest.raises(IntegrityError):
        insert_with(engine, model, changes)


@pytest.mark.parametrize(
    "model", [Client, Invoice, Meeting, ActionItem, Project, Milestone, SurveyResponse]
)
def test_external_id_is_unique_per_entity(engine, model):
    insert_with(engine, Client, {})
    duplicate = {**valid_rows()[model], "id": 2}
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(model), [duplicate])


def test_same_person_twice_on_one_meeting_is_refused(engine):
    insert_with(engine, Client, {})
    duplicate = {**valid_rows()[Attendee], "id": 2}
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(Attendee), [duplicate])


def test_a_rejected_row_leaves_nothing_behind(engine):
    with pytest.raises(IntegrityError):
        insert_with(engine, Spend, {"category": "food"})
    with engine.connect() as conn:
        assert conn.execute(Client.__table__.select()).all() == []
