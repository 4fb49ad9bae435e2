"""One import run: read every source, check every row, then write in one transaction."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, Engine, MetaData, Table, text

from data.importer import touched
from data.importer.contract import BY_NAME, ENTITIES, Entity
from data.importer.examples import without_example
from data.importer.readers import (
    ReadError,
    as_stream,
    entity_for_file,
    read_csv,
    read_workbook,
)
from data.importer.readers import Table as Source
from data.importer.report import EntityCounts, ImportFailed, ImportReport, Problem
from data.importer.staging import (
    duplicate_problems,
    index_stage,
    reference_problems,
    stage_rows,
    staging_table,
)
from data.importer.targets import upsert_targets
from data.importer.write import replace_attendees, replace_covered, upsert
from data.rollups import refresh_rollups
from data.statistics import analyze_tables
from data.version import bump_data_version

SQLITE_CACHE_KIB = 128 * 1024  # page cache while importing: bounded, and enough
TICK_ROWS = 1000  # rows read between two calls of a run's `tick`
ENTITY_FILES = ", ".join(entity.file_name for entity in ENTITIES)


def import_path(
    engine: Engine,
    path: str | Path,
    *,
    timezone: str,
    fiscal_start_month: int = 1,
) -> ImportReport:
    """Import a folder of entity CSVs, one entity CSV, or an .xlsx workbook."""
    path = Path(path)
    if path.is_dir():
        names = sorted(
            p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file()
        )
        if not names:
            raise ImportFailed(
                [_problem(str(path), f"holds no entity CSV files ({ENTITY_FILES})")]
            )
    elif path.is_file():
        names = [path]
    else:
        raise ImportFailed([_problem(str(path), "does not exist")])
    with ExitStack() as stack:
        files = {p.name: stack.enter_context(p.open("rb")) for p in names}
        return import_files(
            engine, files, timezone=timezone, fiscal_start_month=fiscal_start_month
        )


def import_files(
    engine: Engine,
    files: Mapping[str, BinaryIO | bytes],
    *,
    timezone: str,
    fiscal_start_month: int = 1,
    dry_run: bool = False,
    tick: Callable[[], None] | None = None,
    before_commit: Callable[[Connection, ImportReport], None] | None = None,
) -> ImportReport:
    """Import named files (CSV or .xlsx, as open binary files or bytes); all or
    none. Period labels (targets) are read with `fiscal_start_month`.

    A dry run does everything a real run does, writes included, then rolls back:
    its counts and problems are those the real run would have. `tick` is called
    every TICK_ROWS rows read (an exception it raises stops the run, nothing
    written); `before_commit(conn, report)` runs inside the write transaction
    just before it commits (not on a dry run), and may raise to roll it back.
    """
    started = time.perf_counter()
    tz = dt.UTC if timezone == "UTC" else zoneinfo.ZoneInfo(timezone)
    with ExitStack() as stack:
        sources, problems = _open_sources(files, stack)
        for source in sources:
            source.rows = without_example(source.entity, source.header, source.rows)
            if tick is not None:
                source.rows = _ticking(source.rows, tick)
        finish = _rolled_back if dry_run else before_commit
        report = _run(
            engine, sources, problems, tz, fiscal_start_month, finish, dry_run=dry_run
        )
    report.seconds = time.perf_counter() - started
    return report


def _problem(where: str, message: str, row: int | None = None) -> Problem:
    return Problem(where, "line", row, None, message)


def _open_sources(
    files: Mapping[str, BinaryIO | bytes], stack: ExitStack
) -> tuple[list[Source], list[Problem]]:
    sources: list[Source] = []
    problems: list[Problem] = []
    for name, content in files.items():
        stream = as_stream(content)
        lower = name.lower()
        try:
            if lower.endswith(".xlsx"):
                tables, strangers = read_workbook(name, stream, stack)
                for sheet in strangers:
                    problems.append(
                        _problem(
                            name,
                            f"sheet {sheet!r} is not an entity; sheets must be"
                            f" named {', '.join(BY_NAME)}",
                        )
                    )
                if not tables:
                    problems.append(_problem(name, "has no entity sheets"))
                sources.extend(tables)
            elif lower.endswith(".csv"):
                entity = entity_for_file(name)
                if entity is None:
                    expected = f"is not an entity file; expected {ENTITY_FILES}"
                    problems.append(_problem(name, expected))
                    continue
                sources.append(read_csv(name, entity, stream))
            else:
                problems.append(_problem(name, "is neither a .csv nor an .xlsx file"))
        except ReadError as exc:
            problems.append(_problem(name, exc.message, exc.row))
    seen: dict[str, str] = {}
    for source in sources:
        if source.entity in seen:
            problems.append(
                _problem(
                    source.where,
                    f"{source.entity} is also given in {seen[source.entity]};"
                    " give each entity once",
                )
            )
        seen.setdefault(source.entity, source.where)
    if not sources and not problems:
        problems.append(_problem("(import)", "no files were given"))
    order = {entity.name: i for i, entity in enumerate(ENTITIES)}
    sources.sort(key=lambda s: order[s.entity])
    return sources, problems


def _run(
    engine: Engine,
    sources: list[Source],
    problems: list[Problem],
    tz,
    fiscal_start_month: int,
    finish: Callable[[Connection, ImportReport], None] | None,
    *,
    dry_run: bool,
) -> ImportReport:
    metadata = MetaData()
    stages: dict[str, Table] = {}
    staged: list[Source] = []  # an entity given twice is staged once (and reported)
    report = ImportReport()
    with engine.connect() as conn, _large_cache(conn):
        try:
            with conn.begin():
                for source in sources:
                    if source.entity in stages:
                        continue
                    stage = staging_table(BY_NAME[source.entity], metadata)
                    stage.create(conn)
                    stages[source.entity] = stage
                    staged.append(source)
                    count, found = stage_rows(
                        conn, source, stage, tz, fiscal_start_month=fiscal_start_month
                    )
                    problems.extend(found)
                    report.entities[source.entity] = EntityCounts(rows=count)
                    index_stage(conn, BY_NAME[source.entity], stage)
                for source in staged:
                    entity = BY_NAME[source.entity]
                    stage = stages[source.entity]
                    problems.extend(duplicate_problems(conn, entity, stage, source))
                    problems.extend(
                        reference_problems(conn, entity, stage, stages, source)
                    )
                if problems:
                    raise ImportFailed(_ordered(problems, sources))
            # The writes get a transaction of their own (the staged rows stay:
            # temporary tables live as long as the connection) whose first
            # statement writes. On SQLite a transaction that has read cannot
            # write once another connection committed meanwhile (the web app's
            # sessions, a run's progress); one that writes first waits its turn.
            with conn.begin():
                bump_data_version(conn)
                moved = set() if dry_run else touched.before_writes(conn, stages)
                for name, stage in stages.items():
                    report.entities[name] = _write(conn, BY_NAME[name], stage, metadata)
                if not dry_run:  # a dry run's writes, rollups too, are undone
                    moved |= touched.after_writes(conn, stages)
                    refresh_rollups(conn, moved, timezone=getattr(tz, "key", "UTC"))
                    analyze_tables(conn)
                if finish is not None:
                    finish(conn, report)
        except _DryRunDone:
            pass  # the transaction was rolled back: nothing written
        finally:
            _drop(conn, metadata)
    return report


class _DryRunDone(Exception):
    """Raised at the end of a dry run's writes to roll them back."""


def _rolled_back(_conn: Connection, _report: ImportReport) -> None:
    raise _DryRunDone


def _ticking(
    rows: Iterator[tuple[int, list[object]]], tick: Callable[[], None]
) -> Iterator[tuple[int, list[object]]]:
    for count, row in enumerate(rows, start=1):
        if count % TICK_ROWS == 0:
            tick()
        yield row


def _write(
    conn: Connection, entity: Entity, stage: Table, metadata: MetaData
) -> EntityCounts:
    if entity.keyed:
        return upsert(conn, entity, stage)
    if entity.name == "attendees":
        return replace_attendees(conn, entity, stage)
    if entity.name == "targets":
        return upsert_targets(conn, entity, stage)
    return replace_covered(conn, entity, stage, metadata)


@contextmanager
def _large_cache(conn: Connection) -> Iterator[None]:
    """On SQLite, a bigger page cache for the run (big indexes), then the old one."""
    if conn.dialect.name != "sqlite":
        yield
        return
    saved = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    for schema in ("main", "temp"):
        conn.exec_driver_sql(f"PRAGMA {schema}.cache_size = -{SQLITE_CACHE_KIB}")
    conn.commit()
    try:
        yield
    finally:
        for schema in ("main", "temp"):
            conn.exec_driver_sql(f"PRAGMA {schema}.cache_size = {saved}")
        conn.commit()


def _drop(conn, metadata: MetaData) -> None:
    """Remove the temporary tables, whether the run was committed or rolled back."""
    if conn.in_transaction():
        conn.rollback()
    for table in metadata.sorted_tables:
        conn.execute(text(f"DROP TABLE IF EXISTS {table.name}"))
    conn.commit()


def _ordered(problems: list[Problem], sources: list[Source]) -> list[Problem]:
    """Problems by file (in import order), then row, then column order."""
    files = {source.where: i for i, source in enumerate(sources)}
    columns = {
        source.where: {c.name: i for i, c in enumerate(BY_NAME[source.entity].columns)}
        for source in sources
    }

    def key(problem: Problem) -> tuple:
        place = columns.get(problem.where, {})
        return (
            files.get(problem.where, -1),
            problem.row or 0,
            place.get(problem.column, -1) if problem.column else -1,
        )

    return sorted(problems, key=key)
