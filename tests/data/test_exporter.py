"""Export: the contract's CSV files, formula escaping, and exact round trips."""

from __future__ import annotations

import csv
import datetime as dt

from sqlalchemy import insert, select

from data.demo import generate_demo_data
from data.exporter import export_all
from data.importer import import_files, import_path
from data.models import Client
from tests.data.import_helpers import SAMPLE, contents, sample_files, wipe

FORMULA_LIKE = [
    "=SUM(A1:A3)",
    "+1 555 0100",
    "-2+3",
    "@cmd",
    "\tindented",
    "\rreturn",
    "'quoted",
    "''twice",
    "plain = fine",
    "北京 =1",
]


def read_rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_sample_round_trip_gives_identical_rows(engine, tmp_path):
    import_path(engine, SAMPLE, timezone="Europe/Berlin")
    before = contents(engine)
    counts = export_all(engine, tmp_path / "backup", timezone="Europe/Berlin")
    assert counts == {
        "clients": 4,
        "invoices": 6,
        "meetings": 6,
        "attendees": 10,
        "action_items": 4,
        "projects": 2,
        "spend": 7,
        "milestones": 4,
        "surveys": 5,
        "acquisition_spend": 4,
        "targets": 5,
    }
    wipe(engine)
    assert all(rows == [] for rows in contents(engine).values())
    report = import_path(engine, tmp_path / "backup", timezone="Europe/Berlin")
    assert report.rows == sum(counts.values())
    assert contents(engine) == before
    # A second export of the restored data is byte for byte the first one.
    export_all(engine, tmp_path / "again", timezone="Europe/Berlin")
    for path in (tmp_path / "backup").iterdir():
        assert path.read_bytes() == (tmp_path / "again" / path.name).read_bytes()


def test_export_writes_the_contract_formats(engine, tmp_path):
    import_files(engine, sample_files(), timezone="UTC")
    export_all(engine, tmp_path, timezone="Asia/Shanghai")
    clients = (tmp_path / "clients.csv").read_bytes()
    assert clients.startswith(b"\xef\xbb\xbfexternal_id,name,segment,")
    meetings = read_rows(tmp_path / "meetings.csv")
    assert meetings[0] == [
        "external_id",
        "client_external_id",
        "kind",
        "scheduled_start",
        "planned_minutes",
        "status",
        "actual_minutes",
        "objectives_set",
        "objectives_met",
        "cost",
        "feedback_score",
    ]
    # M-001 was 10:00+01:00 = 09:00 UTC = 17:00 in Shanghai (+08:00).
    assert meetings[1] == [
        "M-001", "C-001", "qbr", "2025-01-14T17:00:00+08:00", "90", "held", "105",
        "4", "3", "1200.00", "4.5",
    ]  # fmt: skip
    # M-004 is cancelled: empty cells stay empty.
    assert meetings[4][6:] == ["", "", "", "", ""]
    invoices = {row[0]: row[3] for row in read_rows(tmp_path / "invoices.csv")[1:]}
    assert invoices["INV-1004"] == "-480.05"
    assert invoices["INV-1005"] == "990.00"
    attendees = read_rows(tmp_path / "attendees.csv")[1:4]
    assert [row[3] for row in attendees] == ["true", "true", "false"]
    milestones = {row[0]: row[5] for row in read_rows(tmp_path / "milestones.csv")[1:]}
    assert milestones == {"MS-001": "1", "MS-002": "2", "MS-003": "1", "MS-004": "1.5"}


def test_formula_like_texts_are_escaped_in_the_file_and_come_back_exactly(
    engine, tmp_path
):
    with engine.begin() as conn:
        conn.execute(
            insert(Client),
            [
                {
                    "external_id": f"C{n}",
                    "name": text,
                    "segment": "smb",
                    "owner": text,
                    "onboarded_on": dt.date(2024, 1, 1),
                }
                for n, text in enumerate(FORMULA_LIKE)
            ],
        )
    export_all(engine, tmp_path, timezone="UTC")
    names = [row[1] for row in read_rows(tmp_path / "clients.csv")[1:]]
    assert names == [
        "'=SUM(A1:A3)",
        "'+1 555 0100",
        "'-2+3",
        "'@cmd",
        "'\tindented",
        "'\rreturn",
        "''quoted",
        "'''twice",
        "plain = fine",
        "北京 =1",
    ]
    wipe(engine)
    import_path(engine, tmp_path, timezone="UTC")
    with engine.connect() as conn:
        rows = conn.execute(select(Client.name, Client.owner).order_by(Client.id))
        assert [tuple(row) for row in rows] == [(t, t) for t in FORMULA_LIKE]


def test_unescaped_formula_text_in_an_input_file_is_stored_as_text(engine):
    clients = "external_id,name,segment,onboarded_on\nC1,=HYPERLINK(x),smb,2024-01-01\n"
    import_files(engine, {"clients.csv": clients.encode()}, timezone="UTC")
    with engine.connect() as conn:
        assert conn.scalar(select(Client.name)) == "=HYPERLINK(x)"


def test_chinese_texts_round_trip(engine, tmp_path):
    import_files(engine, sample_files(), timezone="UTC")
    export_all(engine, tmp_path, timezone="UTC")
    text = (tmp_path / "clients.csv").read_text(encoding="utf-8-sig")
    assert "C-002,上海云帆科技有限公司,mid_market" in text
    wipe(engine)
    import_path(engine, tmp_path, timezone="UTC")
    with engine.connect() as conn:
        name = conn.scalar(select(Client.name).where(Client.external_id == "C-002"))
    assert name == "上海云帆科技有限公司"


def test_demo_data_round_trip_gives_identical_rows(engine, tmp_path):
    generate_demo_data(
        engine, size="small", seed=7, end=dt.date(2026, 5, 14), timezone="Asia/Shanghai"
    )
    before = contents(engine)
    assert len(before["meetings"]) > 100
    export_all(engine, tmp_path, timezone="Asia/Shanghai")
    wipe(engine)
    import_path(engine, tmp_path, timezone="Asia/Shanghai")
    assert contents(engine) == before


def test_targets_and_visibility_are_written_as_imported(engine, tmp_path):
    import_files(engine, sample_files(), timezone="UTC")
    export_all(engine, tmp_path, timezone="UTC")
    assert read_rows(tmp_path / "targets.csv") == [
        ["kpi", "period", "value", "client_external_id", "segment", "note"],
        [
            "attendance_rate",
            "2025-Q1",
            "0.85",
            "C-001",
            "",
            "Agreed at the January QBR",
        ],
        ["open_overdue", "2025-Q1", "0", "C-002", "", "逾期事项清零"],
        ["nps", "2025-Q1", "30", "", "enterprise", ""],
        ["action_item_on_time_rate", "2025-Q1", "0.8", "", "", ""],
        ["retention_rate", "2025", "0.9", "", "", ""],
    ]
    items = read_rows(tmp_path / "action_items.csv")
    assert items[0][-2:] == ["visibility", "side"]
    # A-004 had no visibility in the file: it is internal, and written so.
    assert [row[-2] for row in items[1:]] == [
        "shared",
        "shared",
        "internal",
        "internal",
    ]
