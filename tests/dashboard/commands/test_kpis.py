"""`python -m dashboard kpis`: JSON and table output, one-line errors with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.kernel.catalog import KPI_KEYS
from tests.factories import BOOK_AS_OF, add_book, command_database

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def book_database(tmp_path, monkeypatch):
    """A migrated SQLite database holding the book; the environment points at it."""
    return command_database(tmp_path, monkeypatch, add_book, BOOK_AS_OF)


def run(capsys, *args):
    code = main(["kpis", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_every_key_for_p_and_p_minus_1(book_database, capsys):
    code, out, err = run(capsys, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    # no --period: the quarter containing as_of (2026-05-15), to date
    assert report["period"] == "2026-Q2"
    assert report["as_of"] == "2026-05-15"
    assert report["filters"]["segment"] is None
    assert set(KPI_KEYS) <= set(report)
    assert set(KPI_KEYS) <= set(report["previous"])
    assert report["previous"]["period"] == "2026-Q1"
    assert report["active_clients"] == 3
    assert report["revenue"] == 2000.0
    assert report["arpa"] == pytest.approx(2000 / 3, rel=1e-12)  # full precision
    assert report["previous"]["arpa"] is None  # no revenue in 2026-01-01..02-14


def test_json_with_filters(book_database, capsys):
    code, out, _ = run(
        capsys, "--period", "2026-Q2", "--segment", "smb", "--format", "json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["filters"]["segment"] == "smb"
    # smb: C, D, F, H -> active on t: C; new C, D; spend tagged smb 300000 / 2
    assert (report["active_clients"], report["new_clients"]) == (1, 2)
    assert report["cac"] == 1500.0
    code, out, _ = run(capsys, "--client", "A", "--client", "B", "--format", "json")
    report = json.loads(out)
    assert report["filters"]["clients"] == ["A", "B"]
    assert report["clients_at_start"] == 2
    assert report["cac"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026-Q5"], "2026-Q5"),
        (["--period", "2026-Q4"], "has not started yet"),
        (["--client", "NOPE"], "unknown client NOPE"),
        (["--segment", "giant"], "segment 'giant'"),
        (["--region", "atlantis"], "unknown region 'atlantis'"),
        (["--owner", "zed"], "unknown owner 'zed'"),
    ],
)
def test_bad_filters_exit_2_with_one_line(book_database, capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert message in err


@pytest.mark.parametrize(
    ("label", "first", "last"),
    [
        ("0001-Q1", "1972-Q4", "2200-Q4"),
        ("0000-Q1", "1972-Q4", "2200-Q4"),
        ("9999-Q4", "1972-Q4", "2200-Q4"),
        ("0001", "1978", "2200"),
        ("0001-01", "1972-10", "2200-12"),
    ],
)
def test_a_period_out_of_range_exits_2_with_one_line(
    book_database, capsys, label, first, last
):
    code, out, err = run(capsys, "--period", label, "--format", "json")
    assert (code, out) == (2, "")
    assert err == (
        f"error: period {label!r} is out of range: choose one from {first} to {last}\n"
    )


def test_fiscal_periods_out_of_range_and_at_the_edge(
    book_database, capsys, monkeypatch
):
    monkeypatch.setenv("FISCAL_YEAR_START_MONTH", "4")
    code, _out, err = run(capsys, "--period", "FY1973-Q2")
    assert code == 2
    assert err == (
        "error: period 'FY1973-Q2' is out of range: choose one from FY1973-Q3 to"
        " FY2201-Q3\n"
    )
    code, out, err = run(capsys, "--period", "FY1973-Q3", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["window"] == {"start": "1972-10-01", "t": "1972-12-31"}
    assert report["previous"]["period"] == "FY1973-Q2"


def test_table_is_readable(book_database, capsys):
    code, out, _ = run(capsys, "--period", "2026-Q2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("KPIs for 2026-Q2 (2026-04-01 to 2026-05-15")
    assert "compared with 2026-Q1 (2026-01-01 to 2026-02-14)" in lines[0]
    for title in ("Clients", "Revenue", "Satisfaction", "Meetings", "Budget"):
        assert title in lines
    by_label = {line.split("  ")[1]: line for line in lines if line.startswith("  ")}
    # retention 3/5 now, 5/5 before: -40 pp, lower is worse
    retention = by_label["Retention rate"]
    assert "60.0 %" in retention and "100.0 %" in retention
    assert retention.endswith("-40.0 pp ▼ worse")
    # lost clients 4 against 0: no percentage of zero
    assert by_label["Lost clients"].endswith("new ▲ worse")
    # ARPA undefined before: shown as a dash, and no change
    arpa = by_label["ARPA"]
    assert "666.67" in arpa and arpa.count("—") == 2
    assert "2,000.00" in by_label["Revenue"]


def test_command_line_error_is_one_line_on_stderr(book_database, monkeypatch):
    # the real process, default log level: schema-check chatter must not show
    monkeypatch.delenv("LOG_LEVEL")
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "kpis", "--period", "2026-Q5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "error: period '2026-Q5' is not a quarter (2026-Q3), a month (2026-07)"
        " or a year (2026)"
    ]
