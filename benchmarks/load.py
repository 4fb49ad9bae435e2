"""Load test: simulated people on the Procfile's gunicorn with 4 workers, on
PostgreSQL with the `large` demo data; p95 and errors beside the target.

Usage: python benchmarks/load.py [--users 50] [--duration 120] [--database-url URL]
The database (default: a database `bench_large` on TEST_DATABASE_URL's server) is
created and filled with `python -m dashboard demo-data --size large` when it has
no clients yet (several minutes). The views' callback requests are recorded once
in headless Chromium (see benchmarks/replay.py), then Locust runs headless on
127.0.0.1 for the duration (see benchmarks/locustfile.py). Target: the 95th
percentile of every view and of all requests ≤ 500 ms, and no error.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import replay, serving  # noqa: E402
from benchmarks.speed_scenarios import sample, scenarios  # noqa: E402
from dashboard.kernel.settings import Settings  # noqa: E402

TARGET_MS = 500
WORKERS = 4


def default_url() -> str:
    """TEST_DATABASE_URL with the database `bench_large`."""
    base = os.environ.get(
        "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    return base.rsplit("/", 1)[0] + "/bench_large"


def prepare(database_url: str) -> None:
    """Create the database when missing (PostgreSQL); fill it with the large demo
    data when it has no clients."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    if database_url.startswith("postgresql"):
        server, name = database_url.rsplit("/", 1)
        admin = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": name},
            ).first()
            if exists is None:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "dashboard"]
    subprocess.run([*command, "db", "upgrade"], cwd=ROOT, env=env, check=True)
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            clients = conn.execute(text("SELECT count(*) FROM clients")).scalar_one()
    except (OperationalError, ProgrammingError):
        clients = 0
    engine.dispose()
    if not clients:
        print("loading the large demo data (several minutes) ...", flush=True)
        demo = [*command, "demo-data", "--size", "large"]
        subprocess.run(demo, cwd=ROOT, env=env, check=True)


def record_views(url: str, database_url: str, changes: int | None) -> dict:
    """The dashboard's page load, a change to each view (or the first `changes`),
    and a client page."""
    settings = Settings.from_env()
    chosen = sample(database_url, settings)
    views = scenarios(chosen)[:changes]
    driver = replay.make_driver()
    try:
        replay.browser_log_in(driver, url, serving.BENCH_USER, serving.BENCH_PASSWORD)
        dashboard = replay.record_load(driver, url, "dashboard", "/")
        client = f"/clients/{chosen.client}"
        client_page = replay.record_load(driver, url, "client page", client)
        recorded = []
        for view, start in zip(views, ["/?tab=churn", *views[:-1]], strict=True):
            start = start if isinstance(start, str) else start.path
            print(f"  recording {view.name}", flush=True)
            change = replay.record_change(driver, url, view.name, start, view.path)
            recorded.append({"path": view.path, "bodies": list(change.bodies)})
    finally:
        driver.quit()
    return {
        "dashboard": {"path": "/", "load": list(dashboard.bodies)},
        "client_page": {"path": client, "load": list(client_page.bodies)},
        "changes": recorded,
    }


def report(prefix: Path, heading: str) -> bool:
    """Print p50, p95 and errors per view (VIEW: the time a person waits) and per
    kind of HTTP request; True when every view's p95 is on target and nothing
    failed."""
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = [row for row in csv.DictReader(stats) if row["Name"] != "Aggregated"]
    print(f"\n{heading}")
    print(f"{'what':<40} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    rows.sort(key=lambda row: row["Type"] != "VIEW")
    for row in rows:
        print(
            f"{row['Type'] + ' ' + row['Name']:<40} {row['Request Count']:>7}"
            f" {row['Failure Count']:>7} {row['50%']:>8} {row['95%']:>8}"
        )
    views = [row for row in rows if row["Type"] == "VIEW"]
    worst = max(float(row["95%"]) for row in views) if views else float("inf")
    errors = sum(int(row["Failure Count"]) for row in rows)
    passed = worst <= TARGET_MS and errors == 0
    print(
        f"worst view p95 {worst:,.0f} ms (target ≤ {TARGET_MS} ms), errors {errors}"
        f" (target 0): {'pass' if passed else 'FAIL'}"
    )
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--port", type=int, default=8290)
    parser.add_argument(
        "--views",
        type=Path,
        help="recorded views: reused when the file exists, else recorded into it",
    )
    parser.add_argument("--record-only", action="store_true")
    parser.add_argument(
        "--changes", type=int, default=None, help="record only the first N views"
    )
    args = parser.parse_args()
    database_url = args.database_url or default_url()
    prepare(database_url)
    serving.add_user(database_url)
    folder = Path(tempfile.mkdtemp(prefix="load-"))
    log_path = folder / "app.log"
    extra = ("--workers", str(WORKERS))
    process = serving.start_app(database_url, args.port, log_path, extra)
    url = f"http://127.0.0.1:{args.port}"
    load = os.getloadavg()[0]
    now = dt.datetime.now(dt.UTC)
    print(f"{now:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load {load:.1f}")
    try:
        views = args.views or folder / "views.json"
        if not views.exists():
            print("recording the views in Chromium ...", flush=True)
            views.write_text(json.dumps(record_views(url, database_url, args.changes)))
        if args.record_only:
            return 0
        env = {
            **os.environ,
            "BENCHMARK_VIEWS": str(views),
            "BENCHMARK_USERNAME": serving.BENCH_USER,
            "BENCHMARK_PASSWORD": serving.BENCH_PASSWORD,
        }
        prefix = folder / "locust"
        locust = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless",
            "--host",
            url,
            "--users",
            str(args.users),
            "--spawn-rate",
            str(max(1, args.users // 10)),
            "--run-time",
            f"{args.duration}s",
            "--stop-timeout",
            "30",
            "--csv",
            str(prefix),
            "--only-summary",
        ]
        print(f"Locust: {args.users} users for {args.duration} s ...", flush=True)
        with open(folder / "locust.log", "w") as log:
            subprocess.run(
                locust, cwd=ROOT, env=env, check=False, stdout=log, stderr=log
            )
    finally:
        serving.stop(process)
    backend = database_url.split(":", 1)[0].split("+", 1)[0]
    heading = (
        f"{args.users} users for {args.duration} s against gunicorn with {WORKERS}"
        f" workers on {backend} (Locust's log: {folder / 'locust.log'})"
    )
    return 0 if report(prefix, heading) else 1


if __name__ == "__main__":
    raise SystemExit(main())
