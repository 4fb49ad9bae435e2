"""The targets migration: existing action items become internal, and the
table's rules (one scope, one target per key) hold in the database itself."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from data.db import alembic_config, upgrade
from data.models import ActionItem, Client, Target

AT = dt.datetime(2026, 11, 30, 9, 0)


def _target(**values) -> dict:
    row = {"kpi": "nps", "period": "2026-Q4", "value": 30.0, "set_by": "ann"}
    return row | {"set_at": AT, "version": 1} | values


def test_items_existing_before_the_migration_become_internal(empty_engine):
    command.upgrade(alembic_config(empty_engine), "0004")
    with empty_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO clients (id, external_id, name, segment, onboarded_on)"
                " VALUES (1, 'C1', 'Acme', 'smb', '2024-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO action_items (external_id, client_id, title, owner,"
                " created_on, due_on) VALUES ('A1', 1, 'Send deck', 'Ann',"
                " '2025-01-01', '2025-01-10')"
            )
        )
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        assert conn.execute(select(ActionItem.visibility)).scalars().all() == [
            "internal"
        ]


def _one_client(engine) -> None:
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(Client).values(
                id=1,
                external_id="C1",
                name="Acme",
                segment="smb",
                onboarded_on=dt.date(2024, 1, 1),
            )
        )


@pytest.mark.parametrize(
    "row",
    [
        {"scope": "client", "client_id": 1, "segment": "smb"},
        {"scope": "client", "client_id": None},
        {"scope": "segment", "segment": None},
        {"scope": "portfolio", "segment": "smb"},
        {"scope": "portfolio", "client_id": 1},
        {"scope": "segment", "segment": "tiny"},
        {"scope": "portfolio", "version": 0},
    ],
)
def test_a_target_for_not_exactly_one_scope_is_refused(empty_engine, row):
    _one_client(empty_engine)
    with pytest.raises(IntegrityError), empty_engine.begin() as conn:
        conn.execute(insert(Target).values(_target(**row)))


@pytest.mark.parametrize(
    "row",
    [
        {"scope": "portfolio"},
        {"scope": "segment", "segment": "smb"},
        {"scope": "client", "client_id": 1},
    ],
)
def test_a_second_target_for_the_same_key_is_refused(empty_engine, row):
    _one_client(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(insert(Target).values(_target(**row)))
        # Another period or KPI for the same scope is a different target.
        conn.execute(insert(Target).values(_target(**row, period="2027-Q1")))
        conn.execute(insert(Target).values(_target(**row, kpi="csat")))
    with pytest.raises(IntegrityError), empty_engine.begin() as conn:
        conn.execute(insert(Target).values(_target(**row, value=40.0)))
    with empty_engine.connect() as conn:
        assert conn.execute(select(Target.value)).scalars().all() == [30.0] * 3


def test_the_migration_can_be_undone_and_done_again(empty_engine):
    from sqlalchemy import inspect

    from data.db import HEAD_REVISION, current_revision

    upgrade(empty_engine)
    command.downgrade(alembic_config(empty_engine), "0004")
    inspector = inspect(empty_engine)
    assert "targets" not in inspector.get_table_names()
    assert "visibility" not in {
        c["name"] for c in inspector.get_columns("action_items")
    }
    upgrade(empty_engine)
    assert current_revision(empty_engine) == HEAD_REVISION
