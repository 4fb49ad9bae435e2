"""Frames from query rows without pandas probing each SQLAlchemy Row."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Executable


def plain_rows(result) -> list[tuple]:
    """A result's rows as plain tuples: pandas probing SQLAlchemy Row objects
    for attributes is many times slower than building the frame."""
    return [tuple(row) for row in result]


def rows_frame(
    rows: Sequence, columns: Sequence[str], integers: Collection[str] = ()
) -> pd.DataFrame:
    """A frame of the rows' values, column by column: the `integers` columns as
    int64, the others as objects (the values as the driver gave them)."""
    values = list(zip(*rows, strict=True)) or [()] * len(columns)
    return pd.DataFrame(
        {
            name: (
                np.asarray(column, dtype="int64")
                if name in integers
                else pd.Series(column, dtype=object)
            )
            for name, column in zip(columns, values, strict=True)
        }
    )


def integer_matrix(conn: Connection, statement: Executable, width: int) -> np.ndarray:
    """The rows of a statement whose columns are all whole numbers, as an int64
    matrix of `width` columns, read straight from the driver's cursor: building
    a Row per row costs several times more than the query on large results.
    (A driver's decimals, e.g. PostgreSQL's sums of BIGINT, are whole here.)"""
    result = conn.execute(statement)
    rows = result.cursor.fetchall() if result.returns_rows else []
    result.close()
    if not rows:
        return np.zeros((0, width), dtype="int64")
    return np.array(rows, dtype="int64")
