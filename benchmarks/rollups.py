"""Before and after, in one run: the views' CPU seconds with the code of an earlier
revision and with this checkout's, on the same `large` demo database.

Usage: python benchmarks/rollups.py [PATH.db] [--before REV] [--repeat N]
Uses the database that benchmarks/kpis.py builds (instance/benchmark-large.db),
building it first when missing. REV (default `main`) is unpacked with `git
archive` into a temporary folder; each side runs in its own process, one after
the other, computing every view with no result cache (cold) after one warm-up.
With `--without-stats`, the earlier code also runs on a copy of the database
without the planner's statistics (what a database had before imports ran
ANALYZE). CPU seconds are printed beside wall seconds, with the load average:
the machine is shared, and a busy one stretches the wall clock, not the CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "instance" / "benchmark-large.db"
TABS = ("retention", "churn", "meetings", "action_items", "budget", "satisfaction")


def child(path: Path, repeat: int) -> dict[str, list[float]]:
    """In the process whose code is first on sys.path: CPU and wall seconds of
    each view (median of `repeat` after one warm-up)."""
    from sqlalchemy import func, select

    from callbacks.headline import update_main
    from callbacks.tabs import update_tab
    from dashboard.kernel.scope import Scope
    from dashboard.kernel.settings import Settings
    from dashboard.services import Services
    from data.db import make_engine
    from data.models import Client

    settings = Settings(database_url=f"sqlite:///{path}", load_demo_data=False)
    engine = make_engine(settings.database_url)
    with engine.connect() as conn:
        owner, client = conn.execute(
            select(Client.owner, func.min(Client.external_id))
            .where(Client.churned_on.is_(None))
            .group_by(Client.owner)
            .order_by(Client.owner)
            .limit(1)
        ).one()
    everything = Services(settings, engine, Scope.everything())
    views = {
        "headline, all clients": lambda: update_main(everything, "?", None),
        "headline, one book": lambda: update_main(everything, f"?owner={owner}", None),
        "headline, one client": lambda: update_main(
            everything, f"?client={client}", None
        ),
    }
    for tab in TABS:
        views[f"tab {tab}, all clients"] = lambda t=tab: update_tab(
            everything, f"?tab={t}", None
        )
    measured = {}
    for name, call in views.items():
        call()
        cpu, wall = [], []
        for _ in range(repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            call()
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        measured[name] = [statistics.median(cpu), statistics.median(wall)]
    engine.dispose()
    return measured


def run_side(code: Path, path: Path, repeat: int) -> dict[str, list[float]]:
    """Run `child` with `code` first on the path, in a fresh interpreter."""
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        " sys.path.insert(1, sys.argv[2]);"
        " from benchmarks_rollups_child import child;"
        " from pathlib import Path;"
        " print(json.dumps(child(Path(sys.argv[3]), int(sys.argv[4]))))"
    )
    helper = Path(tempfile.mkdtemp(prefix="rollups-bench-"))
    shutil.copy(Path(__file__), helper / "benchmarks_rollups_child.py")
    env = {**os.environ, "LOG_LEVEL": "WARNING"}
    out = subprocess.run(
        [sys.executable, "-c", script, str(code), str(helper), str(path), str(repeat)],
        cwd=code,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    shutil.rmtree(helper)
    return json.loads(out.strip().splitlines()[-1])


def unpack(revision: str) -> Path:
    """The files of a git revision in a new temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="rollups-before-"))
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def without_stats(path: Path) -> Path:
    """A copy of the database with the planner's statistics dropped."""
    copy = Path(tempfile.mkdtemp(prefix="rollups-nostats-")) / path.name
    shutil.copy(path, copy)
    with sqlite3.connect(copy) as db:
        db.execute("DROP TABLE IF EXISTS sqlite_stat1")
        db.execute("DROP TABLE IF EXISTS sqlite_stat4")
    return copy


def main() -> int:
    """Build if needed, run each side, print the views side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--before", default="main")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--without-stats", action="store_true")
    args = parser.parse_args()
    path = args.path.resolve()
    if not path.exists():
        sys.path.insert(0, str(ROOT))
        from benchmarks.kpis import build
        from dashboard.kernel.settings import Settings

        path.parent.mkdir(parents=True, exist_ok=True)
        build(path, Settings.from_env())
    before = unpack(args.before)
    load = os.getloadavg()
    sides = {}
    if args.without_stats:
        bare = without_stats(path)
        sides[f"{args.before}, no stats"] = run_side(before, bare, args.repeat)
        shutil.rmtree(bare.parent)
    sides[args.before] = run_side(before, path, args.repeat)
    sides["this checkout"] = run_side(ROOT, path, args.repeat)
    shutil.rmtree(before)
    print(f"{path}: CPU s (wall s), median of {args.repeat} cold runs")
    print(f"load average before {load[0]:.1f}, after {os.getloadavg()[0]:.1f}")
    names = list(sides)
    print(f"{'view':<28}" + "".join(f"{name:>24}" for name in names))
    for view in sides[names[-1]]:
        cells = "".join(
            f"{sides[n][view][0]:>14.2f} ({sides[n][view][1]:5.2f})" for n in names
        )
        print(f"{view:<28}{cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
