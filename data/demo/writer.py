"""Bulk writes for the demo data: chunked Core inserts from column arrays."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
from sqlalchemy import Connection, Table, delete, func, insert, select, text

from data.models import ENTITY_TABLES

CHUNK_ROWS = 50_000
Progress = Callable[[str, int], None]


def nullable(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Values as Python objects, None where `present` is false."""
    return np.where(present, values.astype(object), None)


def _python(column: np.ndarray) -> list:
    """A slice of a column as plain Python values (dates, datetimes, ints, None)."""
    if column.dtype.kind == "M":
        return column.astype(object).tolist()
    return column.tolist()


def _sqlite(column: np.ndarray) -> list:
    """A slice of a column as SQLite stores it through SQLAlchemy (ISO text, 0/1)."""
    if column.dtype.kind == "M":
        unit = "D" if column.dtype == np.dtype("datetime64[D]") else "us"
        text_values = np.char.replace(
            np.datetime_as_string(column, unit=unit), "T", " "
        )
        return np.where(np.isnat(column), None, text_values.astype(object)).tolist()
    if column.dtype.kind == "b":
        return column.astype(np.int64).tolist()
    return column.tolist()


def insert_columns(
    conn: Connection,
    table: Table,
    columns: Mapping[str, np.ndarray],
    progress: Progress | None = None,
) -> int:
    """Insert equal-length column arrays in chunks; return the number of rows.

    SQLite gets a plain DBAPI executemany of values formatted as SQLAlchemy would
    store them, PostgreSQL (psycopg) a COPY: both several times faster than Core
    inserts, which other databases get.
    """
    keys = list(columns)
    total = int(len(columns[keys[0]])) if keys else 0
    sqlite = conn.dialect.name == "sqlite"
    statement = (
        f"INSERT INTO {table.name} ({', '.join(keys)})"
        f" VALUES ({', '.join('?' for _ in keys)})"
    )
    for start in range(0, total, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, total)
        chunk = [np.asarray(columns[key][start:stop]) for key in keys]
        if sqlite:
            values = [_sqlite(column) for column in chunk]
            conn.exec_driver_sql(statement, list(zip(*values, strict=True)))
            continue
        values = [_python(column) for column in chunk]
        if conn.dialect.driver == "psycopg":
            _copy(conn, table, keys, zip(*values, strict=True))
            continue
        rows = [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]
        conn.execute(insert(table), rows)
    if progress is not None:
        progress(table.name, total)
    return total


def insert_batches(
    conn: Connection,
    table: Table,
    batches: Iterable[Mapping[str, np.ndarray]],
    progress: Progress | None = None,
) -> int:
    """Insert batches of column arrays, one after the other; return the row count."""
    total = sum(insert_columns(conn, table, columns) for columns in batches)
    if progress is not None:
        progress(table.name, total)
    return total


def _copy(conn: Connection, table: Table, keys: list[str], rows: Iterable) -> None:
    """PostgreSQL COPY of the rows, in the connection's transaction."""
    statement = f"COPY {table.name} ({', '.join(keys)}) FROM STDIN"
    cursor = conn.connection.driver_connection.cursor()
    with cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def holds_clients(conn: Connection) -> bool:
    """True when the clients table has at least one row."""
    clients = ENTITY_TABLES[0]
    return conn.execute(select(func.count()).select_from(clients)).scalar_one() > 0


def delete_entities(conn: Connection) -> None:
    """Delete every row of every imported entity, children first."""
    for table in reversed(ENTITY_TABLES):
        conn.execute(delete(table))


def reset_sequences(conn: Connection) -> None:
    """On PostgreSQL, move each id sequence past the ids written explicitly."""
    if conn.dialect.name != "postgresql":
        return
    for table in ENTITY_TABLES:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                f" COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
            )
        )
