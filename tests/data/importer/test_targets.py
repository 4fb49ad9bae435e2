"""`targets.csv` and the action items' `visibility`: same strictness as every file."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data.importer import ImportFailed, import_files
from data.models import ActionItem, Target
from tests.data.import_helpers import ACTIONS_HEADER, CLIENTS, csv_bytes, dump, lines

HEADER = "kpi,period,value,client_external_id,segment,note"
CLIENTS_TWO = CLIENTS + "C2,Beta,enterprise,2024-01-01\n"


def _import(engine, targets: str, **options):
    files = {"clients.csv": CLIENTS_TWO.encode(), "targets.csv": targets.encode()}
    return import_files(engine, files, timezone="UTC", **options)


def _stored(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Target.scope, Target.client_id, Target.segment, Target.kpi,
                Target.period, Target.value, Target.note, Target.set_by,
                Target.version,
            ).order_by(Target.id)
        )  # fmt: skip
        return [tuple(row) for row in rows]


def test_every_bad_target_row_is_named_and_nothing_is_written(engine):
    _import(engine, lines(HEADER, "nps,2026-Q4,30,,,"))
    before = dump(engine)
    bad = lines(
        HEADER,
        "npss,2026-Q4,30,,,",  # 2
        "cac,2026-Q4,100,,,",  # 3
        "meetings_held,2026-Q4,4,,,",  # 4
        "nps,2026-Q5,30,,,",  # 5
        "nps,2026-Q4,30,C1,smb,",  # 6
        "attendance_rate,2026-Q4,85,C1,,",  # 7
        "open_overdue,2026-Q4,1.5,,smb,",  # 8
        "churn_rate,2026-Q4,0.05,C1,,",  # 9
        "nps,2026-Q4,30,C9,,",  # 10
        "nps,2026-Q4,30,,tiny,",  # 11
        "csat,2026-Q4,80,C2,,first",  # 12
        "csat,2026-Q4,85,C2,,again",  # 13
        "csat, 2026-Q4 ,70,,,",  # 14
        "csat,2026-Q4,75,,,",  # 15
        "nps,,30,,,",  # 16
    )
    with pytest.raises(ImportFailed) as failed:
        _import(engine, bad)
    assert [str(p) for p in failed.value.problems] == [
        "targets.csv line 2, column kpi: 'npss' is not a KPI key of METRICS.md",
        "targets.csv line 3, column kpi: cac is internal only and takes no target",
        "targets.csv line 4, column kpi: meetings_held has no better direction, so"
        " it takes no target",
        "targets.csv line 5, column period: period '2026-Q5' is not a quarter"
        " (2026-Q3), a month (2026-07) or a year (2026)",
        "targets.csv line 6, column segment: give a client or a segment, not both"
        " (neither: the whole portfolio)",
        "targets.csv line 7, column value: 85 is out of range: attendance_rate is a"
        " rate: give a fraction from 0 to 1 (0.85 for 85%)",
        "targets.csv line 8, column value: 1.5 is not possible: open_overdue is a"
        " count: give a whole number of at least 0",
        "targets.csv line 9, column client_external_id: churn_rate counts clients:"
        " a target for it is for a segment or all clients",
        "targets.csv line 10, column client_external_id: 'C9' is not a known client"
        " external_id (neither in clients.csv of this import nor in the database)",
        "targets.csv line 11, column segment: 'tiny' is not one of enterprise,"
        " mid_market, smb",
        "targets.csv line 13: a target for csat 2026-Q4 of client 'C2' already"
        " appears on line 12",
        # " 2026-Q4 " is read as 2026-Q4, so line 15 repeats line 14.
        "targets.csv line 15: a target for csat 2026-Q4 of the portfolio already"
        " appears on line 14",
        "targets.csv line 16, column period: is required but empty",
    ]
    assert dump(engine) == before


def test_targets_are_upserted_by_kpi_period_and_whom(engine):
    first = _import(
        engine,
        lines(
            HEADER,
            "attendance_rate,2026-Q4,0.85,C2,,Agreed at the QBR",
            "nps, 2026-Q4,30,,enterprise,",
            "open_overdue,2026-Q4,0,,,",
        ),
    )
    assert first.entities["targets"].inserted == 3
    stored = _stored(engine)
    assert stored == [
        ("client", 2, None, "attendance_rate", "2026-Q4", 0.85, "Agreed at the QBR",
         "import", 1),
        ("segment", None, "enterprise", "nps", "2026-Q4", 30.0, None, "import", 1),
        ("portfolio", None, None, "open_overdue", "2026-Q4", 0.0, None, "import", 1),
    ]  # fmt: skip
    # The same rows again: nothing changes, not even the version.
    again = _import(
        engine,
        lines(
            HEADER,
            "open_overdue,2026-Q4,0,,,",
            "attendance_rate,2026-Q4,0.85,C2,,Agreed at the QBR",
            "nps,2026-Q4,30,,enterprise,",
        ),
    )
    counts = again.entities["targets"]
    assert (counts.inserted, counts.updated, counts.unchanged) == (0, 0, 3)
    assert _stored(engine) == stored
    # A new value for the portfolio, a new note for C2, a target for C1.
    changed = _import(
        engine,
        lines(
            HEADER,
            "open_overdue,2026-Q4,2,,,",
            "attendance_rate,2026-Q4,0.85,C2,,Moved at the review",
            "attendance_rate,2026-Q4,0.8,C1,,",
        ),
    )
    counts = changed.entities["targets"]
    assert (counts.inserted, counts.updated, counts.unchanged) == (1, 2, 0)
    assert _stored(engine) == [
        ("client", 2, None, "attendance_rate", "2026-Q4", 0.85,
         "Moved at the review", "import", 2),
        ("segment", None, "enterprise", "nps", "2026-Q4", 30.0, None, "import", 1),
        ("portfolio", None, None, "open_overdue", "2026-Q4", 2.0, None, "import", 2),
        ("client", 1, None, "attendance_rate", "2026-Q4", 0.8, None, "import", 1),
    ]  # fmt: skip


def test_fiscal_period_labels_follow_the_fiscal_year_setting(engine):
    rows = lines(HEADER, "nps,FY2027-Q1,30,,,")
    with pytest.raises(ImportFailed) as failed:
        _import(engine, rows)
    assert [str(p) for p in failed.value.problems] == [
        "targets.csv line 2, column period: period 'FY2027-Q1': fiscal quarters"
        " need FISCAL_YEAR_START_MONTH; write calendar quarters like 2026-Q3"
    ]
    _import(engine, rows, fiscal_start_month=4)
    assert [row[4] for row in _stored(engine)] == ["FY2027-Q1"]


def _items(engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(select(ActionItem.external_id, ActionItem.visibility))
        return dict(rows.all())


def test_action_item_visibility_is_internal_unless_marked_shared(engine):
    files = {
        "clients.csv": CLIENTS.encode(),
        "action_items.csv": csv_bytes(
            ACTIONS_HEADER + ",visibility",
            "A1,C1,,Send deck,Ann,2025-01-01,2025-01-10,,shared",
            "A2,C1,,Draft renewal,Ann,2025-01-01,2025-01-10,,internal",
            "A3,C1,,Check invoice,Ann,2025-01-01,2025-01-10,,",
        ),
    }
    import_files(engine, files, timezone="UTC")
    assert _items(engine) == {"A1": "shared", "A2": "internal", "A3": "internal"}
    # A file without the column: its items are internal.
    files["action_items.csv"] = csv_bytes(
        ACTIONS_HEADER, "A4,C1,,Call back,Ann,2025-01-01,2025-01-10,"
    )
    import_files(engine, files, timezone="UTC")
    assert _items(engine)["A4"] == "internal"
    before = dump(engine)
    files["action_items.csv"] = csv_bytes(
        ACTIONS_HEADER + ",visibility",
        "A1,C1,,Send deck,Ann,2025-01-01,2025-01-10,,public",
    )
    with pytest.raises(ImportFailed) as failed:
        import_files(engine, files, timezone="UTC")
    assert [str(p) for p in failed.value.problems] == [
        "action_items.csv line 2, column visibility: 'public' is not one of shared,"
        " internal"
    ]
    assert dump(engine) == before
