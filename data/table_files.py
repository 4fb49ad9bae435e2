"""One table as a CSV or XLSX file, written like the export: UTF-8 with a BOM for
CSV, formula-like texts escaped (data.formula_text), dates as YYYY-MM-DD."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from numbers import Number

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from data.formula_text import escape_text

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def cell_value(value: object) -> object:
    """A cell as written: None for missing, texts escaped, dates ISO, numbers kept."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Number):
        return value.item() if hasattr(value, "item") else value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape_text(str(value))


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    header = [escape_text(str(c)) for c in frame.columns]
    body = [[cell_value(v) for v in row] for row in frame.itertuples(index=False)]
    return [header, *body]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV, UTF-8 with a BOM, a header row first."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _rows(frame):
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """The frame as a one-sheet workbook, a header row first."""
    book = Workbook()
    page = book.active
    page.title = sheet[:31]
    for row in _rows(frame):
        # A spreadsheet cell cannot hold control characters: they are dropped.
        page.append([_sheet_text(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_text(value: object) -> object:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def table_file(frame: pd.DataFrame, kind: str, name: str) -> bytes:
    """`frame` as a file of `kind` (a key of FORMATS)."""
    return csv_bytes(frame) if kind == "csv" else xlsx_bytes(frame, name)
