"""Shared fixtures: a fresh database per test on SQLite and, when set, PostgreSQL."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import Engine, text

from dashboard.kernel.settings import Settings
from data.db import make_engine
from data.models import Base

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
# .ci/run sets this so that a skipped PostgreSQL or browser test fails the run.
REQUIRE_ALL = os.environ.get("REQUIRE_ALL_TESTS", "") == "1"
BACKENDS = ("sqlite", "postgresql")


def skip_or_fail(reason: str) -> None:
    """Skip with a visible reason, or fail when the CI run demands every test."""
    if REQUIRE_ALL:
        pytest.fail(f"required test could not run: {reason}")
    pytest.skip(reason)


def _postgres_schema_engine(schema: str) -> Engine:
    base = make_engine(POSTGRES_URL)
    with base.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    base.dispose()
    url = POSTGRES_URL + ("&" if "?" in POSTGRES_URL else "?")
    return make_engine(url + f"options=-csearch_path%3D{schema}")


def drop_postgres_schema(engine: Engine, schema: str) -> None:
    """Remove a test's schema and close its connections."""
    engine.dispose()
    base = make_engine(POSTGRES_URL)
    with base.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    base.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Each database test runs once per backend."""
    if request.param == "postgresql" and not POSTGRES_URL:
        skip_or_fail("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    return request.param


@pytest.fixture
def empty_engine(backend, tmp_path):
    """A fresh, empty database with no tables (for migration tests)."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        yield engine
        engine.dispose()
    else:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        engine = _postgres_schema_engine(schema)
        yield engine
        drop_postgres_schema(engine, schema)


@pytest.fixture
def engine(empty_engine):
    """A fresh database with the full schema, per test, on each backend."""
    Base.metadata.create_all(empty_engine)
    return empty_engine


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings for tests: fixed as_of, UTC, SQLite in the test's folder."""
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        as_of=None,
        load_demo_data=False,
    )
