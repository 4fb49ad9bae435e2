"""Files and workbooks: encodings, headers, names, empty files, sheets."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from data.importer import ImportFailed, import_files, import_path
from data.models import Attendee, Client, Meeting
from tests.data.import_helpers import CLIENTS, MEETINGS_HEADER, csv_bytes, dump

ENTITY_FILES = (
    "clients.csv, invoices.csv, meetings.csv, attendees.csv, action_items.csv,"
    " projects.csv, spend.csv, milestones.csv, surveys.csv, acquisition_spend.csv,"
    " targets.csv"
)


def problems(engine, files: dict[str, bytes]) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        import_files(engine, files, timezone="UTC")
    return [str(problem) for problem in failed.value.problems]


def client_names(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(select(Client.name).order_by(Client.external_id)))


@pytest.mark.parametrize("bom", [False, True], ids=["utf-8", "utf-8 with BOM"])
def test_utf8_with_and_without_bom(engine, bom):
    content = csv_bytes(
        "external_id,name,segment,onboarded_on",
        "C1,上海云帆科技有限公司,enterprise,2024-01-01",
        "C2,Café Nord,smb,2024-02-01",
        bom=bom,
    )
    report = import_files(engine, {"clients.csv": content}, timezone="UTC")
    assert report.entities["clients"].inserted == 2
    assert client_names(engine) == ["上海云帆科技有限公司", "Café Nord"]


def test_latin1_file_gets_a_clear_encoding_error(engine):
    content = "external_id,name,segment,onboarded_on\nC1,Acme,smb,2024-01-01\n"
    content += "C2,Café Nord,smb,2024-02-01\n"
    # "C2,Caf" is 6 bytes, so the Latin-1 é (0xe9) is the 7th byte of line 3.
    assert problems(engine, {"clients.csv": content.encode("latin-1")}) == [
        "clients.csv line 3: is not UTF-8 text (byte 0xe9 at position 7 of the"
        " line); save it as UTF-8 (in Excel: 'CSV UTF-8')"
    ]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n"])
def test_empty_file_is_an_error(engine, content):
    assert problems(engine, {"clients.csv": content}) == [
        "clients.csv: is empty: a header row is required"
    ]


def test_header_only_file_imports_zero_rows(engine):
    files = {
        "clients.csv": CLIENTS.encode(),
        "meetings.csv": csv_bytes(MEETINGS_HEADER),
    }
    report = import_files(engine, files, timezone="UTC")
    assert report.entities["meetings"].rows == 0
    assert report.entities["clients"].inserted == 1


def test_unknown_column_is_an_error_naming_the_column(engine):
    content = csv_bytes(
        "external_id,name,segment,onboarded_on,regoin", "C1,Acme,smb,2024-01-01,EMEA"
    )
    assert problems(engine, {"clients.csv": content}) == [
        "clients.csv line 1, column regoin: unknown column; clients.csv has"
        " external_id, name, segment, industry, region, owner, onboarded_on,"
        " churned_on, churn_reason"
    ]


def test_missing_and_duplicate_columns_are_errors(engine):
    content = csv_bytes("external_id,name,name,onboarded_on", "C1,Acme,Acme,2024-01-01")
    assert problems(engine, {"clients.csv": content}) == [
        "clients.csv line 1, column name: appears twice in the header",
        "clients.csv line 1, column segment: required column is missing from the"
        " header",
    ]


def test_column_order_is_free(engine):
    content = csv_bytes(
        "onboarded_on,segment,name,external_id", "2024-01-01,smb,Acme,C1"
    )
    import_files(engine, {"clients.csv": content}, timezone="UTC")
    assert client_names(engine) == ["Acme"]


def test_file_not_named_after_an_entity_is_an_error(engine):
    assert problems(engine, {"customers.csv": CLIENTS.encode()}) == [
        f"customers.csv: is not an entity file; expected {ENTITY_FILES}"
    ]


def test_quoted_multiline_text_reports_the_line_its_row_starts_on(engine):
    content = csv_bytes(
        "external_id,name,segment,onboarded_on",
        'C1,"Acme',
        'Holdings",smb,2024-01-01',
        "C2,Beta,tiny,2024-01-01",
    )
    assert problems(engine, {"clients.csv": content}) == [
        "clients.csv line 4, column segment: 'tiny' is not one of enterprise,"
        " mid_market, smb"
    ]


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


MEETING_ROW = ["M1", "C1", "qbr", dt.datetime(2025, 7, 14, 10, 0), 60, "held", 75]


def test_workbook_with_sheets_missing_imports_the_sheets_it_has(engine):
    content = workbook(
        {
            "clients": [
                ["external_id", "name", "segment", "onboarded_on"],
                ["C1", "Acme", "smb", dt.datetime(2024, 1, 1)],
            ],
            "meetings": [
                MEETINGS_HEADER.split(",")[:7] + ["cost"],
                MEETING_ROW + [100.5],
            ],
            "attendees": [
                ["meeting_external_id", "name", "side", "attended"],
                ["M1", "Ann", "client", True],
                ["M1", "Bob", "internal", False],
            ],
        }
    )
    report = import_files(engine, {"book.xlsx": content}, timezone="Europe/Berlin")
    assert list(report.entities) == ["clients", "meetings", "attendees"]
    with engine.connect() as conn:
        meeting = conn.execute(select(Meeting)).one()
        attended = dict(conn.execute(select(Attendee.name, Attendee.attended)).all())
    # 10:00 in Berlin in July (UTC+2) is 08:00 UTC; 100.5 is 10050 cents.
    assert meeting.scheduled_start == dt.datetime(2025, 7, 14, 8, 0)
    assert meeting.cost_cents == 10050
    assert meeting.actual_minutes == 75
    assert attended == {"Ann": True, "Bob": False}


def test_workbook_errors_name_sheet_and_row(engine):
    content = workbook(
        {
            "clients": [
                ["external_id", "name", "segment", "onboarded_on"],
                ["C1", "Acme", "smb", "2024-01-01"],
                ["C2", "Beta", "huge", "2024-01-01"],
            ],
            "Sheet1": [["notes"]],
        }
    )
    assert problems(engine, {"book.xlsx": content}) == [
        "book.xlsx: sheet 'Sheet1' is not an entity; sheets must be named clients,"
        " invoices, meetings, attendees, action_items, projects, spend, milestones,"
        " surveys, acquisition_spend, targets",
        "book.xlsx, sheet clients row 3, column segment: 'huge' is not one of"
        " enterprise, mid_market, smb",
    ]


def test_workbook_without_entity_sheets_is_an_error(engine):
    content = workbook({"Summary": [["a", "b"]]})
    assert problems(engine, {"book.xlsx": content}) == [
        "book.xlsx: sheet 'Summary' is not an entity; sheets must be named clients,"
        " invoices, meetings, attendees, action_items, projects, spend, milestones,"
        " surveys, acquisition_spend, targets",
        "book.xlsx: has no entity sheets",
    ]


def test_import_path_reads_a_folder_a_single_csv_and_rejects_an_empty_folder(
    engine, tmp_path
):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "clients.csv").write_text(CLIENTS, encoding="utf-8")
    (folder / "notes.txt").write_text("not imported", encoding="utf-8")
    assert import_path(engine, folder, timezone="UTC").entities["clients"].inserted == 1
    single = import_path(engine, folder / "clients.csv", timezone="UTC")
    assert single.entities["clients"].unchanged == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    before = dump(engine)
    with pytest.raises(ImportFailed) as failed:
        import_path(engine, empty, timezone="UTC")
    assert str(failed.value.problems[0]) == (
        f"{empty}: holds no entity CSV files ({ENTITY_FILES})"
    )
    assert dump(engine) == before


def test_an_entity_given_twice_or_an_unknown_file_type_is_an_error(engine):
    content = workbook(
        {"clients": [["external_id", "name", "segment", "onboarded_on"]]}
    )
    files = {
        "clients.csv": CLIENTS.encode(),
        "book.xlsx": content,
        "clients.txt": CLIENTS.encode(),
    }
    assert problems(engine, files) == [
        "clients.txt: is neither a .csv nor an .xlsx file",
        "book.xlsx, sheet clients: clients is also given in clients.csv; give each"
        " entity once",
    ]
