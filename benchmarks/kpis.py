"""Time `python -m dashboard kpis` for the current quarter on a `large` demo database.

Usage: python benchmarks/kpis.py [PATH.db] [--repeat N]
Builds the `large` demo data at PATH (default instance/benchmark-large.db) when the
file does not exist yet (a few minutes), then times the in-process `kpi_report`
call and the command line as a subprocess. Target: under 2 s each.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.kernel.filters import default_period  # noqa: E402
from dashboard.kernel.settings import Settings  # noqa: E402

DEFAULT_PATH = ROOT / "instance" / "benchmark-large.db"
TARGET_SECONDS = 2.0


def build(path: Path, settings: Settings, size: str = "large") -> None:
    """Write the `size` demo data (ending today) into a new SQLite file."""
    from data.db import make_engine, upgrade
    from data.demo.generate import generate_demo_data

    print(f"building the {size} demo database at {path} ...", flush=True)
    started = time.perf_counter()
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    rows = generate_demo_data(
        engine, size=size, end=settings.today(), timezone=settings.timezone
    )
    engine.dispose()
    print(f"  {rows}")
    print(f"  built in {time.perf_counter() - started:.0f} s")


def time_in_process(url: str, period: str, repeat: int) -> tuple[list, list]:
    """Wall and CPU seconds for `kpi_report` (engine ready, connection open)."""
    from dashboard.kernel.filters import parse_filters
    from dashboard.kernel.scope import Scope
    from dashboard.kpis import kpi_report
    from data.db import make_engine, upgrade

    settings = Settings.from_env().with_(database_url=url)
    engine = make_engine(url)
    upgrade(engine)
    filters = parse_filters(period=period, as_of=settings.today())
    scope = Scope.everything()
    timings, cpu = [], []
    for _ in range(repeat):
        with engine.connect() as conn:
            started, cpu_started = time.perf_counter(), time.process_time()
            kpi_report(conn, settings=settings, filters=filters, scope=scope)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    engine.dispose()
    return timings, cpu


def time_command(url: str, period: str, repeat: int) -> tuple[list, list]:
    """Wall and CPU seconds for the command line, interpreter start-up included."""
    command = [sys.executable, "-m", "dashboard", "kpis", "--period", period]
    command += ["--format", "json"]
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    timings, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
        timings.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return timings, cpu


def show(name: str, measured: tuple[list, list]) -> None:
    """One line per way of running: wall clock (best, median, runs) and CPU time.

    CPU time is shown because a busy machine stretches the wall clock.
    """
    timings, cpu = measured
    best, median = min(timings), statistics.median(timings)
    verdict = "ok" if median < TARGET_SECONDS else "OVER TARGET"
    runs = ", ".join(f"{t:.2f}" for t in timings)
    print(
        f"{name:<26} wall best {best:.2f} s, median {median:.2f} s ({runs});"
        f" CPU median {statistics.median(cpu):.2f} s; {verdict}"
    )


def main() -> int:
    """Build if needed, then time both ways and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings.from_env()
    path = args.path.resolve()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build(path, settings)
    url = f"sqlite:///{path}"
    period = default_period(settings.today(), settings.fiscal_year_start_month).label
    print(f"kpis --period {period} --format json on {path}")
    show("kpi_report (in process)", time_in_process(url, period, args.repeat))
    show("python -m dashboard kpis", time_command(url, period, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
