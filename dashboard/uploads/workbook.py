"""The .xlsx templates: an empty one (header row, an example row, lists for coded
columns, the rules as comments on the header cells) and one filled with the
current data (the export as a workbook). Both import back as they are."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import Engine

from dashboard.kernel.i18n import translator
from data.exporter import entity_rows
from data.formula_text import escape_text
from data.importer.contract import (
    AMOUNT,
    BOOLEAN,
    DATE,
    DATETIME,
    ENTITIES,
    ENUM,
    INTEGER,
    NUMBER,
    TEXT,
    Column,
    Entity,
)
from data.importer.examples import EXAMPLES

LAST_ROW = 1_048_576  # a sheet's last row: lists hold for every row
HEADER_FONT = Font(bold=True)
EXAMPLE_FONT = Font(italic=True, color="6C757D")
AUTHOR = "Client Review Dashboard"


def column_rule(column: Column, lang: str) -> str:
    """What a cell of this column must hold, in the viewer's language."""
    _ = translator(lang)
    parts = [_("Required.") if column.required else _("Optional; may be empty.")]
    if column.refers_to:
        parts.append(
            _(
                "The {key} of a row of {entity} (in this upload or already imported).",
                key="external_id",
                entity=column.refers_to,
            )  # fmt: skip
        )
    elif column.kind == TEXT:
        if column.max_length:
            parts.append(_("Text, at most {n} characters.", n=column.max_length))
        else:
            parts.append(_("Text."))
    elif column.kind == ENUM:
        parts.append(_("One of: {choices}.", choices=", ".join(column.choices)))
    elif column.kind == DATE:
        parts.append(_("A date: a date cell, or text {format}.", format="YYYY-MM-DD"))
    elif column.kind == DATETIME:
        parts.append(
            _("A date and time: {format} text such as {example}; without an"
              " offset it is read in the dashboard's time zone.",
              format="ISO 8601", example="2025-02-11T10:00:00+01:00")
        )  # fmt: skip
    elif column.kind == AMOUNT:
        parts.append(_("An amount: '.' as decimal point, at most 2 decimals."))
    elif column.kind == INTEGER:
        parts.append(_("A whole number."))
    elif column.kind == NUMBER:
        parts.append(_("A number: '.' as decimal point."))
    elif column.kind == BOOLEAN:
        parts.append(_("One of: {choices}.", choices="true, false, 1, 0, yes, no"))
    if column.minimum is not None:
        parts.append(_("At least {value}.", value=f"{column.minimum:g}"))
    if column.maximum is not None:
        parts.append(_("At most {value}.", value=f"{column.maximum:g}"))
    if column.above is not None:
        parts.append(_("Greater than {value}.", value=f"{column.above:g}"))
    return " ".join(parts)


def example_note(lang: str) -> str:
    """The note on the first header cell: what row 2 is."""
    return translator(lang)(
        "Row 2 is an example. The import skips it as long as it is unchanged:"
        " write your rows below it (or overwrite it with a real row)."
    )


def _example_value(column: Column, text: str) -> object:
    """An example cell as typed as a spreadsheet would hold it."""
    if text == "":
        return None
    if column.refers_to or column.kind in (TEXT, ENUM, DATETIME):
        return text
    if column.kind == DATE:
        return dt.date.fromisoformat(text)
    if column.kind == BOOLEAN:
        return text == "true"
    if column.kind == INTEGER:
        return int(text)
    number = float(text)
    return int(number) if number.is_integer() else number


def _stored_value(column: Column, value: object, tz: zoneinfo.ZoneInfo) -> object:
    """A stored value as the cell of the filled template (reads back the same)."""
    if value is None:
        return None
    if column.refers_to or column.kind == TEXT:
        return ILLEGAL_CHARACTERS_RE.sub("", escape_text(value))
    if column.kind == DATETIME:
        return value.replace(tzinfo=dt.UTC).astimezone(tz).isoformat()
    if column.kind == AMOUNT:
        return Decimal(value) / 100
    return value


def _header(sheet, entity: Entity, lang: str, *, note: bool) -> list[WriteOnlyCell]:
    cells = []
    for index, column in enumerate(entity.columns):
        cell = WriteOnlyCell(sheet, column.name)
        cell.font = HEADER_FONT
        rule = column_rule(column, lang)
        if note and index == 0:
            rule = example_note(lang) + "\n\n" + rule
        cell.comment = Comment(rule, AUTHOR, width=320, height=160)
        cells.append(cell)
    return cells


def _lists(sheet, entity: Entity) -> None:
    for index, column in enumerate(entity.columns, start=1):
        if column.kind != ENUM:
            continue
        letter = get_column_letter(index)
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(column.choices) + '"',
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle=column.name,
            error=", ".join(column.choices),
        )
        rule.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.data_validations.append(rule)


def _date_cell(sheet, value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def write_template(out: BinaryIO, lang: str) -> None:
    """The empty template: per entity a sheet with the header and the example."""
    book = Workbook(write_only=True)
    for entity in ENTITIES:
        sheet = book.create_sheet(entity.name)
        _lists(sheet, entity)
        sheet.append(_header(sheet, entity, lang, note=True))
        row = []
        for column in entity.columns:
            value = _example_value(column, EXAMPLES[entity.name][column.name])
            cell = WriteOnlyCell(sheet, value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cell.font = EXAMPLE_FONT
            row.append(cell)
        sheet.append(row)
    book.save(out)


def write_filled(engine: Engine, out: BinaryIO, lang: str, *, timezone: str) -> int:
    """The template filled with every stored row (no example row); rows written."""
    tz = zoneinfo.ZoneInfo(timezone)
    book = Workbook(write_only=True)
    written = 0
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            for entity in ENTITIES:
                sheet = book.create_sheet(entity.name)
                _lists(sheet, entity)
                sheet.append(_header(sheet, entity, lang, note=False))
                for row in entity_rows(conn, entity):
                    sheet.append(
                        [
                            _date_cell(sheet, _stored_value(column, value, tz))
                            for column, value in zip(entity.columns, row, strict=True)
                        ]
                    )
                    written += 1
    book.save(out)
    return written
