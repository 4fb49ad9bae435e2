"""Control characters in imported cells are named errors, never a traceback: NUL
cannot be stored by PostgreSQL, and no other control character belongs in data."""

from __future__ import annotations

import io
import zipfile
import zoneinfo

import pytest
from openpyxl import Workbook

from data.importer import ImportFailed, import_files
from data.importer.contract import BY_NAME
from data.importer.validate import RowChecker
from tests.data.import_helpers import csv_bytes, dump

HEADER = "external_id,name,segment,onboarded_on"


def problems(engine, files: dict[str, bytes]) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        import_files(engine, files, timezone="UTC")
    return [str(problem) for problem in failed.value.problems]


def test_csv_cells_with_control_characters_are_named_errors(engine):
    content = csv_bytes(
        HEADER,
        "C1,Ac\x00me,smb,2024-01-01",
        "C\x1b2,Beta,smb,2024-01-01",
        "C3,Gamma,smb\x7f,2024-01-01",
    )
    assert problems(engine, {"clients.csv": content}) == [
        "clients.csv line 2, column name: contains a control character (NUL)",
        "clients.csv line 3, column external_id: contains a control character (U+001B)",
        "clients.csv line 4, column segment: contains a control character (U+007F)",
    ]
    assert dump(engine)["clients"] == []


def test_tabs_and_line_breaks_in_text_cells_are_kept(engine):
    content = csv_bytes(HEADER, 'C1,"Acme\tNorth\r\nEast",smb,2024-01-01')
    import_files(engine, {"clients.csv": content}, timezone="UTC")
    [row] = dump(engine)["clients"]
    assert "Acme\tNorth\r\nEast" in row


def test_workbook_cells_with_control_characters_are_named_errors():
    header = ["external_id", "name", "segment", "onboarded_on"]
    checker = RowChecker(BY_NAME["clients"], header, zoneinfo.ZoneInfo("UTC"))
    record, issues = checker.check(["C1", "Ac\x00me", "smb", "2024-01-01"])
    assert issues == [("name", "contains a control character (NUL)")]
    assert record["name"] is None


def _workbook_with_raw_cell(xml_text: str) -> bytes:
    """A clients sheet whose second row's name is `xml_text`, written into the
    sheet's XML as it is (a workbook library would refuse to write it)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "clients"
    sheet.append(["external_id", "name", "segment", "onboarded_on"])
    sheet.append(["C1", "MARK", "smb", "2024-01-01"])
    saved = io.BytesIO()
    book.save(saved)
    source = zipfile.ZipFile(io.BytesIO(saved.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(b"MARK", xml_text.encode()))
    return patched.getvalue()


def test_a_workbook_whose_xml_holds_a_control_character_is_a_named_error(engine):
    content = _workbook_with_raw_cell("Ac&#x0;me")
    [problem] = problems(engine, {"book.xlsx": content})
    assert problem.startswith(
        "book.xlsx, sheet clients: cannot be read after row 1: the sheet's XML"
        " is not valid (reference to invalid character number"
    )
    assert dump(engine)["clients"] == []
