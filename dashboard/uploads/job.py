"""`python -m dashboard.uploads.job RUN_ID`: one upload run in its own process.

The run is claimed (queued -> running), its files are read through the importer
(a dry run, or the real import of a dry run's files), the progress is written as
it goes, and the outcome lands on the run. A cancel (status set to cancelled by
the page) is noticed at the next progress tick; an import marks itself done
inside its own write transaction, guarded by status = running, so a cancel that
came first rolls the import back: nothing is written.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from dashboard.auth.audit import record
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings, SettingsError
from dashboard.quality.checks import run_checks
from dashboard.quality.summary import quality_now
from dashboard.uploads.runs import (
    ACTIVE,
    STORED_PROBLEMS,
    Run,
    forget_files,
    get_run,
    move,
    now,
)
from data.db import DatabaseUnavailable, check_connection, make_engine
from data.importer import ImportFailed, ImportReport, import_files
from data.models import ImportRun
from data.version import data_version

log = logging.getLogger("dashboard.uploads.job")
TICK_SECONDS = 0.5  # the progress is written at most this often
READ_SHARE = 90  # percent of the bar for reading and checking; the rest writes


class Stopped(Exception):
    """The run is no longer running (cancelled): stop, write nothing."""


class DataChanged(Exception):
    """The data changed since the dry run: its counts no longer hold."""


class Progress:
    """The share of the files read so far, written to the run now and then."""

    def __init__(self, engine: Engine, run_id: int, handles: list) -> None:
        self.engine = engine
        self.run_id = run_id
        self.handles = handles
        self.sizes = [max(Path(h.name).stat().st_size, 1) for h in handles]
        self.seen = [0] * len(handles)
        self.last = 0.0

    def percent(self) -> int:
        """Bytes read over all files, as a share of READ_SHARE."""
        for i, handle in enumerate(self.handles):
            if not handle.closed:
                self.seen[i] = max(self.seen[i], min(handle.tell(), self.sizes[i]))
        return int(READ_SHARE * sum(self.seen) / sum(self.sizes))

    def tick(self) -> None:
        """Write the progress (at most every TICK_SECONDS); stop when cancelled."""
        moment = time.monotonic()
        if moment - self.last < TICK_SECONDS:
            return
        self.last = moment
        self.write(self.percent())

    def write(self, percent: int) -> None:
        with self.engine.begin() as conn:
            if not move(conn, self.run_id, ("running",), progress=percent):
                raise Stopped


def counts_of(report: ImportReport) -> dict[str, dict[str, int]]:
    """The report's counts as JSON-ready dictionaries."""
    return {name: dataclasses.asdict(c) for name, c in report.entities.items()}


def summary(counts: dict[str, dict[str, int]]) -> str:
    """inserted/updated/unchanged/deleted over all entities, for the audit log."""
    totals = {key: 0 for key in ("inserted", "updated", "unchanged", "deleted")}
    for entity in counts.values():
        for key in totals:
            totals[key] += entity[key]
    return ", ".join(f"{key} {value}" for key, value in totals.items())


def problems_of(failed: ImportFailed) -> list[dict[str, object]]:
    """The first STORED_PROBLEMS problems as JSON-ready dictionaries."""
    return [dataclasses.asdict(p) for p in failed.problems[:STORED_PROBLEMS]]


def _audit(conn: Connection, run: Run, detail: str) -> None:
    address = conn.execute(
        select(ImportRun.address).where(ImportRun.id == run.id)
    ).scalar_one()
    what = "dry run" if run.mode == "dry_run" else "import"
    record(conn, "import", at=now(), username=run.username, address=address,
           detail=f"upload run {run.id} {what} of {', '.join(run.files)}: "
           f"{detail}"[:2000])  # fmt: skip


def execute(engine: Engine, settings: Settings, run_id: int) -> str:
    """Do one queued run; its final status."""
    with engine.begin() as conn:
        run = get_run(conn, run_id)
        if run is None or not move(conn, run_id, ("queued",), status="running"):
            return run.status if run else "missing"
        version = data_version(conn)
        dry = get_run(conn, run.dry_run_id) if run.dry_run_id else None
    expected = dry.data_version if dry else None
    # The data-quality counts before a real import, to say what it changed.
    before = None if run.mode == "dry_run" else quality_now(engine, settings).counts
    folder = Path(run.folder or "")
    try:
        with ExitStack() as stack:
            handles = [stack.enter_context((folder / n).open("rb")) for n in run.files]
            progress = Progress(engine, run_id, handles)
            progress.write(0)
            report = import_files(
                engine,
                dict(zip(run.files, handles, strict=True)),
                timezone=settings.timezone,
                fiscal_start_month=settings.fiscal_year_start_month,
                dry_run=run.mode == "dry_run",
                tick=progress.tick,
                before_commit=lambda conn, report: _finish_import(
                    conn, run, report, expected, settings, before
                ),
            )
    except ImportFailed as failed:
        return _refused(engine, run, problems_of(failed), len(failed.problems))
    except DataChanged:
        return _refused(engine, run, [], 0, message="data_changed")
    except Stopped:
        with engine.begin() as conn:
            # Cancelled already; also when the cancel's own write was undone.
            move(conn, run_id, ACTIVE, status="cancelled", finished_at=now())
            forget_files(conn, run_id)
        return "cancelled"
    except Exception as exc:  # noqa: BLE001 - the run, not the page, fails
        log.exception("upload run %s failed", run_id)
        with engine.begin() as conn:
            if move(conn, run_id, ("running",), status="failed", finished_at=now(),
                    message=f"{type(exc).__name__}: {exc}"[:500]):  # fmt: skip
                _audit(conn, run, "failed, nothing written")
            forget_files(conn, run_id)
        return "failed"
    if run.mode == "dry_run":
        with engine.begin() as conn:
            counts = counts_of(report)
            if move(conn, run_id, ("running",), status="done", progress=100,
                    finished_at=now(), counts=json.dumps(counts),
                    data_version=version):  # fmt: skip
                _audit(conn, run, f"would write {summary(counts)}")
            else:
                forget_files(conn, run_id)
                return "cancelled"
        return "done"
    with engine.begin() as conn:
        forget_files(conn, run_id)
    return "done"


def _finish_import(
    conn: Connection,
    run: Run,
    report: ImportReport,
    expected: int | None,
    settings: Settings,
    before: dict[str, int] | None,
) -> None:
    """Inside the import's transaction: refuse when the data moved on since the
    dry run, else mark the run done (only if still running) with the
    data-quality counts before and after it, and audit it."""
    # This transaction has already bumped the version once.
    if expected is None or data_version(conn) - 1 != expected:
        raise DataChanged
    counts = counts_of(report)
    after = run_checks(
        conn, settings=settings, filters=None, scope=Scope.everything()
    ).counts
    quality = json.dumps({"before": before, "after": after})
    if not move(conn, run.id, ("running",), status="done", progress=100,
                finished_at=now(), counts=json.dumps(counts),
                quality=quality):  # fmt: skip
        raise Stopped
    _audit(conn, run, f"wrote {summary(counts)}")


def _refused(engine, run: Run, problems, count: int, message=None) -> str:
    with engine.begin() as conn:
        if move(conn, run.id, ("running",), status="refused", finished_at=now(),
                problems=json.dumps(problems), problem_count=count,
                message=message):  # fmt: skip
            why = "the data changed since the dry run" if message else (
                f"{count} problem(s)")  # fmt: skip
            _audit(conn, run, f"refused, {why}, nothing written")
        forget_files(conn, run.id)
    return "refused"


def main(argv: list[str]) -> int:
    """Run the upload run named on the command line."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s"
    )
    if len(argv) != 1 or not argv[0].isdigit():
        print("usage: python -m dashboard.uploads.job RUN_ID", file=sys.stderr)
        return 2
    try:
        settings = Settings.from_env()
        engine = make_engine(settings.database_url)
        check_connection(engine)
    except (SettingsError, DatabaseUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    status = execute(engine, settings, int(argv[0]))
    log.info("upload run %s: %s", argv[0], status)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
