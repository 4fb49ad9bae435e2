"""Benchmark: import 1,000,000 meetings (and their clients) into a fresh SQLite DB.

Run: `python benchmarks/import_meetings.py [--meetings N] [--clients N]`. The CSV files
are written to a temporary folder, then imported in a child process so the peak
memory printed is the import's own.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("qbr", "monthly_review", "weekly_sync", "workshop", "escalation")
SEGMENTS = ("enterprise", "mid_market", "smb")


def write_files(folder: Path, meetings: int, clients: int, seed: int = 7) -> None:
    """clients.csv and meetings.csv with valid rows, deterministic for a seed."""
    rng = random.Random(seed)
    with (folder / "clients.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["external_id", "name", "segment", "onboarded_on"])
        for n in range(clients):
            out.writerow([f"C{n:06d}", f"Client {n}", SEGMENTS[n % 3], "2022-01-01"])
    start = dt.datetime(2023, 1, 2, 8, 0)
    with (folder / "meetings.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(
            [
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
        )
        for n in range(meetings):
            when = start + dt.timedelta(minutes=30 * (n % 50_000))
            held = rng.random() < 0.8
            planned = rng.choice((30, 45, 60, 90))
            objectives = rng.randint(1, 5)
            out.writerow(
                [
                    f"M{n:08d}",
                    f"C{rng.randrange(clients):06d}",
                    KINDS[n % 5],
                    when.isoformat() + "+01:00",
                    planned,
                    "held" if held else "cancelled",
                    planned + rng.randint(-10, 20) if held else "",
                    objectives,
                    rng.randint(0, objectives) if held else "",
                    f"{rng.randint(0, 200_000) / 100:.2f}",
                    rng.randint(1, 5) if held else "",
                ]
            )


def run_import(folder: Path) -> None:
    """The child process: import the folder into a fresh SQLite DB, print figures."""
    sys.path.insert(0, str(ROOT))
    from data.db import make_engine, upgrade

    engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
    upgrade(engine)
    report, elapsed, cpu = timed_import(engine, folder)
    print(report.summary())
    meetings = report.entities["meetings"].rows
    print(f"elapsed: {elapsed:.1f} s wall, {cpu:.1f} s CPU for {report.rows:,} rows")
    print(
        f"rate: {meetings / elapsed:,.0f} meetings/s, {report.rows / elapsed:,.0f}"
        " rows/s (wall clock)"
    )
    again, elapsed, cpu = timed_import(engine, folder)
    unchanged = again.entities["meetings"].unchanged
    print(
        f"re-import of the same files: {elapsed:.1f} s wall, {cpu:.1f} s CPU"
        f" ({unchanged:,} meetings unchanged)"
    )


def timed_import(engine, folder: Path):
    """Import the folder; the report, wall-clock seconds and CPU seconds."""
    from data.importer import import_path

    wall, cpu = time.perf_counter(), time.process_time()
    report = import_path(engine, folder, timezone="Europe/Berlin")
    return report, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    """Write the files, import them in a child process, report time and memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_import(args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        write_files(folder, args.meetings, args.clients)
        size = (folder / "meetings.csv").stat().st_size / 1e6
        print(
            f"wrote {args.meetings:,} meetings ({size:.0f} MB) and {args.clients:,}"
            f" clients in {time.perf_counter() - started:.1f} s"
        )
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(folder)], check=False
        )
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of the import process: {peak:.0f} MB")
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
