"""The same demo data gives the same KPI report on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import math
import uuid

import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import cohort_retention, kpi_report
from data.db import make_engine
from data.demo.generate import generate_demo_data
from data.models import Base
from tests.conftest import POSTGRES_URL, drop_postgres_schema, skip_or_fail

AS_OF = dt.date(2026, 11, 23)
TIMEZONE = "Europe/Berlin"
SETTINGS = Settings(as_of=AS_OF, timezone=TIMEZONE, gross_margin=0.7)
PERIODS = ("2026-Q4", "2026-Q3", "2025-Q2", "2025")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_engines(tmp_path_factory):
    """A `medium` demo database on SQLite and on PostgreSQL, same seed and end."""
    if not POSTGRES_URL:
        skip_or_fail("TEST_DATABASE_URL is not set: backend comparison skipped")
    sqlite = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    postgres = make_engine(POSTGRES_URL)
    with postgres.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    postgres.dispose()
    separator = "&" if "?" in POSTGRES_URL else "?"
    postgres = make_engine(f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}")
    for engine in (sqlite, postgres):
        Base.metadata.create_all(engine)
        generate_demo_data(engine, size="medium", seed=7, end=AS_OF, timezone=TIMEZONE)
    yield sqlite, postgres
    sqlite.dispose()
    drop_postgres_schema(postgres, schema)


def assert_same(left, right, path="report"):
    """Equal structure; numbers equal to 9 significant digits."""
    if isinstance(left, dict):
        assert list(left) == list(right), path
        for key in left:
            assert_same(left[key], right[key], f"{path}.{key}")
    elif isinstance(left, float) or isinstance(right, float):
        assert left is not None and right is not None, path
        assert math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-12), (
            path,
            left,
            right,
        )
    else:
        assert left == right, path


def report(engine, filters: Filters) -> dict:
    with engine.connect() as conn:
        return kpi_report(
            conn, settings=SETTINGS, filters=filters, scope=Scope.everything()
        )


@pytest.mark.parametrize("label", PERIODS)
def test_kpi_report_is_the_same_on_both_backends(demo_engines, label):
    sqlite, postgres = demo_engines
    filters = Filters(parse_period(label))
    on_sqlite = report(sqlite, filters)
    assert on_sqlite["active_clients"] > 0 and on_sqlite["revenue"] > 0
    assert_same(on_sqlite, report(postgres, filters))


def test_filtered_report_and_cohorts_are_the_same(demo_engines):
    sqlite, postgres = demo_engines
    filters = Filters(parse_period("2026-Q4"), segment="mid_market")
    assert_same(report(sqlite, filters), report(postgres, filters))
    matrices = []
    for engine in (sqlite, postgres):
        with engine.connect() as conn:
            matrices.append(
                cohort_retention(
                    conn, settings=SETTINGS, filters=filters, scope=Scope.everything()
                )
            )
    assert matrices[0].equals(matrices[1])
    assert matrices[0].index[-1] == "2026-Q4"
    assert matrices[0].loc["2026-Q3", 0] > 0
