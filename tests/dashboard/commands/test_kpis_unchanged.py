"""`kpis` on the small demo data gives exactly the recorded output.

The files in golden/ were written by `python -m dashboard kpis --format json`
on a database filled by `demo-data --size small --seed 7` with AS_OF=2026-11-15,
before the modules were reorganised. A change that is meant to change a figure
records the new output (see README.md, "Test it"); any other difference is a bug.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden"
RUNS = {
    "kpis-small-seed7-2026-Q3.json": ["--period", "2026-Q3"],
    "kpis-small-seed7-2026-Q3-smb.json": ["--period", "2026-Q3", "--segment", "smb"],
    "kpis-small-seed7-2025.json": ["--period", "2025"],
}


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> str:
    """The small demo data set (seed 7, up to 2026-11-15) in a SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('golden') / 'demo.db'}"
    with pytest.MonkeyPatch.context() as patch:
        _environment(patch, url)
        assert main(["demo-data", "--size", "small", "--seed", "7"]) == 0
    return url


def _environment(patch: pytest.MonkeyPatch, url: str) -> None:
    patch.setenv("DATABASE_URL", url)
    patch.setenv("AS_OF", "2026-11-15")
    patch.setenv("LOAD_DEMO_DATA", "false")
    patch.setenv("LOG_LEVEL", "WARNING")
    for name in ("TIMEZONE", "FISCAL_YEAR_START_MONTH", "GROSS_MARGIN", "CURRENCY"):
        patch.delenv(name, raising=False)


@pytest.mark.parametrize("golden", sorted(RUNS))
def test_kpis_output_equals_the_recorded_output(
    golden, demo_database, monkeypatch, capsys
):
    _environment(monkeypatch, demo_database)
    capsys.readouterr()
    assert main(["kpis", *RUNS[golden], "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == json.loads((GOLDEN / golden).read_text())
    assert out == (GOLDEN / golden).read_text()
