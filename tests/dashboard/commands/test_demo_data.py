"""`python -m dashboard demo-data`: fills an empty database, refuses a full one."""

from __future__ import annotations

import pytest

from dashboard.cli import main


@pytest.fixture
def demo_env(tmp_path, monkeypatch):
    """Environment pointing the command at a fresh SQLite file, with a fixed today."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("AS_OF", "2026-05-14")
    monkeypatch.setenv("TIMEZONE", "Europe/Berlin")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")


def test_fills_an_empty_database_and_prints_rows_per_table(demo_env, capsys):
    assert main(["demo-data", "--size", "small", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split()[1] for line in out.splitlines()[:12]}
    assert lines["clients"] == "60"
    assert set(lines) >= {"meetings", "attendees", "spend", "targets", "total"}
    assert "small demo data up to 2026-05-14 written in" in out
    assert "rows/s" in out


def test_refuses_a_full_database_unless_replace(demo_env, capsys):
    assert main(["demo-data", "--size", "small"]) == 0
    capsys.readouterr()
    assert main(["demo-data", "--size", "small"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "error: the database already holds clients; run with --replace to"
        " overwrite them"
    )
    assert main(["demo-data", "--size", "small", "--replace", "--seed", "5"]) == 0


def test_rejects_an_unknown_size(demo_env):
    with pytest.raises(SystemExit) as exit_info:
        main(["demo-data", "--size", "huge"])
    assert exit_info.value.code == 2


def test_the_command_offers_exactly_the_generators_sizes():
    from dashboard.commands.demo_data import SIZES
    from data.demo import DEMO_SIZES

    assert tuple(DEMO_SIZES) == SIZES
