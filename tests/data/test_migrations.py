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
        ("clients", "name"),  # the client picker's first options by name
        ("meetings", "client_id"),
        ("meetings", "scheduled_start"),
        ("invoices", "client_id"),
        ("action_items", "client_id"),
        ("spend", "project_id"),
    ]:
        assert expected in indexed, expected


def test_head_revision_is_the_newest_script(empty_engine):
    from alembic.script import ScriptDirectory

    from data.db import HEAD_REVISION, alembic_config, current_revision

    scripts = ScriptDirectory.from_config(alembic_config(empty_engine))
    assert scripts.get_heads() == [HEAD_REVISION]
    assert current_revision(empty_engine) is None  # nothing migrated yet
    upgrade(empty_engine)
    assert current_revision(empty_engine) == HEAD_REVISION


def test_a_database_one_migration_behind_is_brought_up_to_date(empty_engine):
    from alembic import command

    from data.db import HEAD_REVISION, alembic_config, current_revision

    command.upgrade(alembic_config(empty_engine), "0002")
    assert current_revision(empty_engine) == "0002"
    assert "users" not in inspect(empty_engine).get_table_names()
    upgrade(empty_engine)
    assert current_revision(empty_engine) == HEAD_REVISION
    assert "users" in inspect(empty_engine).get_table_names()
