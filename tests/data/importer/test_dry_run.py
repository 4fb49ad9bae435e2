"""A dry run is the real run rolled back: same counts, same problems, nothing kept;
and a file's unchanged example row (row 2 of the template) is never imported."""

from __future__ import annotations

import datetime as dt

import pytest

from data.importer import ImportFailed, import_files
from data.importer.examples import EXAMPLES
from data.version import data_version
from tests.data.import_helpers import CLIENTS_HEADER, csv_bytes, dump, sample_files
from tests.data.importer.test_files import workbook


def counts(report) -> dict[str, tuple[int, int, int, int, int]]:
    return {
        name: (c.rows, c.inserted, c.updated, c.unchanged, c.deleted)
        for name, c in report.entities.items()
    }


def run(engine, files, *, dry_run: bool):
    return import_files(engine, files, timezone="UTC", dry_run=dry_run)


def version(engine) -> int:
    with engine.connect() as conn:
        return data_version(conn)


def test_dry_run_on_the_sample_counts_what_the_real_run_writes(engine):
    before = dump(engine)
    dry = run(engine, sample_files(), dry_run=True)
    assert dump(engine) == before
    assert version(engine) == 0
    real = run(engine, sample_files(), dry_run=False)
    assert counts(dry) == counts(real)
    # data/sample: 4 clients, 6 meetings, every row new.
    assert counts(dry)["clients"] == (4, 4, 0, 0, 0)
    assert counts(dry)["meetings"] == (6, 6, 0, 0, 0)
    assert version(engine) == 1


def test_dry_run_of_a_change_counts_updates_and_deletions_like_the_real_run(engine):
    run(engine, sample_files(), dry_run=False)
    files = sample_files()
    files["clients.csv"] = files["clients.csv"].replace(b"Northwind", b"Southwind")
    # M-001 keeps only Alice Martin: its other attendees are deleted.
    lines = files["attendees.csv"].decode("utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("M-001,") or "Alice" in line]
    files["attendees.csv"] = csv_bytes(*kept)
    before = dump(engine)
    dry = run(engine, files, dry_run=True)
    assert dump(engine) == before
    real = run(engine, files, dry_run=False)
    assert counts(dry) == counts(real)
    assert counts(dry)["clients"] == (4, 0, 1, 3, 0)
    removed = sum(1 for line in lines if line.startswith("M-001,")) - 1
    assert removed > 0
    assert counts(dry)["attendees"][4] == removed


def _with(name: str, *lines: str) -> dict[str, bytes]:
    files = sample_files()
    files[name] += csv_bytes(*lines)
    return files


BAD_FILES = {
    "bad cell": lambda: _with("clients.csv", "C-009,Gamma,tiny,,,,2024-01-01,,"),
    "unknown file": lambda: {**sample_files(), "contacts.csv": b"a,b\n1,2\n"},
    "duplicate key": lambda: _with("surveys.csv", "S-001,C-001,2025-03-01,nps,7,"),
    "broken reference": lambda: _with("invoices.csv", "INV-9,C-404,2025-03-31,10.00,x"),
    "bad sheet name": lambda: {
        "book.xlsx": workbook(
            {
                "Clients list": [["external_id"], ["C1"]],
                "clients": [
                    ["external_id", "name", "segment", "onboarded_on"],
                    ["C1", "Acme", "smb", dt.datetime(2024, 1, 1)],
                ],
            }
        )
    },
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_dry_run_and_real_run_reject_a_bad_file_with_the_same_problems(engine, kind):
    run(engine, sample_files(), dry_run=False)
    before = dump(engine)
    with pytest.raises(ImportFailed) as dry:
        run(engine, BAD_FILES[kind](), dry_run=True)
    with pytest.raises(ImportFailed) as real:
        run(engine, BAD_FILES[kind](), dry_run=False)
    assert dry.value.problems == real.value.problems
    assert len(dry.value.problems) == 1
    assert dump(engine) == before
    assert version(engine) == 1


def test_the_hook_before_commit_can_roll_the_real_run_back(engine):
    class Stop(Exception):
        pass

    def refuse(_conn, report):
        assert report.entities["clients"].inserted == 4
        raise Stop

    with pytest.raises(Stop):
        import_files(engine, sample_files(), timezone="UTC", before_commit=refuse)
    assert all(rows == [] for rows in dump(engine).values())


def test_a_tick_that_raises_stops_the_run_and_nothing_is_written(engine):
    files = sample_files()
    files["invoices.csv"] += csv_bytes(
        *[f"INV-X{i},C-001,2025-03-31,1.00,x" for i in range(1000)]
    )
    ticks = []

    def tick():
        ticks.append(1)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_files(engine, files, timezone="UTC", tick=tick)
    assert ticks == [1]
    assert all(rows == [] for rows in dump(engine).values())


def _example_line(entity: str) -> str:
    return ",".join(EXAMPLES[entity].values())


def test_an_unchanged_example_row_is_skipped_and_a_changed_one_imported(engine):
    header = ",".join(EXAMPLES["clients"])
    files = {
        "clients.csv": csv_bytes(
            header, _example_line("clients"), "C1,Acme,smb,,,,2024-01-01,,", bom=True
        )
    }
    report = run(engine, files, dry_run=False)
    assert counts(report)["clients"] == (1, 1, 0, 0, 0)
    changed = _example_line("clients").replace("Example Client Ltd", "Real Ltd")
    report = run(engine, {"clients.csv": csv_bytes(header, changed)}, dry_run=False)
    assert counts(report)["clients"] == (1, 1, 0, 0, 0)
    # Only the first data row can be the example.
    files = {"clients.csv": csv_bytes(CLIENTS_HEADER, "C2,B,smb,2024-01-01,,")}
    assert counts(run(engine, files, dry_run=True))["clients"] == (1, 1, 0, 0, 0)


def test_example_rows_are_valid_data_once_their_ids_are_changed(engine):
    """Each example row passes every rule (so copying it as a pattern works)."""
    files = {
        f"{entity}.csv": csv_bytes(
            ",".join(example),
            ",".join(example.values()).replace("EXAMPLE-", "X-"),
        )
        for entity, example in EXAMPLES.items()
    }
    report = run(engine, files, dry_run=False)
    assert {name: c.inserted for name, c in report.entities.items()} == {
        name: 1 for name in EXAMPLES
    }


def test_another_connection_writing_during_the_run_does_not_stop_it(
    engine, monkeypatch
):
    """A session or a run's progress is written between the import's checks
    (which read the tables) and its writes."""
    from dashboard.auth.audit import record
    from data.importer import run as run_module

    checked = run_module.reference_problems

    def checked_then_written_elsewhere(*args):
        yield from checked(*args)
        with engine.begin() as other:
            record(other, "import", at=dt.datetime(2026, 1, 1), detail="progress")

    monkeypatch.setattr(
        run_module, "reference_problems", checked_then_written_elsewhere
    )
    report = import_files(engine, sample_files(), timezone="UTC")
    assert counts(report)["invoices"] == (6, 6, 0, 0, 0)
