"""An import refreshes the rollups of the clients its rows touch, before and after:
the result equals a rebuild of every client's."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import data.importer.run as run_module
from data.importer import import_files
from data.models import Client
from data.models.rollups import ROLLUP_TABLES
from data.rollups import refresh_rollups
from tests.data.import_helpers import csv_bytes, sample_files


def _rows(conn) -> dict[str, list[tuple]]:
    """Every rollup row, without its surrogate id, sorted."""
    return {
        table.name: sorted(
            tuple(row)
            for row in conn.execute(select(*[c for c in table.c if c.name != "id"]))
        )
        for table in ROLLUP_TABLES
    }


def rollups(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return _rows(conn)


def rebuilt(engine) -> dict[str, list[tuple]]:
    """The rollups as a rebuild of every client would have them (not kept)."""
    with engine.connect() as conn, conn.begin() as transaction:
        refresh_rollups(conn, None)
        result = _rows(conn)
        transaction.rollback()
    return result


@pytest.fixture
def refreshed(monkeypatch) -> list[set[int] | None]:
    """The client ids of each import's rollup refresh (None: all)."""
    calls: list[set[int] | None] = []
    real = run_module.refresh_rollups

    def recording(conn, ids, **kwargs):
        calls.append(None if ids is None else set(ids))
        return real(conn, ids, **kwargs)

    monkeypatch.setattr(run_module, "refresh_rollups", recording)
    return calls


def client_ids(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(Client.external_id, Client.id)).all())


def test_an_import_refreshes_the_clients_its_rows_move(engine, refreshed):
    import_files(engine, sample_files(), timezone="UTC")
    refreshed.clear()
    # INV-1002 moves from C-001 to C-003; M-003 (C-002's) loses 王伟; M-005
    # (C-003's) is given to C-004 with its attendee list unchanged.
    files = {
        "invoices.csv": csv_bytes(
            "external_id,client_external_id,issued_on,amount,product",
            "INV-1002,C-003,2025-02-28,12500.00,Platform licence",
        ),
        "attendees.csv": csv_bytes(
            "meeting_external_id,name,side,attended",
            "M-003,Wei Zhang,internal,true",
            "M-003,李娜,client,true",
        ),
    }
    import_files(engine, files, timezone="UTC")
    ids = client_ids(engine)
    assert refreshed == [{ids["C-001"], ids["C-003"], ids["C-002"]}]
    assert rollups(engine) == rebuilt(engine)

    meetings = sample_files()["meetings.csv"].replace(b"M-005,C-003", b"M-005,C-004")
    import_files(engine, {"meetings.csv": meetings}, timezone="UTC")
    # Every meeting of the file names its client; M-005 was C-003's before.
    assert refreshed[-1] == {ids["C-001"], ids["C-002"], ids["C-003"], ids["C-004"]}
    assert rollups(engine) == rebuilt(engine)


def test_an_import_of_new_clients_and_their_rows_refreshes_them(engine, refreshed):
    import_files(engine, sample_files(), timezone="UTC")
    # Clients new in the same import: their rows resolve once they are written.
    assert refreshed == [set(client_ids(engine).values())]
    assert rollups(engine) == rebuilt(engine)
    assert any(rollups(engine).values())
