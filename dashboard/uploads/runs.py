"""The `import_runs` rows: create, read, move on (status changes are atomic
updates guarded by the status they leave, so a cancel and a finish never both
win), start a run's process, delete files that are no longer needed."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from dashboard.auth.audit import record
from dashboard.auth.clock import utc_now as now
from dashboard.kernel.settings import PROJECT_ROOT, Settings
from data.models import ImportRun

log = logging.getLogger("dashboard.uploads")
ACTIVE = ("queued", "running")
STORED_PROBLEMS = 10_000  # problems kept per run (the count is exact)
# A run whose process has not been heard of for this long is taken as stopped.
STALE_AFTER = dt.timedelta(minutes=30)


class RunError(Exception):
    """A run cannot do what was asked; `code` says why (a key of page texts)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Run:
    """One run as the pages show it."""

    id: int
    mode: str
    dry_run_id: int | None
    username: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    files: list[str]
    total_bytes: int
    folder: str | None
    status: str
    progress: int
    counts: dict[str, dict[str, int]]
    problems: list[dict[str, object]]
    problem_count: int
    message: str | None
    data_version: int | None
    import_id: int | None = None  # the import of this dry run, once started
    # An import's data-quality counts: {"before": {check: n}, "after": {...}}.
    quality: dict[str, dict[str, int]] | None = None

    @property
    def active(self) -> bool:
        """Still queued or running."""
        return self.status in ACTIVE

    @property
    def importable(self) -> bool:
        """A dry run that found no problem, whose files are still here and that
        was not imported yet."""
        return (
            self.mode == "dry_run"
            and self.status == "done"
            and self.folder is not None
            and self.import_id is None
        )


def _run(row, import_id: int | None = None) -> Run:
    return Run(
        id=row.id,
        mode=row.mode,
        dry_run_id=row.dry_run_id,
        username=row.username,
        created_at=row.created_at,
        finished_at=row.finished_at,
        files=json.loads(row.files),
        total_bytes=row.total_bytes,
        folder=row.folder,
        status=row.status,
        progress=row.progress,
        counts=json.loads(row.counts) if row.counts else {},
        problems=json.loads(row.problems) if row.problems else [],
        problem_count=row.problem_count,
        message=row.message,
        data_version=row.data_version,
        import_id=import_id,
        quality=json.loads(row.quality) if row.quality else None,
    )


def create_run(
    conn: Connection,
    *,
    mode: str,
    username: str,
    address: str | None,
    files: list[str],
    total_bytes: int,
    folder: str,
    dry_run_id: int | None = None,
    data_version: int | None = None,
) -> int:
    """A queued run; its id. The import of a dry run that already has one fails
    on the unique dry_run_id: RunError('already_imported')."""
    at = now()
    try:
        with conn.begin_nested():
            return conn.execute(
                insert(ImportRun)
                .values(
                    mode=mode, dry_run_id=dry_run_id, username=username,
                    address=address, created_at=at, updated_at=at,
                    files=json.dumps(files), total_bytes=total_bytes,
                    folder=folder, status="queued", progress=0, problem_count=0,
                    data_version=data_version,
                )
                .returning(ImportRun.id)
            ).scalar_one()  # fmt: skip
    except IntegrityError:
        raise RunError("already_imported") from None


def get_run(conn: Connection, run_id: int) -> Run | None:
    """One run, or None."""
    row = conn.execute(select(ImportRun).where(ImportRun.id == run_id)).one_or_none()
    if row is None:
        return None
    child = conn.execute(
        select(ImportRun.id).where(ImportRun.dry_run_id == run_id)
    ).scalar_one_or_none()
    return _run(row, child)


def recent_runs(conn: Connection, limit: int = 200) -> list[Run]:
    """The newest runs first."""
    rows = conn.execute(
        select(ImportRun)
        .order_by(ImportRun.created_at.desc(), ImportRun.id.desc())
        .limit(limit)
    ).all()
    return [_run(row) for row in rows]


def move(conn: Connection, run_id: int, leaving: tuple[str, ...], **values) -> bool:
    """Set values on the run if its status is one of `leaving`; whether it was."""
    values.setdefault("updated_at", now())
    done = conn.execute(
        update(ImportRun)
        .where(ImportRun.id == run_id, ImportRun.status.in_(leaving))
        .values(**values)
    )
    return done.rowcount == 1


def cancel_run(engine: Engine, run_id: int, *, by: str, address: str | None) -> bool:
    """Stop a queued or running run (its process notices and writes nothing);
    False when it had already finished."""
    with engine.begin() as conn:
        stopped = move(conn, run_id, ACTIVE, status="cancelled", finished_at=now())
        if stopped:
            record(conn, "import", at=now(), username=by, address=address,
                   detail=f"upload run {run_id} cancelled")  # fmt: skip
    return stopped


def start_process(engine: Engine, settings: Settings, run_id: int) -> None:
    """Run the import in a process of its own; it outlives this request. A
    process that cannot start fails the run (its page says so)."""
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "TIMEZONE": settings.timezone,
        "FISCAL_YEAR_START_MONTH": str(settings.fiscal_year_start_month),
    }
    try:
        subprocess.Popen(  # noqa: S603 - our own module, no shell, fixed arguments
            [sys.executable, "-m", "dashboard.uploads.job", str(run_id)],
            cwd=str(PROJECT_ROOT),
            env=env,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        log.error("upload run %s: its process cannot start: %s", run_id, exc)
        with engine.begin() as conn:
            move(conn, run_id, ACTIVE, status="failed", finished_at=now(),
                 message=f"the run's process cannot start: {exc}"[:500])  # fmt: skip
            forget_files(conn, run_id)


def remove_folder(folder: str | Path | None) -> None:
    """Delete a run's files (nothing when already gone)."""
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def forget_files(conn: Connection, run_id: int) -> None:
    """The run's files are deleted: say so on the run and on its dry run."""
    run = conn.execute(
        select(ImportRun.folder, ImportRun.dry_run_id).where(ImportRun.id == run_id)
    ).one()
    remove_folder(run.folder)
    ids = [run_id] + ([run.dry_run_id] if run.dry_run_id else [])
    conn.execute(update(ImportRun).where(ImportRun.id.in_(ids)).values(folder=None))


def sweep(engine: Engine, keep_minutes: int) -> int:
    """Delete the files of dry runs not imported in time, and mark runs whose
    process went silent as failed; how many runs were tidied."""
    at = now()
    expired = at - dt.timedelta(minutes=keep_minutes)
    tidied = 0
    child = ImportRun.__table__.alias("child")
    with engine.begin() as conn:
        stale = conn.execute(
            select(ImportRun.id).where(
                ImportRun.status.in_(ACTIVE), ImportRun.updated_at < at - STALE_AFTER
            )
        ).scalars()
        for run_id in list(stale):
            if move(conn, run_id, ACTIVE, status="failed", finished_at=at,
                    message="the run's process stopped without finishing"):  # fmt: skip
                forget_files(conn, run_id)
                tidied += 1
        waiting = conn.execute(
            select(ImportRun.id).where(
                ImportRun.mode == "dry_run",
                ImportRun.folder.is_not(None),
                ImportRun.status.not_in(ACTIVE),
                ImportRun.finished_at < expired,
                ~exists().where(child.c.dry_run_id == ImportRun.id),
            )
        ).scalars()
        for run_id in list(waiting):
            forget_files(conn, run_id)
            tidied += 1
    return tidied
