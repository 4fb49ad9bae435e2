"""`python -m dashboard rollups --rebuild`, and the rollups an import leaves."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, text

from dashboard.cli import main
from data.db import make_engine
from data.models import RollupMeetings, RollupRevenue, RollupSurveys
from data.queries.rollups import rollup_timezone
from data.version import data_version
from tests.data.import_helpers import SAMPLE


@pytest.fixture
def database(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TIMEZONE", "Europe/Berlin")
    return url


def _rollups(url: str) -> tuple:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = tuple(
            sorted(tuple(row) for row in conn.execute(select(table.__table__)))
            for table in (RollupMeetings, RollupRevenue, RollupSurveys)
        )
        state = (rollup_timezone(conn), data_version(conn))
        analysed = conn.execute(
            text("SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl")
        ).scalars()
        analysed = set(analysed)
    engine.dispose()
    return rows, state, analysed


def test_an_import_leaves_the_rollups_a_rebuild_would_make(database, capsys):
    assert main(["import", str(SAMPLE)]) == 0
    imported, (timezone, version), analysed = _rollups(database)
    assert timezone == "Europe/Berlin"
    assert all(imported), "the sample fills every rollup"
    assert {"attendees", "meetings", "rollup_meetings", "invoices"} <= analysed
    capsys.readouterr()
    assert main(["rollups", "--rebuild"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(
        r"rollups rebuilt \(meeting days in Europe/Berlin\) in \d+\.\d s\n", out
    )
    rebuilt, (_, rebuilt_version), _ = _rollups(database)
    assert rebuilt == imported
    assert rebuilt_version == version + 1


def test_rollups_without_rebuild_says_what_to_do(database, capsys):
    assert main(["rollups"]) == 2
    assert "say --rebuild" in capsys.readouterr().err
