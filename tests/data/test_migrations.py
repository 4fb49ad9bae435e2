"""Migrations build the same schema as the models, and running them twice is safe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from data.db import is_empty, upgrade
from data.models import ENTITY_TABLES, Base


def test_upgrade_creates_every_table_and_is_idempotent(empty_engine):
    upgrade(empty_engine)
    upgrade(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {table.name for table in ENTITY_TABLES} <= tables
    assert "alembic_version" in tables
    assert is_empty(empty_engine)


def test_migrated_schema_matches_the_models(empty_engine):
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_filter_columns_are_indexed(empty_engine):
    upgrade(empty_engine)
    inspector = inspect(empty_engine)
    indexed = {
        (table, column)
        for table in ("clients", "meetings", "invoices", "action_items", "spend")
        for index in inspector.get_indexes(table)
        for column in index["column_names"][:1]
    }
    for expected in [
        ("clients", "segment"),
        ("clients", "region"),
        ("clients", "owner"),
        ("meetings", "client_id"),
        ("meetings", "scheduled_start"),
        ("invoices", "client_id"),
        ("action_items", "client_id"),
        ("spend", "project_id"),
    ]:
        assert expected in indexed, expected
