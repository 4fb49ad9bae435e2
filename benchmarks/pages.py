"""Time what the browser waits for on a `large` demo database: the headline cards,
each drill-down tab and a client's page, for all clients and for one account
manager's book, as the server computes them (callbacks called in-process).

Usage: python benchmarks/pages.py [PATH.db] [--repeat N]
Uses the database that benchmarks/kpis.py builds (instance/benchmark-large.db),
building it first when missing. Prints seconds per view; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.kpis import DEFAULT_PATH, build  # noqa: E402
from dashboard.kernel.settings import Settings  # noqa: E402


def timed(call, repeat: int) -> list[float]:
    """Wall seconds of each of `repeat` calls, after one untimed warm-up call."""
    call()
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = Settings(database_url=f"sqlite:///{args.path}", load_demo_data=False)
    if not args.path.exists():
        build(args.path, settings)

    from sqlalchemy import func, select

    from callbacks.client_page import update_client_body
    from callbacks.headline import update_main
    from callbacks.tabs import update_tab
    from dashboard.kernel.scope import Scope
    from dashboard.kernel.urlstate import TABS
    from dashboard.services import Services
    from data.db import make_engine
    from data.models import Client

    engine = make_engine(settings.database_url)
    with engine.connect() as conn:
        owner, client = conn.execute(
            select(Client.owner, func.min(Client.external_id))
            .where(Client.churned_on.is_(None))
            .group_by(Client.owner)
            .order_by(Client.owner)
            .limit(1)
        ).one()
        clients = conn.execute(select(func.count()).select_from(Client)).scalar_one()
    print(f"{clients} clients in {args.path}; one book: owner {owner}")
    viewers = {
        "all clients": Services(settings, engine, Scope.everything()),
        f"{owner}'s book": Services(settings, engine, Scope.for_owner(owner)),
    }
    for viewer, services in viewers.items():
        views = {"headline cards": lambda s=services: update_main(s, "?", None)}
        for tab in TABS:
            views[f"tab {tab}"] = lambda s=services, t=tab: update_tab(
                s, f"?tab={t}", None
            )
        views[f"client page {client}"] = lambda s=services: update_client_body(
            s, f"/clients/{client}", "?", None
        )
        print(f"\n{viewer} (median of {args.repeat}, after one warm-up)")
        for name, call in views.items():
            seconds = timed(call, args.repeat)
            print(f"  {name:<28} {statistics.median(seconds):6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
