"""`python -m dashboard import` and `export`: output, exit codes, nothing half done."""

from __future__ import annotations

import pytest

from dashboard.cli import main
from tests.data.import_helpers import SAMPLE


@pytest.fixture
def database(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("TIMEZONE", "Europe/Berlin")
    return tmp_path


def test_import_prints_counts_per_entity(database, capsys):
    assert main(["import", str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "entity", "rows", "inserted", "updated", "unchanged", "deleted"
    ]  # fmt: skip
    assert lines[1].split() == ["clients", "4", "4", "0", "0", "0"]
    # data/sample: 52 rows of the ten original files and 5 targets.
    total = next(line for line in lines if " rows in " in line)
    assert total.startswith("57 rows in ") and total.endswith(" rows/s)")


def test_a_bad_import_prints_every_problem_and_exits_1(database, capsys):
    bad = database / "clients.csv"
    bad.write_text(
        "external_id,name,segment,onboarded_on\nC1,Acme,smb,2024-01-01\n"
        "C2,Beta,tiny,2024-01-01\nC3,,smb,2024-01-01\n",
        encoding="utf-8",
    )
    assert main(["import", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "Import rejected, nothing was written: 2 problems in 1 file.",
        "  clients.csv line 3, column segment: 'tiny' is not one of enterprise,"
        " mid_market, smb",
        "  clients.csv line 4, column name: is required but empty",
    ]
    assert main(["export", str(database / "out")]) == 0
    exported = (database / "out" / "clients.csv").read_text(encoding="utf-8-sig")
    assert exported.splitlines() == [
        "external_id,name,segment,industry,region,owner,onboarded_on,churned_on,"
        "churn_reason"
    ]


def test_export_then_import_into_a_new_database(database, capsys, monkeypatch):
    assert main(["import", str(SAMPLE)]) == 0
    assert main(["export", str(database / "backup")]) == 0
    out = capsys.readouterr().out
    assert "meetings.csv                     6 rows" in out
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database / 'restored.db'}")
    assert main(["import", str(database / "backup")]) == 0
    assert "clients                    4         4" in capsys.readouterr().out


def test_import_of_a_missing_path_is_a_one_line_error(database, capsys):
    assert main(["import", str(database / "nowhere")]) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"error: {database / 'nowhere'} does not exist"
    )


def test_imports_and_exports_are_audited(database, capsys):
    from sqlalchemy import create_engine

    from dashboard.auth.audit import recent

    bad = database / "clients.csv"
    bad.write_text("external_id,name\nC1,Acme\n", encoding="utf-8")
    assert main(["import", str(bad)]) == 1
    assert main(["import", str(SAMPLE)]) == 0
    assert main(["export", str(database / "out")]) == 0
    engine = create_engine(f"sqlite:///{database / 'cli.db'}")
    with engine.connect() as conn:
        entries = recent(conn)
    engine.dispose()
    # Newest first: the export, the good import, the rejected one.
    assert [(e.action, e.address) for e in entries] == [
        ("export", "cli"),
        ("import", "cli"),
        ("import", "cli"),
    ]
    assert entries[0].detail == f"{database / 'out'}: 57 rows"
    assert entries[1].detail == f"{SAMPLE}: 57 rows"
    assert entries[2].detail.startswith(f"rejected {bad}: ")
    assert entries[2].detail.endswith("problem(s), nothing written")


def test_target_periods_are_read_with_the_fiscal_year_setting(
    database, monkeypatch, capsys
):
    targets = database / "targets.csv"
    targets.write_text("kpi,period,value\nnps,FY2027-Q1,30\n", encoding="utf-8")
    assert main(["import", str(targets)]) == 1
    assert "fiscal quarters need FISCAL_YEAR_START_MONTH" in capsys.readouterr().err
    monkeypatch.setenv("FISCAL_YEAR_START_MONTH", "4")
    assert main(["import", str(targets)]) == 0
    assert capsys.readouterr().out.splitlines()[1].split() == [
        "targets", "1", "1", "0", "0", "0"
    ]  # fmt: skip


def test_import_prints_the_data_quality_summary_and_what_changed(
    database, capsys, monkeypatch
):
    """On 2025-04-15 the sample's newest invoice (Feb 28) is 46 days old and its
    newest spend (Feb 24) 50: both over their 45 days. Nothing else fails."""
    monkeypatch.setenv("AS_OF", "2025-04-15")
    assert main(["import", str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2:] == [
        "Data quality: 1 of 10 checks fail.",
        "high · Feeds that went quiet: 0 → 2",
    ]
    items = database / "action_items.csv"
    items.write_text(
        "external_id,client_external_id,title,owner,created_on,due_on\n"
        "A-009,C-001,Call back,TBD,2025-04-01,2025-05-01\n",
        encoding="utf-8",
    )
    assert main(["import", str(items)]) == 0
    assert capsys.readouterr().out.splitlines()[-3:] == [
        "Data quality: 2 of 10 checks fail.",
        "high · Feeds that went quiet: 2",
        "low · Open action items without an owner: 0 → 1",
    ]
