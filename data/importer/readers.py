"""Streaming readers: entity CSV files and .xlsx workbooks, row by row.

A reader yields Tables: the entity, where it came from, the header, and an iterator
of (row number, cell values). Nothing is held in memory beyond the current row.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from data.importer.contract import BY_NAME

BOM = b"\xef\xbb\xbf"
ENCODING_HINT = "save it as UTF-8 (in Excel: 'CSV UTF-8')"


class ReadError(Exception):
    """A file or sheet cannot be read from this row on; `row` may be None."""

    def __init__(self, row: int | None, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message


@dataclass
class Table:
    """One entity's rows from one CSV file or workbook sheet."""

    entity: str
    where: str  # "clients.csv" or "book.xlsx, sheet clients"
    unit: str  # "line" for CSV files, "row" for workbook sheets
    header_row: int
    header: list[str]
    rows: Iterator[tuple[int, list[object]]]


def entity_for_file(file_name: str) -> str | None:
    """The entity a CSV file name stands for (`clients.csv` -> clients), or None."""
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    if not base.lower().endswith(".csv"):
        return None
    stem = base[:-4]
    return stem if stem in BY_NAME else None


def read_csv(where: str, entity: str, stream: BinaryIO) -> Table:
    """Open an entity CSV: decode UTF-8 line by line, find the header row."""
    records = _records(where, stream)
    for line, values in records:
        if any(value.strip() for value in values):
            header = [name.strip() for name in values]
            return Table(entity, where, "line", line, header, records)
    raise ReadError(None, "is empty: a header row is required")


def _records(where: str, stream: BinaryIO) -> Iterator[tuple[int, list[object]]]:
    lines = _decoded_lines(stream)
    reader = csv.reader(lines, strict=True)
    start = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ReadError(reader.line_num, f"is not valid CSV ({exc})") from None
        if values:
            yield start, values
        start = reader.line_num + 1


def _decoded_lines(stream: BinaryIO) -> Iterator[str]:
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = raw[exc.start]
            raise ReadError(
                number,
                f"is not UTF-8 text (byte 0x{byte:02x} at position {exc.start + 1}"
                f" of the line); {ENCODING_HINT}",
            ) from None


def read_workbook(
    where: str, stream: BinaryIO, stack: ExitStack
) -> tuple[list[Table], list[str]]:
    """The entity sheets of a workbook, and the names of sheets that are no entity.

    The workbook is closed when `stack` closes.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadError(None, f"is not an .xlsx workbook ({exc})") from None
    stack.callback(book.close)
    tables: list[Table] = []
    strangers: list[str] = []
    for sheet in book.worksheets:
        name = sheet.title.strip()
        if name not in BY_NAME:
            strangers.append(sheet.title)
            continue
        sheet.reset_dimensions()
        tables.append(_sheet_table(f"{where}, sheet {name}", name, sheet))
    return tables, strangers


def _sheet_table(where: str, entity: str, sheet) -> Table:
    rows = _sheet_rows(sheet)
    for number, values in rows:
        header = ["" if v is None else str(v).strip() for v in values]
        while header and header[-1] == "":
            header.pop()
        return Table(entity, where, "row", number, header, rows)
    return Table(entity, where, "row", 0, [], iter(()))


def _sheet_rows(sheet) -> Iterator[tuple[int, list[object]]]:
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    number = 0
    while True:
        try:
            number, values = next(rows)
        except StopIteration:
            return
        except ParseError as exc:
            # A sheet's XML cannot hold most control characters (NUL among them).
            after = f" after row {number}" if number else ""
            raise ReadError(
                None, f"cannot be read{after}: the sheet's XML is not valid ({exc})"
            ) from None
        cells = ["" if v is None else v for v in values]
        while cells and (cells[-1] == "" or cells[-1] is None):
            cells.pop()
        if cells:
            yield number, cells


def as_stream(content: BinaryIO | bytes) -> BinaryIO:
    """Uploaded bytes or an open binary file, as a binary stream."""
    if isinstance(content, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(content))
    return content
