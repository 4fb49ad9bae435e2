"""One client's review quarter, written out by hand, in a migrated SQLite file
that both the dashboard and the `kpis` command read.

2026-Q2, as_of 2026-06-30 (the whole quarter). Acme (C1, enterprise):
- revenue: 1,000.00 in Q2 (2026-04-10), 800.00 in Q1 → +25.0%;
- meetings held in Q2: 2. Client invitees 3 (2 came) and 1 (came): attendance
  3/4 = 75.0%; objectives 3 of 4 and 2 of 2: goal achievement 5/6 = 83.3%;
- NPS answers 10, 9, 6: (2 − 1)/3 × 100 = 33.3, n = 3; no CSAT answer;
- action items due in Q2: 2, one done: completion 50.0%; the other (due
  2026-06-01) is open and overdue: 1;
- project P-ACME 2026-01-01 → 2026-12-31, budget 10,000.00, spent 3,000.00:
  burn 30.0%, 184 days to its end.
Beta (C2, smb): one invoice, no projects, no meetings.
Targets for 2026-Q2: Acme attendance ≥ 0.85 (missed), portfolio NPS ≥ 30
(met), enterprise open overdue ≤ 2 (met, lower is better).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from dashboard.kernel.settings import Settings
from dashboard.services import Services
from data.db import make_engine
from data.models import Target
from tests.factories import (
    add_action_item,
    add_client,
    add_invoice,
    add_meeting,
    add_project,
    add_spend,
    add_survey,
    command_database,
)

D = dt.date
REVIEW_AS_OF = D(2026, 6, 30)
SET_AT = dt.datetime(2026, 6, 1, 9, 30)


def _target(scope, kpi, value, *, client_id=None, segment=None):
    return {
        "scope": scope,
        "client_id": client_id,
        "segment": segment,
        "kpi": kpi,
        "period": "2026-Q2",
        "value": value,
        "note": None,
        "set_by": "mia",
        "set_at": SET_AT,
        "version": 1,
    }


def add_review(conn) -> dict[str, int]:
    """Insert Acme's and Beta's quarter above; the client ids by external id."""
    acme = add_client(
        conn,
        "C1",
        name="Acme",
        segment="enterprise",
        onboarded_on=D(2025, 1, 1),
        owner="ann",
    )
    beta = add_client(conn, "C2", name="Beta", onboarded_on=D(2025, 1, 1), owner="bob")
    add_invoice(conn, acme, D(2026, 4, 10), 100_000)
    add_invoice(conn, acme, D(2026, 1, 15), 80_000)
    add_invoice(conn, beta, D(2026, 4, 12), 50_000)
    add_meeting(
        conn, acme, dt.datetime(2026, 4, 7, 9), objectives_set=4, objectives_met=3,
        attendees=(("client", True), ("client", True), ("client", False)),
    )  # fmt: skip
    add_meeting(
        conn, acme, dt.datetime(2026, 5, 5, 9), objectives_set=2, objectives_met=2,
        attendees=(("client", True),),
    )  # fmt: skip
    for day, score in ((D(2026, 4, 2), 10), (D(2026, 5, 2), 9), (D(2026, 6, 2), 6)):
        add_survey(conn, acme, day, "nps", score)
    add_action_item(
        conn, acme, D(2026, 5, 1), completed_on=D(2026, 4, 30), visibility="shared"
    )
    add_action_item(
        conn, acme, D(2026, 6, 1), created_on=D(2026, 5, 5), visibility="shared"
    )
    project = add_project(
        conn, acme, D(2026, 1, 1), D(2026, 12, 31), 1_000_000,
        external_id="P-ACME", name="Acme rollout",
    )  # fmt: skip
    add_spend(conn, project, D(2026, 3, 1), 100_000)
    add_spend(conn, project, D(2026, 5, 1), 200_000)
    conn.execute(
        insert(Target),
        [
            _target("client", "attendance_rate", 0.85, client_id=acme),
            _target("portfolio", "nps", 30.0),
            _target("segment", "open_overdue", 2.0, segment="enterprise"),
        ],
    )
    return {"C1": acme, "C2": beta}


@pytest.fixture
def review_url(tmp_path, monkeypatch) -> str:
    """The migrated SQLite file with the review quarter; the environment of the
    `kpis` command points at it."""
    return command_database(tmp_path, monkeypatch, add_review, REVIEW_AS_OF)


@pytest.fixture
def review(review_url) -> Services:
    """Services on the review database (every client in scope)."""
    settings = Settings(
        database_url=review_url, as_of=REVIEW_AS_OF, load_demo_data=False
    )
    return Services(settings=settings, engine=make_engine(review_url))
