"""Export every entity as the CSV files of the import contract (backup and restore).

The files are what `python -m dashboard import` reads: one per entity, UTF-8 with a
BOM (so spreadsheets show non-Latin text), a header row, dates YYYY-MM-DD, date-times
in ISO 8601 with the offset of the configured time zone, amounts as plain decimals,
booleans true/false, and formula-like texts escaped with a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import zoneinfo
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from data.formula_text import escape_text
from data.importer.contract import (
    AMOUNT,
    BOOLEAN,
    DATE,
    DATETIME,
    ENTITIES,
    INTEGER,
    NUMBER,
    TEXT,
    Entity,
)
from data.importer.write import foreign_key

FETCH_ROWS = 10_000


def export_all(
    engine: Engine, directory: str | Path, *, timezone: str
) -> dict[str, int]:
    """Write one CSV per entity into `directory`; return the rows written per entity."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    tz = zoneinfo.ZoneInfo(timezone)
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            for entity in ENTITIES:
                counts[entity.name] = _write_entity(conn, entity, folder, tz)
    return counts


def _write_entity(
    conn: Connection, entity: Entity, folder: Path, tz: zoneinfo.ZoneInfo
) -> int:
    path = folder / entity.file_name
    partial = path.with_name(path.name + ".partial")
    formats = [_formatter(column.kind, tz) for column in entity.columns]
    count = 0
    with partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(entity.column_names)
        for row in entity_rows(conn, entity):
            cells = zip(formats, row, strict=True)
            writer.writerow(["" if v is None else fmt(v) for fmt, v in cells])
            count += 1
    os.replace(partial, path)
    return count


def entity_rows(conn: Connection, entity: Entity) -> Iterator[tuple]:
    """The entity's rows in contract column order, references as external_ids."""
    table = entity.table
    columns = []
    joined = table
    for column in entity.columns:
        if column.refers_to is None:
            columns.append(table.c[column.stored_as])
            continue
        target = next(e for e in ENTITIES if e.name == column.refers_to).table
        alias = target.alias(f"ref_{column.refers_to}")
        joined = joined.outerjoin(
            alias, alias.c.id == table.c[foreign_key(column.name)]
        )
        columns.append(alias.c.external_id)
    query = select(*columns).select_from(joined).order_by(table.c.id)
    result = conn.execution_options(stream_results=True, yield_per=FETCH_ROWS)
    yield from result.execute(query)


def _formatter(kind: str, tz: zoneinfo.ZoneInfo) -> Callable[[object], str]:
    if kind == TEXT:
        return escape_text
    if kind == DATE:
        return lambda value: value.isoformat()
    if kind == DATETIME:
        return lambda value: value.replace(tzinfo=dt.UTC).astimezone(tz).isoformat()
    if kind == AMOUNT:
        return format_cents
    if kind == INTEGER:
        return str
    if kind == NUMBER:
        return format_number
    if kind == BOOLEAN:
        return lambda value: "true" if value else "false"
    return str


def format_cents(cents: int) -> str:
    """Whole cents as a plain decimal: -48005 -> '-480.05'."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def format_number(value: float) -> str:
    """A float written so it reads back exactly: 4.0 -> '4', 4.5 -> '4.5'."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)
