"""A tiny portfolio for callback tests, computed by hand in the tests' comments."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from dashboard.kernel.settings import Settings
from dashboard.services import Services
from data.models import ActionItem, Client, Meeting
from tests.callbacks.client_review import review, review_url  # noqa: F401 (fixtures)

D = dt.date
AS_OF = D(2026, 8, 15)


def _client(cid, external_id, name, onboarded, churned=None, region="EMEA"):
    return {
        "id": cid,
        "external_id": external_id,
        "name": name,
        "segment": "smb",
        "region": region,
        "owner": "Ann",
        "onboarded_on": onboarded,
        "churned_on": churned,
    }


def _meeting(mid, client_id, start, status):
    return {
        "id": mid,
        "external_id": f"M{mid}",
        "client_id": client_id,
        "kind": "monthly_review",
        "scheduled_start": start,
        "planned_minutes": 60,
        "status": status,
        "actual_minutes": 60 if status == "held" else None,
    }


def _item(aid, client_id, created, completed):
    return {
        "id": aid,
        "external_id": f"A{aid}",
        "client_id": client_id,
        "title": "Follow up",
        "owner": "Ann",
        "created_on": created,
        "due_on": created + dt.timedelta(days=7),
        "completed_on": completed,
    }


@pytest.fixture
def services(engine) -> Services:
    """C1 Acme (since 2025), C2 Beta (2025-06-01 → churned 2026-08-01), C3 Gamma
    (from 2026-09-01, after as_of); a few meetings and action items."""
    with engine.begin() as conn:
        conn.execute(
            insert(Client),
            [
                _client(1, "C1", "Acme", D(2025, 1, 1)),
                _client(2, "C2", "Beta", D(2025, 6, 1), D(2026, 8, 1)),
                _client(3, "C3", "Gamma", D(2026, 9, 1), region="APAC"),
            ],
        )
        conn.execute(
            insert(Meeting),
            [
                _meeting(1, 1, dt.datetime(2026, 7, 10, 9), "held"),
                _meeting(2, 1, dt.datetime(2026, 7, 11, 9), "cancelled"),
                _meeting(3, 2, dt.datetime(2026, 8, 1, 9), "held"),
                _meeting(4, 1, dt.datetime(2026, 6, 30, 9), "held"),
            ],
        )
        conn.execute(
            insert(ActionItem),
            [
                _item(1, 1, D(2026, 7, 1), None),
                _item(2, 1, D(2026, 7, 1), D(2026, 8, 10)),
            ],
        )
    settings = Settings(as_of=AS_OF, load_demo_data=False)
    return Services(settings=settings, engine=engine)
