"""The rollups migration fills the rollups from the rows a database already holds,
with meeting days in the environment's TIMEZONE, and can be undone."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import inspect, select, text

from data.db import alembic_config, upgrade
from data.models import (
    RollupActionItems,
    RollupMeetings,
    RollupRevenue,
    RollupSpend,
    RollupSpendCategories,
)
from data.queries.rollups import rollup_timezone

ROWS = (
    "INSERT INTO clients (id, external_id, name, segment, onboarded_on)"
    " VALUES (1, 'C1', 'Acme', 'smb', '2024-01-01')",
    "INSERT INTO invoices (external_id, client_id, issued_on, amount_cents)"
    " VALUES ('I1', 1, '2026-03-05', 1200), ('I2', 1, '2026-03-20', -200)",
    # 23:30 UTC on 31 March is 1 April in Berlin (UTC+2 in summer time).
    "INSERT INTO meetings (id, external_id, client_id, kind, scheduled_start,"
    " planned_minutes, status, actual_minutes) VALUES (1, 'M1', 1, 'qbr',"
    " '2026-03-31 23:30:00.000000', 60, 'held', 60)",
    "INSERT INTO action_items (external_id, client_id, title, owner, created_on,"
    " due_on, completed_on, visibility) VALUES ('A1', 1, 'Deck', 'ann',"
    " '2026-03-01', '2026-03-10', '2026-03-09', 'shared')",
    "INSERT INTO projects (id, external_id, client_id, name, start_on, end_on,"
    " budget_cents) VALUES (1, 'P1', 1, 'Rollout', '2026-03-01', '2026-06-30',"
    " 900000)",
    "INSERT INTO spend (project_id, spent_on, amount_cents, category) VALUES"
    " (1, '2026-03-05', 30000, 'labor'), (1, '2026-03-05', 5000, 'travel'),"
    " (1, '2026-03-20', 10000, 'labor'), (1, '2026-04-02', 7000, 'labor')",
)


def test_an_upgraded_database_has_its_rollups_at_once(empty_engine, monkeypatch):
    monkeypatch.setenv("TIMEZONE", "Europe/Berlin")
    command.upgrade(alembic_config(empty_engine), "0008_data_version")
    with empty_engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
    upgrade(empty_engine)
    month = dt.date
    with empty_engine.connect() as conn:
        assert rollup_timezone(conn) == "Europe/Berlin"
        revenue = select(RollupRevenue.day, RollupRevenue.amount_cents).where(
            RollupRevenue.grain == 0
        )
        assert conn.execute(revenue).all() == [(month(2026, 3, 1), 1000)]
        meetings = select(RollupMeetings.grain, RollupMeetings.day)
        assert sorted(conn.execute(meetings).all()) == [
            (0, month(2026, 4, 1)),
            (1, month(2026, 4, 1)),
        ]
        items = select(RollupActionItems.due, RollupActionItems.shared_on_time).where(
            RollupActionItems.grain == 0
        )
        assert conn.execute(items).all() == [(1, 1)]
        spend = select(
            RollupSpend.grain, RollupSpend.day, RollupSpend.amount_cents
        ).where(RollupSpend.project_id == 1)
        assert sorted(conn.execute(spend).all()) == [
            (0, month(2026, 3, 1), 45000),
            (0, month(2026, 4, 1), 7000),
            (1, month(2026, 3, 5), 35000),
            (1, month(2026, 3, 20), 10000),
            (1, month(2026, 4, 2), 7000),
        ]
        categories = select(
            RollupSpendCategories.day,
            RollupSpendCategories.category,
            RollupSpendCategories.amount_cents,
        ).where(RollupSpendCategories.grain == 0)
        assert sorted(conn.execute(categories).all()) == [
            (month(2026, 3, 1), "labor", 40000),
            (month(2026, 3, 1), "travel", 5000),
            (month(2026, 4, 1), "labor", 7000),
        ]


def test_the_rollups_migration_can_be_undone(empty_engine):
    upgrade(empty_engine)
    command.downgrade(alembic_config(empty_engine), "0008_data_version")
    tables = set(inspect(empty_engine).get_table_names())
    assert not {name for name in tables if name.startswith("rollup")}
    upgrade(empty_engine)
    assert "rollup_meetings" in inspect(empty_engine).get_table_names()
