"""A run's process (run in this process here): cancel mid-run writes nothing,
a run cancelled before it starts never starts, files are deleted when no longer
needed, silent runs are marked failed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, update

from dashboard.kernel.settings import Settings
from dashboard.uploads import job
from dashboard.uploads.runs import cancel_run, create_run, get_run, sweep
from data.models import ImportRun
from tests.data.import_helpers import csv_bytes, dump, sample_files


@pytest.fixture
def settings(engine) -> Settings:
    return Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        load_demo_data=False,
    )


def queued(engine, folder, files: dict[str, bytes], **values) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    with engine.begin() as conn:
        return create_run(
            conn, mode=values.pop("mode", "dry_run"), username="admin",
            address="127.0.0.1", files=list(files), total_bytes=1,
            folder=str(folder), **values,
        )  # fmt: skip


def many_invoices() -> dict[str, bytes]:
    files = sample_files()
    files["invoices.csv"] += csv_bytes(
        *[f"INV-X{i},C-001,2025-03-31,1.00,x" for i in range(3000)]
    )
    return files


def test_a_cancel_during_the_run_stops_it_and_writes_nothing(
    engine, settings, tmp_path, monkeypatch
):
    folder = tmp_path / "run"
    run_id = queued(engine, folder, many_invoices(), mode="import")
    before = dump(engine)
    ticks = []
    real_tick = job.Progress.tick

    def cancelled_at_first_tick(progress):
        if not ticks:
            assert cancel_run(engine, run_id, by="admin", address=None)
        ticks.append(1)
        real_tick(progress)

    monkeypatch.setattr(job.Progress, "tick", cancelled_at_first_tick)
    assert job.execute(engine, settings, run_id) == "cancelled"
    assert ticks == [1]
    assert dump(engine) == before
    assert not folder.exists()
    with engine.connect() as conn:
        run = get_run(conn, run_id)
    assert (run.status, run.folder) == ("cancelled", None)


def test_a_cancel_that_comes_while_the_import_writes_rolls_it_back(
    engine, settings, tmp_path, monkeypatch
):
    """The import marks itself done inside its own transaction, only while still
    running: a cancel that came first wins and the writes are rolled back."""
    with engine.begin() as conn:
        dry = create_run(conn, mode="dry_run", username="admin", address=None,
                         files=[], total_bytes=0, folder="x")  # fmt: skip
        conn.execute(update(ImportRun).where(ImportRun.id == dry)
                     .values(status="done", data_version=0))  # fmt: skip
    run_id = queued(engine, tmp_path / "run", sample_files(), mode="import",
                    dry_run_id=dry)  # fmt: skip
    real_finish = job._finish_import

    # The cancel lands first (on the import's connection: on SQLite the import
    # holds the write lock).
    def cancel_inside(conn, run, report, *rest):
        conn.execute(update(ImportRun).where(ImportRun.id == run_id)
                     .values(status="cancelled"))  # fmt: skip
        real_finish(conn, run, report, *rest)

    monkeypatch.setattr(job, "_finish_import", cancel_inside)
    before = dump(engine)
    assert job.execute(engine, settings, run_id) == "cancelled"
    assert dump(engine) == before
    with engine.connect() as conn:
        assert get_run(conn, run_id).status == "cancelled"


def test_a_run_cancelled_before_it_starts_never_starts(engine, settings, tmp_path):
    run_id = queued(engine, tmp_path / "run", sample_files())
    assert cancel_run(engine, run_id, by="admin", address=None)
    assert job.execute(engine, settings, run_id) == "cancelled"
    with engine.connect() as conn:
        assert get_run(conn, run_id).counts == {}


def test_a_dry_run_keeps_its_files_for_the_import_and_records_the_counts(
    engine, settings, tmp_path
):
    folder = tmp_path / "run"
    run_id = queued(engine, folder, sample_files())
    assert job.execute(engine, settings, run_id) == "done"
    with engine.connect() as conn:
        run = get_run(conn, run_id)
        raw = conn.scalar(select(ImportRun.counts).where(ImportRun.id == run_id))
    assert run.importable
    assert run.progress == 100
    assert json.loads(raw)["clients"] == {
        "rows": 4, "inserted": 4, "updated": 0, "unchanged": 0, "deleted": 0,
    }  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == sorted(sample_files())


def test_expired_dry_runs_lose_their_files_and_silent_runs_fail(
    engine, settings, tmp_path
):
    old = dt.datetime(2026, 1, 1)
    expired = queued(engine, tmp_path / "a", {"clients.csv": b"x"})
    silent = queued(engine, tmp_path / "b", {"clients.csv": b"x"})
    fresh = queued(engine, tmp_path / "c", {"clients.csv": b"x"})
    with engine.begin() as conn:
        conn.execute(update(ImportRun).where(ImportRun.id == expired)
                     .values(status="done", finished_at=old))  # fmt: skip
        conn.execute(update(ImportRun).where(ImportRun.id == silent)
                     .values(status="running", updated_at=old))  # fmt: skip
    assert sweep(engine, keep_minutes=60) == 2
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert (tmp_path / "c").exists()
    with engine.connect() as conn:
        assert get_run(conn, expired).folder is None
        assert get_run(conn, expired).status == "done"
        assert not get_run(conn, expired).importable
        assert get_run(conn, silent).status == "failed"
        assert get_run(conn, fresh).status == "queued"
