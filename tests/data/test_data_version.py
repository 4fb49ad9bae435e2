"""The data version goes up with every write of the data, in the write's transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.reports.commentary import ReportKey, save_commentary
from data.demo.generate import generate_demo_data
from data.version import bump_data_version, data_version


def version(engine) -> int:
    with engine.connect() as conn:
        return data_version(conn)


def test_a_bump_adds_one_and_a_rolled_back_bump_does_not(engine):
    assert version(engine) == 0
    with engine.begin() as conn:
        assert bump_data_version(conn) == 1
    with pytest.raises(RuntimeError), engine.begin() as conn:
        bump_data_version(conn)
        raise RuntimeError("the write fails")
    assert version(engine) == 1


def test_demo_data_and_report_comments_bump_the_version(engine):
    generate_demo_data(engine, size="small", seed=7, end=dt.date(2026, 11, 15))
    assert version(engine) == 1
    with engine.begin() as conn:
        save_commentary(
            conn,
            ReportKey("C-0001", "2026-Q3", "client", "en"),
            {"summary": "A good quarter."},
            by="admin",
            at=dt.datetime(2026, 11, 15, 9),
        )
    assert version(engine) == 2


def test_a_migrated_database_starts_at_version_zero(empty_engine):
    from data.db import upgrade

    upgrade(empty_engine)
    assert version(empty_engine) == 0
