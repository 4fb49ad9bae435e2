"""Every speed target of the dashboard beside the project's and the tutorial peer's
figures, measured in one run as a browser sees them.

Usage: python benchmarks/speed.py [--size large|medium] [--repeat N] [--quick]
Builds the demo databases when missing (instance/benchmark-medium.db, and
instance/benchmark-large.db, a few minutes) and adds a `benchmark` admin to them.
For each size it serves the project with the Procfile's gunicorn line and
benchmarks/peer.py on 127.0.0.1, records in headless Chromium the callback
requests that a page load and a change of the link (a filter, a chip, a tab) send
for each view, and replays them over HTTP: the time of all of a view's callbacks,
one after the other, answers read in full. Cold: the first call after a restart
(the result cache is the server's own: REDIS_URL is not passed on); warm: N
repeats after one. Also printed, for information only (no target is judged on
it): each view cold with its callbacks overlapped as the browser sent them
(`replay.Client.replay_overlapped`), what a person waits. Prints one table;
exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import replay, serving  # noqa: E402
from benchmarks.speed_report import Row, print_table  # noqa: E402
from benchmarks.speed_scenarios import Scenario, sample, scenarios  # noqa: E402
from dashboard.kernel.settings import Settings  # noqa: E402

INSTANCE = ROOT / "instance"


def database(size: str, settings: Settings) -> Path:
    """The size's benchmark database, built when missing."""
    path = INSTANCE / f"benchmark-{size}.db"
    if not path.exists():
        INSTANCE.mkdir(exist_ok=True)
        if size == "medium":
            from benchmarks.browser import build as build_with_users
        else:
            from benchmarks.kpis import build as build_large

            def build_with_users(p, s):
                build_large(p, s, size)

        build_with_users(path, settings)
    # One built by an earlier checkout gets this one's schema (and rollups).
    from data.db import make_engine, upgrade

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def quantiles(seconds: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in ms."""
    ms = sorted(s * 1000 for s in seconds)
    if len(ms) == 1:
        return ms[0], ms[0]
    return statistics.median(ms), statistics.quantiles(ms, n=20, method="inclusive")[18]


def start_view(scenario: Scenario, views: list[Scenario]) -> str:
    """Where a change to `scenario` starts: the first view, or the second for it."""
    return views[1].path if scenario.path == views[0].path else views[0].path


class Ours:
    """The project served by gunicorn, restarted for cold calls."""

    def __init__(self, database_url: str, port: int, log_path: Path):
        self.database_url, self.port, self.log_path = database_url, port, log_path
        self.url = f"http://127.0.0.1:{port}"
        self.process = None
        self.started_seconds = 0.0

    def restart(self) -> replay.Client:
        if self.process is not None:
            serving.stop(self.process)
        started = time.perf_counter()
        self.process = serving.start_app(self.database_url, self.port, self.log_path)
        self.started_seconds = time.perf_counter() - started
        return replay.Client(self.url, serving.BENCH_USER, serving.BENCH_PASSWORD)

    def stop(self) -> None:
        if self.process is not None:
            serving.stop(self.process)


def record(ours: Ours, views: list[Scenario]) -> tuple[dict, dict]:
    """Per view, the bodies of a page load and of a change to it."""
    driver = replay.make_driver()
    loads, changes = {}, {}
    try:
        replay.browser_log_in(
            driver, ours.url, serving.BENCH_USER, serving.BENCH_PASSWORD
        )
        for view in views:
            print(f"  {view.name}", flush=True)
            loads[view.name] = replay.record_load(
                driver, ours.url, view.name, view.path
            )
            start = start_view(view, views)
            changes[view.name] = replay.record_change(
                driver, ours.url, view.name, start, view.path
            )
    finally:
        driver.quit()
    return loads, changes


def measure_size(size: str, args, settings: Settings) -> dict:
    """Every figure of one size: ours cold and warm per view, the peer's, memory."""
    path = database(size, settings)
    database_url = f"sqlite:///{path}"
    serving.add_user(database_url)
    views = scenarios(sample(database_url, settings))
    os.environ.pop("REDIS_URL", None)
    ours = Ours(database_url, args.port, path.with_suffix(".app.log"))
    result = {"views": views, "cold": {}, "warm": {}, "peer": {}, "bytes": {}}
    try:
        ours.restart()
        print(f"[{size}] recording the callbacks of {len(views)} views ...", flush=True)
        loads, changes = record(ours, views)
        cold = {view.name: [] for view in views}
        overlapped = {view.name: [] for view in views}
        first_loads = []
        for round_ in range(args.cold_rounds):
            print(f"[{size}] cold round {round_ + 1}/{args.cold_rounds}", flush=True)
            client = ours.restart()
            first_loads.append(
                client.page_load(views[0].path, loads[views[0].name].bodies)[0]
            )
            client = ours.restart()
            for view in views:
                cold[view.name].append(client.replay(changes[view.name].bodies)[0])
            client = ours.restart()
            for view in views:
                overlapped[view.name].append(
                    client.replay_overlapped(changes[view.name])
                )
        result["start_seconds"] = ours.started_seconds
        result["cold"] = {name: quantiles(s) for name, s in cold.items()}
        result["cold_overlapped"] = {
            name: quantiles(s) for name, s in overlapped.items()
        }
        result["first_load_cold"] = quantiles(first_loads)
        print(f"[{size}] warm: {args.repeat} repeats per view", flush=True)
        warm_loads = [
            client.page_load(views[0].path, loads[views[0].name].bodies)[0]
            for _ in range(args.repeat)
        ]
        result["first_load_warm"] = quantiles(warm_loads)
        for view in views:
            client.replay(changes[view.name].bodies)
            timed = [
                client.replay(changes[view.name].bodies) for _ in range(args.repeat)
            ]
            result["warm"][view.name] = quantiles([t for t, _ in timed])
            result["bytes"][view.name] = timed[0][1]
        workers = serving.children(ours.process.pid)
        result["rss"] = [serving.rss_mb(pid) for pid in workers]
    finally:
        ours.stop()
    result["peer"] = measure_peer(path, views, args)
    return result


def measure_peer(path: Path, views: list[Scenario], args) -> dict:
    """The peer's first call and warm quantiles per headline view, its memory and
    start-up time."""
    from benchmarks.peer import callback_body

    started = time.perf_counter()
    print("[peer] loading every table ...", flush=True)
    process = serving.start_peer(path, args.peer_port, path.with_suffix(".peer.log"))
    figures = {"start_seconds": time.perf_counter() - started}
    try:
        client = replay.Client(f"http://127.0.0.1:{args.peer_port}")
        for view in views:
            if view.peer is None:
                continue
            body = [callback_body(**view.peer)]
            first = client.replay(body)[0]
            timed = [client.replay(body)[0] for _ in range(args.repeat)]
            figures[view.name] = {"first": first, "warm": quantiles(timed)}
        figures["rss"] = serving.rss_mb(process.pid)
    finally:
        serving.stop(process)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("large", "medium"), default="large")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--cold-rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="3 repeats, 1 cold round")
    parser.add_argument("--port", type=int, default=8270)
    parser.add_argument("--peer-port", type=int, default=8280)
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.cold_rounds = min(args.repeat, 3), 1
    settings = Settings.from_env()
    load = os.getloadavg()[0]
    print(
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores,"
        f" load {load:.1f}; SQLite; {args.repeat} repeats",
        flush=True,
    )

    from benchmarks.peer import check
    from benchmarks.speed_scenarios import check_filters

    medium = database("medium", settings)
    medium_url = f"sqlite:///{medium}"
    equal = check(medium_url, check_filters(medium_url, settings), settings)
    print(f"numbers equal: {'yes' if equal else 'no'}", flush=True)
    sizes = ["medium"] if args.size == "medium" else ["medium", "large"]
    measured = {size: measure_size(size, args, settings) for size in sizes}
    rows: list[Row] = []
    ok = print_table(measured, args.size, equal, rows)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
