"""Whole runs: all problems at once, all or nothing, upsert and replacement rules."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from data.importer import ImportFailed, import_files
from data.models import AcquisitionSpend, Attendee, Client, Invoice, Meeting, Spend
from tests.data.import_helpers import csv_bytes, dump, sample_files


def counts(report, entity: str) -> tuple[int, int, int, int]:
    c = report.entities[entity]
    return (c.inserted, c.updated, c.unchanged, c.deleted)


def test_every_problem_of_every_file_is_reported_at_once(engine):
    files = sample_files()
    files["clients.csv"] += csv_bytes("C-005,Gamma,tiny,,,,2024-13-01,,")
    files["meetings.csv"] += csv_bytes(
        "M-007,C-404,qbr,2025-02-01T10:00:00Z,60,held,,,,,"
    )
    files["surveys.csv"] += csv_bytes("S-006,C-001,2025-02-01,nps,12,")
    with pytest.raises(ImportFailed) as failed:
        import_files(engine, files, timezone="UTC")
    # The sample files have 4 clients, 6 meetings and 5 surveys after the header,
    # so the added rows are on lines 6, 8 and 7.
    assert [str(p) for p in failed.value.problems] == [
        "clients.csv line 6, column segment: 'tiny' is not one of enterprise,"
        " mid_market, smb",
        "clients.csv line 6, column onboarded_on: '2024-13-01' is not a real"
        " calendar date",
        "meetings.csv line 8, column client_external_id: 'C-404' is not a known"
        " client external_id (neither in clients.csv of this import nor in the"
        " database)",
        "meetings.csv line 8, column actual_minutes: is required when status is held",
        "surveys.csv line 7, column score: must be 0 to 10 for a nps survey",
    ]
    assert failed.value.report().splitlines()[0] == (
        "Import rejected, nothing was written: 5 problems in 3 files."
    )


def test_a_failing_run_leaves_the_database_exactly_as_it_was(engine):
    import_files(engine, sample_files(), timezone="UTC")
    before = dump(engine)
    files = sample_files()
    files["clients.csv"] = files["clients.csv"].replace(b"Northwind", b"Southwind")
    files["invoices.csv"] += csv_bytes("INV-2000,C-001,2025-03-31,100.00,New")
    files["spend.csv"] = csv_bytes(
        "project_external_id,spent_on,amount,category", "P-001,2025-01-15,1.00,labor"
    )
    files["surveys.csv"] += csv_bytes("S-006,C-001,2025-02-30,nps,5,")
    with pytest.raises(ImportFailed) as failed:
        import_files(engine, files, timezone="UTC")
    assert len(failed.value.problems) == 1
    assert dump(engine) == before


def test_the_printed_report_is_capped_but_every_problem_is_counted(engine):
    rows = [f"C{n},Client {n},tiny,2024-01-01" for n in range(250)]
    content = csv_bytes("external_id,name,segment,onboarded_on", *rows)
    with pytest.raises(ImportFailed) as failed:
        import_files(engine, {"clients.csv": content}, timezone="UTC")
    lines = failed.value.report().splitlines()
    assert len(failed.value.problems) == 250
    # A summary line, 200 problems, then the rest counted.
    assert len(lines) == 202
    assert lines[-1] == "  ... and 50 more"


def test_reimporting_the_same_files_changes_nothing(engine):
    first = import_files(engine, sample_files(), timezone="Asia/Shanghai")
    before = dump(engine)
    again = import_files(engine, sample_files(), timezone="Asia/Shanghai")
    assert dump(engine) == before
    for name, entity in again.entities.items():
        assert entity.unchanged == first.entities[name].inserted == entity.rows
        assert (entity.inserted, entity.updated, entity.deleted) == (0, 0, 0)


def test_upsert_updates_only_what_changed(engine):
    import_files(engine, sample_files(), timezone="UTC")
    clients = csv_bytes(
        "external_id,name,segment,onboarded_on",
        "C-001,Northwind Traders,enterprise,2023-02-01",
        "C-002,上海云帆科技,mid_market,2023-06-15",
        "C-009,Zeta,smb,2025-01-01",
    )
    invoices = csv_bytes(
        "external_id,client_external_id,issued_on,amount",
        "INV-1004,C-009,2025-02-15,-480.05",
    )
    files = {"clients.csv": clients, "invoices.csv": invoices}
    report = import_files(engine, files, timezone="UTC")
    # C-001 is as stored except industry, region and owner, which this file leaves
    # empty, so it changes too; C-002 gets a new name; C-009 is new.
    assert counts(report, "clients") == (1, 2, 0, 0)
    assert counts(report, "invoices") == (0, 1, 0, 0)
    with engine.connect() as conn:
        names = dict(conn.execute(select(Client.external_id, Client.name)).all())
        owners = dict(conn.execute(select(Client.external_id, Client.owner)).all())
        moved = conn.execute(
            select(Client.external_id)
            .join(Invoice, Invoice.client_id == Client.id)
            .where(Invoice.external_id == "INV-1004")
        ).scalar_one()
    assert names["C-002"] == "上海云帆科技"
    assert names["C-003"] == "Blue Harbor Logistics, Inc."
    assert owners["C-001"] is None and owners["C-004"] == "Jonas Berg"
    assert moved == "C-009"


def test_attendees_of_a_meeting_are_replaced_by_the_file(engine):
    import_files(engine, sample_files(), timezone="UTC")
    attendees = csv_bytes(
        "meeting_external_id,name,side,attended",
        "M-001,Alice Martin,internal,true",
        "M-001,Tom Baker,client,true",
        "M-001,Ravi Patel,client,true",
    )
    report = import_files(engine, {"attendees.csv": attendees}, timezone="UTC")
    # M-001 had Alice (same), Sarah (dropped) and Tom (now attended); Ravi is new.
    assert counts(report, "attendees") == (1, 1, 1, 1)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Meeting.external_id, Attendee.name, Attendee.attended)
            .join(Meeting, Meeting.id == Attendee.meeting_id)
            .order_by(Meeting.external_id, Attendee.name)
        ).all()
    m001 = [(name, attended) for meeting, name, attended in rows if meeting == "M-001"]
    assert m001 == [("Alice Martin", True), ("Ravi Patel", True), ("Tom Baker", True)]
    # Other meetings keep their 7 attendees.
    assert len(rows) - len(m001) == 7


def spend_rows(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [
            (row.spent_on.isoformat(), row.amount_cents, row.category)
            for row in conn.execute(
                select(Spend).order_by(Spend.project_id, Spend.spent_on, Spend.id)
            )
        ]


def test_spend_replaces_the_days_the_file_covers_for_each_project(engine):
    import_files(engine, sample_files(), timezone="UTC")
    spend = csv_bytes(
        "project_external_id,spent_on,amount,category",
        "P-001,2025-01-15,6400.00,labor",
        "P-001,2025-01-20,99.99,travel",
        "P-001,2025-01-31,1200.00,software",
    )
    report = import_files(engine, {"spend.csv": spend}, timezone="UTC")
    # P-001's file covers 2025-01-15..2025-01-31: labor and software are kept
    # (unchanged), the stored travel of 350.20 goes, 99.99 on the 20th comes in,
    # and 2025-02-14 lies outside the covered days. P-002 is not in the file.
    assert counts(report, "spend") == (1, 0, 2, 1)
    assert spend_rows(engine) == [
        ("2025-01-15", 640000, "labor"),
        ("2025-01-20", 9999, "travel"),
        ("2025-01-31", 120000, "software"),
        ("2025-02-14", 640000, "labor"),
        ("2025-02-10", 300000, "labor"),
        ("2025-02-10", 300000, "labor"),
        ("2025-02-24", 450000, "subcontract"),
    ]


def test_identical_spend_rows_count_as_a_multiset(engine):
    import_files(engine, sample_files(), timezone="UTC")
    spend = csv_bytes(
        "project_external_id,spent_on,amount,category",
        "P-002,2025-02-10,3000.00,labor",
    )
    report = import_files(engine, {"spend.csv": spend}, timezone="UTC")
    # Two identical rows stored on 2025-02-10, one in the file: one stays.
    assert counts(report, "spend") == (0, 0, 1, 1)
    assert [r for r in spend_rows(engine) if r[0] == "2025-02-10"] == [
        ("2025-02-10", 300000, "labor")
    ]


def test_acquisition_spend_replaces_the_days_the_file_covers(engine):
    import_files(engine, sample_files(), timezone="UTC")
    acquisition = csv_bytes(
        "spent_on,channel,amount,segment",
        "2025-01-31,Events,12000.00,enterprise",
        "2025-02-01,Webinars,800.00,",
    )
    report = import_files(
        engine, {"acquisition_spend.csv": acquisition}, timezone="UTC"
    )
    # Covers 2025-01-31..2025-02-01: Events stays, Paid search on the 31st goes,
    # Webinars comes in; both 2025-02-28 rows lie outside.
    assert counts(report, "acquisition_spend") == (1, 0, 1, 1)
    with engine.connect() as conn:
        rows = conn.execute(
            select(AcquisitionSpend.spent_on, AcquisitionSpend.channel).order_by(
                AcquisitionSpend.spent_on, AcquisitionSpend.channel
            )
        ).all()
    assert [(d.isoformat(), c) for d, c in rows] == [
        ("2025-01-31", "Events"),
        ("2025-02-01", "Webinars"),
        ("2025-02-28", "Paid search"),
        ("2025-02-28", "Partner referrals"),
    ]


def test_times_without_offset_are_read_in_the_time_zone_and_stored_as_utc(engine):
    meetings = csv_bytes(
        "external_id,client_external_id,kind,scheduled_start,planned_minutes,status",
        "M1,C1,qbr,2025-01-14 10:00:00,60,scheduled",
        "M2,C1,qbr,2025-07-14T10:00,60,scheduled",
        "M3,C1,qbr,2025-07-14T10:00:00+08:00,60,scheduled",
        "M4,C1,qbr,2025-07-14T10:00:00Z,60,scheduled",
    )
    clients = csv_bytes(
        "external_id,name,segment,onboarded_on", "C1,Acme,smb,2024-01-01"
    )
    files = {"clients.csv": clients, "meetings.csv": meetings}
    import_files(engine, files, timezone="Europe/Berlin")
    with engine.connect() as conn:
        query = select(Meeting.external_id, Meeting.scheduled_start)
        starts = dict(conn.execute(query).all())
    # Berlin is UTC+1 in January and UTC+2 in July; offsets given are used as is.
    assert starts == {
        "M1": dt.datetime(2025, 1, 14, 9, 0),
        "M2": dt.datetime(2025, 7, 14, 8, 0),
        "M3": dt.datetime(2025, 7, 14, 2, 0),
        "M4": dt.datetime(2025, 7, 14, 10, 0),
    }


def test_amounts_are_stored_as_whole_cents(engine):
    import_files(engine, sample_files(), timezone="UTC")
    with engine.connect() as conn:
        amounts = dict(
            conn.execute(select(Invoice.external_id, Invoice.amount_cents)).all()
        )
    # 12500.00 -> 1250000, 4800.50 -> 480050, -480.05 -> -48005, 990 -> 99000.
    assert amounts == {
        "INV-1001": 1250000,
        "INV-1002": 1250000,
        "INV-1003": 480050,
        "INV-1004": -48005,
        "INV-1005": 99000,
        "INV-1006": 730025,
    }
