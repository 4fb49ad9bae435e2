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
    """Create the database when missing; fill it with the large demo data when empty."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    server, name = database_url.rsplit("/", 1)
    admin = create_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
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


def record_views(url: str, database_url: str) -> dict:
    """The dashboard's page load, a change to each view, and a client page."""
    settings = Settings.from_env()
    chosen = sample(database_url, settings)
    views = scenarios(chosen)
    driver = replay.make_driver()
    try:
        replay.browser_log_in(driver, url, serving.BENCH_USER, serving.BENCH_PASSWORD)
        dashboard = replay.record_load(driver, url, "dashboard", "/")
        client = f"/clients/{chosen.client}"
        client_page = replay.record_load(driver, url, "client page", client)
        changes = []
        for view, start in zip(views, [views[1], *views[:-1]], strict=True):
            change = replay.record_change(driver, url, view.name, start.path, view.path)
            changes.append({"path": view.path, "bodies": list(change.bodies)})
    finally:
        driver.quit()
    return {
        "dashboard": {"path": "/", "load": list(dashboard.bodies)},
        "client_page": {"path": client, "load": list(client_page.bodies)},
        "changes": changes,
    }


def report(prefix: Path, users: int, duration: int) -> bool:
    """Print p95 and errors of each view and of all requests; True when on target."""
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    print(
        f"\n{users} users for {duration} s, gunicorn with {WORKERS} workers, PostgreSQL"
    )
    print(
        f"{'what':<34} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}  target"
    )
    ok = True
    for row in rows:
        kind = row["Type"]
        if kind != "VIEW" and row["Name"] != "Aggregated":
            continue
        name = row["Name"] if kind == "VIEW" else "all HTTP requests"
        p95, errors = float(row["95%"]), int(row["Failure Count"])
        passed = p95 <= TARGET_MS and errors == 0
        ok = ok and passed
        print(
            f"{name:<34} {row['Request Count']:>7} {errors:>7} {row['50%']:>8}"
            f" {p95:>8.0f}  p95 ≤ {TARGET_MS} ms, no errors:"
            f" {'pass' if passed else 'FAIL'}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--port", type=int, default=8290)
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
        views = folder / "views.json"
        views.write_text(json.dumps(record_views(url, database_url)))
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
        subprocess.run(locust, cwd=ROOT, env=env, check=False)
    finally:
        serving.stop(process)
    return 0 if report(prefix, args.users, args.duration) else 1


if __name__ == "__main__":
    raise SystemExit(main())
