"""Staging: checked rows go to temporary tables, where cross-row rules run in SQL.

Keeping rows in the database rather than in Python keeps memory bounded for files
of any size; the staging tables live only as long as the run's connection.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterator
from operator import itemgetter

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    exists,
    func,
    select,
)

from data.importer.cells import shown
from data.importer.contract import BY_NAME, TEXT, Entity
from data.importer.readers import ReadError
from data.importer.readers import Table as Source
from data.importer.report import Problem
from data.importer.targets import describe_target
from data.importer.validate import RowChecker, header_issues

CHUNK_ROWS = 5000


def staging_table(entity: Entity, metadata: MetaData) -> Table:
    """A temporary table with the line number, an ok flag and every stored column."""
    columns = [Column("line", Integer, primary_key=True), Column("ok", Boolean)]
    for column in entity.columns:
        if column.refers_to or column.kind == TEXT:
            type_ = String()
        else:
            type_ = entity.table.c[column.stored_as].type
        columns.append(Column(column.stored_as, type_))
    return Table(f"import_{entity.name}", metadata, *columns, prefixes=["TEMPORARY"])


def stage_rows(
    conn: Connection,
    source: Source,
    stage: Table,
    tz: zoneinfo.ZoneInfo,
    *,
    fiscal_start_month: int = 1,
) -> tuple[int, list[Problem]]:
    """Check every row of a source into its staging table; the row count and issues."""
    entity = BY_NAME[source.entity]
    problems = [
        Problem(source.where, source.unit, source.header_row, column, message)
        for column, message in header_issues(entity, source.header)
    ]
    if not source.header:
        message = "is empty: a header row is required"
        problems.append(Problem(source.where, source.unit, None, None, message))
        return 0, problems
    checker = RowChecker(
        entity,
        source.header,
        tz,
        pad_short=source.unit == "row",
        fiscal_start_month=fiscal_start_month,
    )
    insert_rows = _bulk_insert(conn, stage)
    count = 0
    buffer: list[dict[str, object]] = []
    try:
        for row_number, values in source.rows:
            record, issues = checker.check(values)
            record["line"] = row_number
            record["ok"] = not issues
            buffer.append(record)
            count += 1
            for column, message in issues:
                problems.append(
                    Problem(source.where, source.unit, row_number, column, message)
                )
            if len(buffer) >= CHUNK_ROWS:
                insert_rows(buffer)
                buffer = []
    except ReadError as exc:
        problems.append(Problem(source.where, source.unit, exc.row, None, exc.message))
    if buffer:
        insert_rows(buffer)
    return count, problems


def _bulk_insert(conn: Connection, stage: Table) -> Callable[[list[dict]], None]:
    """A fast bulk write of records into the stage, straight through the driver.

    PostgreSQL gets COPY. Elsewhere values go through the dialect's own bind
    processors (SQLite stores dates as text), so they are stored exactly as a Core
    insert would store them, then one executemany per chunk.
    """
    dialect = conn.dialect
    names = [column.name for column in stage.columns]
    pick = itemgetter(*names)
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in names)
    if dialect.name == "postgresql":
        copy_sql = f"COPY {quote(stage.name)} ({columns}) FROM STDIN"

        def copy_rows(records: list[dict]) -> None:
            cursor = conn.connection.cursor()
            with cursor.copy(copy_sql) as copy:
                for record in records:
                    copy.write_row(pick(record))

        return copy_rows
    processors = [
        (column.name, processor)
        for column in stage.columns
        if (processor := column.type.dialect_impl(dialect).bind_processor(dialect))
    ]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {quote(stage.name)} ({columns})"
        f" VALUES ({', '.join([mark] * len(names))})"
    )

    def insert_rows(records: list[dict]) -> None:
        for record in records:
            for name, processor in processors:
                value = record[name]
                if value is not None:
                    record[name] = processor(value)
        conn.exec_driver_sql(statement, [pick(record) for record in records])

    return insert_rows


def index_stage(conn: Connection, entity: Entity, stage: Table) -> None:
    """Index the staged keys the checks and writes look up; give the planner stats."""
    if "external_id" in stage.c:
        Index(f"ix_{stage.name}_external_id", stage.c.external_id).create(conn)
    if conn.dialect.name == "postgresql":
        # Temporary tables are never analysed automatically.
        conn.exec_driver_sql(
            f"ANALYZE {conn.dialect.identifier_preparer.quote(stage.name)}"
        )


def duplicate_problems(
    conn: Connection, entity: Entity, stage: Table, source: Source
) -> Iterator[Problem]:
    """Rows that repeat an earlier row's external_id (or attendee, or target) in
    the same file."""
    if entity.keyed:
        keys = [stage.c.external_id]
        what = "external_id {} already appears on {} {}"
    elif entity.name == "attendees":
        keys = [stage.c.meeting_external_id, stage.c.side, stage.c.name]
        what = "attendee {} (meeting, side, name) already appears on {} {}"
    elif entity.unique_by:
        keys = [stage.c[name] for name in entity.unique_by]
        what = "a target for {} already appears on {} {}"
    else:
        return
    # An empty optional key column is part of the key (a target of no client).
    required = [k for k in keys if entity.keyed or k.name in entity.required]
    firsts = (
        select(*keys, func.min(stage.c.line).label("first"))
        .where(*[k.is_not(None) for k in required])
        .group_by(*keys)
        .having(func.count() > 1)
        .subquery()
    )
    query = (
        select(stage.c.line, firsts.c.first, *keys)
        .join(firsts, and_(*[k.is_not_distinct_from(firsts.c[k.name]) for k in keys]))
        .where(stage.c.line > firsts.c.first)
        .order_by(stage.c.line)
    )
    column = keys[0].name if entity.keyed else None
    for line, first, *values in conn.execute(query):
        if entity.unique_by:
            shown_key = describe_target(*values)
        else:
            shown_key = shown(values[0]) if len(values) == 1 else repr(tuple(values))
        message = what.format(shown_key, source.unit, first)
        yield Problem(source.where, source.unit, line, column, message)


def reference_problems(
    conn: Connection,
    entity: Entity,
    stage: Table,
    stages: dict[str, Table],
    source: Source,
) -> Iterator[Problem]:
    """Rows naming an external_id that is neither in this run nor in the database."""
    for column in entity.columns:
        if column.refers_to is None:
            continue
        target = BY_NAME[column.refers_to]
        value = stage.c[column.stored_as]
        missing = ~exists().where(target.table.c.external_id == value)
        if column.refers_to in stages:
            staged = stages[column.refers_to]
            missing = and_(missing, ~exists().where(staged.c.external_id == value))
        query = (
            select(stage.c.line, value)
            .where(value.is_not(None), missing)
            .order_by(stage.c.line)
        )
        for line, name in conn.execute(query):
            yield Problem(
                source.where,
                source.unit,
                line,
                column.name,
                f"{shown(name)} is not a known {column.refers_to[:-1]} external_id"
                f" (neither in {target.file_name} of this import nor in the database)",
            )
