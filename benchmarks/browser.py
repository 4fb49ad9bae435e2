"""Time what a person waits for in a browser on the `medium` demo data (600 clients):
the dashboard for all clients and for one client, each tab switch, a client page.

Usage: python benchmarks/browser.py [PATH.db] [--port 8210] [--repeat 3] [--dev]
Builds the `medium` demo data with the demo users at PATH (default
instance/benchmark-medium.db) when the file does not exist yet (a few seconds),
serves it with the Procfile's gunicorn line (`--dev`: `python app.py`) on
127.0.0.1, logs in as `admin` in headless Chromium and prints, per view, the median
of `--repeat` runs after one warm-up:

- browser ms: from the start of the navigation (or the tab click) to the moment
  the view is complete, i.e. the first animation frame from which on no Dash
  callback request is in flight, no component is loading, the view's containers
  are filled and every Plotly graph in the page has drawn its SVG, and that stays
  so for QUIET_MS (a page script checks this on every frame; see SETTLED_JS);
- server ms: the sum, over the view's `/_dash-update-component` requests, of the
  time from sending the request to the first byte of the answer (Resource Timing:
  responseStart − requestStart), i.e. the server's work; requests run in parallel,
  so the sum can exceed the browser time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import serving  # noqa: E402
from benchmarks.browser_page import (  # noqa: E402
    EXPECT_JS,
    GROWN_JS,
    SETTLED_JS,
    ViewResult,
    log_in,
    make_driver,
)
from dashboard.kernel.settings import Settings  # noqa: E402

DEFAULT_PATH = ROOT / "instance" / "benchmark-medium.db"
PAGE_TARGET_MS = 1500
TAB_TARGET_MS = 500
QUIET_MS = 500


def build(path: Path, settings: Settings) -> None:
    """Write the `medium` demo data (ending today) and the demo users."""
    from dashboard.auth.clock import utc_now
    from dashboard.auth.demo_users import create_demo_users
    from data.db import make_engine, upgrade
    from data.demo.generate import generate_demo_data

    print(f"building the medium demo database at {path} ...", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    generate_demo_data(
        engine, size="medium", end=settings.today(), timezone=settings.timezone
    )
    create_demo_users(engine, settings, utc_now())
    engine.dispose()


def start_server(path: Path, port: int, dev: bool, log_path: Path):
    """The app on 127.0.0.1:port (the Procfile's gunicorn line, or app.py)."""
    database_url = f"sqlite:///{path}"
    if not dev:
        return serving.start_app(database_url, port, log_path)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "LOAD_DEMO_DATA": "false",
        "LOG_LEVEL": "WARNING",
    }
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    serving.wait_for(f"http://127.0.0.1:{port}/healthz", process, log_path, 90)
    return process


def wait_settled(driver) -> ViewResult:
    """Wait until the view has stayed complete for QUIET_MS; its timings."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        result = driver.execute_script(SETTLED_JS, QUIET_MS)
        if result:
            requests = tuple(tuple(r) for r in result[2])
            return ViewResult(result[0], result[1], requests)
        time.sleep(0.05)
    raise SystemExit(f"the view {driver.current_url} did not settle within 60 s")


def open_page(driver, url: str, containers: list[str]) -> ViewResult:
    """Navigate to a page; timed from the navigation's start."""
    driver.execute_script(EXPECT_JS, containers)
    driver.get(url)
    return wait_settled(driver)


def switch_tab(driver, title: str) -> ViewResult:
    """Click a tab of the dashboard; timed from the click."""
    clicked = driver.execute_script(
        """
        var links = document.querySelectorAll('#tabs .nav-link');
        for (var i = 0; i < links.length; i++) {
            if (links[i].textContent.trim() === arguments[0]) {
                window.__benchmark.start(); links[i].click(); return true;
            }
        }
        return false;
        """,
        title,
    )
    if not clicked:
        raise SystemExit(f"no tab titled {title!r}")
    return wait_settled(driver)


def measure(driver, call, repeat: int) -> tuple[float, float, int, int]:
    """Median browser and server ms of `repeat` calls after one warm-up, and the
    charts of the view drawn twice (GROWN_JS) and in all."""
    call()
    results = [call() for _ in range(repeat)]
    grown, charts = driver.execute_script(GROWN_JS)
    return (
        statistics.median(r.browser_ms for r in results),
        statistics.median(r.server_ms for r in results),
        grown,
        charts,
    )


def sample_client(database_url: str) -> tuple[str, int]:
    """The first active client's id, and how many clients there are."""
    from sqlalchemy import func, select

    from data.db import make_engine
    from data.models import Client

    engine = make_engine(database_url)
    with engine.connect() as conn:
        active = select(func.min(Client.external_id)).where(Client.churned_on.is_(None))
        client = conn.execute(active).scalar_one()
        clients = conn.execute(select(func.count()).select_from(Client)).scalar_one()
    engine.dispose()
    return client, clients


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--port", type=int, default=8210)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dev", action="store_true", help="serve with app.py")
    args = parser.parse_args()
    settings = Settings(database_url=f"sqlite:///{args.path}", load_demo_data=False)
    if not args.path.exists():
        build(args.path, settings)

    from layouts import ids
    from layouts.dashboard import TAB_TITLES

    client, clients = sample_client(settings.database_url)
    log_path = args.path.with_suffix(".log")
    process = start_server(args.path, args.port, args.dev, log_path)
    url = f"http://127.0.0.1:{args.port}"
    server = "python app.py" if args.dev else "gunicorn (Procfile)"
    print(f"{clients} clients in {args.path}; {server} on {url}")
    load = os.getloadavg()[0]
    print(
        f"{dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load {load:.1f}"
    )
    driver = make_driver()
    rows = []
    try:
        log_in(driver, url)
        dashboard = [ids.KPI_GRID, ids.TAB_CONTENT]
        pages = {
            "dashboard, all clients": url + "/",
            f"dashboard, client {client}": f"{url}/?client={client}",
            f"client page {client}": f"{url}/clients/{client}",
        }
        for name, address in pages.items():
            where = [ids.CLIENT_BODY] if "/clients/" in address else dashboard
            timings = measure(
                driver, lambda a=address, w=where: open_page(driver, a, w), args.repeat
            )
            rows.append((name, *timings, PAGE_TARGET_MS))
        for tab, title in list(TAB_TITLES.items())[1:]:
            first = next(iter(TAB_TITLES.values()))

            def there_and_back(title=title, first=first):
                switch_tab(driver, first)
                return switch_tab(driver, title)

            open_page(driver, url + "/", dashboard)
            timings = measure(driver, there_and_back, args.repeat)
            rows.append((f"tab switch to {tab}", *timings, TAB_TARGET_MS))
    finally:
        driver.quit()
        serving.stop(process)
    print(f"\nmedian of {args.repeat} runs after one warm-up (ms)")
    print(f"{'view':<34} {'server':>8} {'browser':>8} {'target':>7}  result")
    for name, browser_ms, server_ms, _grown, _charts, target in rows:
        verdict = "pass" if browser_ms <= target else "FAIL"
        print(f"{name:<34} {server_ms:>8.0f} {browser_ms:>8.0f} {target:>7}  {verdict}")
    grown, charts = sum(r[3] for r in rows), sum(r[4] for r in rows)
    print(
        f"charts drawn twice (margins grown by Plotly after drawing): {grown} of"
        f" {charts}"
    )
    return 0 if all(r[1] <= r[5] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
