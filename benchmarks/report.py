"""Time the client report on a demo database: one client's report as HTML and as
PDF (warm), and the book of the owner with the most clients and the whole
portfolio as PDF, each printed beside its target with pass or FAIL.

Usage: python benchmarks/report.py [--size small|medium|large] [--db FILE]
                                   [--repeat N] [--no-all]
Uses instance/benchmark-<size>.db (the `large` one is benchmarks/kpis.py's),
building it first when missing, or the database FILE given (only read). Each
figure is the median of N runs after one warm-up run (which also starts the
browser), split into building the HTML and printing it. PDF needs Chromium.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.kpis import build  # noqa: E402
from dashboard.kernel.settings import Settings  # noqa: E402

# What each figure should stay under, in seconds (a book of ~1,000 clients).
TARGETS = {"client html": 1.0, "client pdf": 5.0, "book pdf": 30.0}


def report_call(settings, engine, out: Path | None, **request):
    """A call that builds one report and prints it to `out` as PDF when given;
    it returns (seconds building the HTML, seconds printing)."""
    from dashboard.kernel.filters import parse_filters
    from dashboard.kernel.scope import Scope
    from dashboard.reports.build import build_report
    from dashboard.reports.html import render_html
    from dashboard.reports.pdf import html_to_pdf

    period = parse_filters(period=None, as_of=settings.today()).period

    def call() -> tuple[float, float]:
        started = time.perf_counter()
        with engine.connect() as conn:
            report = build_report(
                conn,
                settings=settings,
                scope=Scope.everything(),
                period=period,
                lang="en",
                **request,
            )
        html = render_html(report)
        built = time.perf_counter()
        if out is not None:
            html_to_pdf(html, out, timeout=600)
        return built - started, time.perf_counter() - built

    return call


def median_times(call, repeat: int) -> tuple[float, float]:
    """Median (build, print) seconds of `repeat` calls after one warm-up call."""
    call()
    runs = [call() for _ in range(repeat)]
    return (
        statistics.median(run[0] for run in runs),
        statistics.median(run[1] for run in runs),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "medium", "large"), default="large")
    parser.add_argument("--db", type=Path, help="an existing demo database to read")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-all", action="store_true", help="leave out the whole portfolio"
    )
    args = parser.parse_args()
    path = args.db or ROOT / "instance" / f"benchmark-{args.size}.db"
    settings = Settings(database_url=f"sqlite:///{path}", load_demo_data=False)
    if not path.exists():
        if args.db:
            parser.error(f"{path} does not exist")
        path.parent.mkdir(exist_ok=True)
        build(path, settings, args.size)

    from sqlalchemy import func, select

    from data.db import make_engine
    from data.models import Client

    engine = make_engine(settings.database_url)
    with engine.connect() as conn:
        owner, book = conn.execute(
            select(Client.owner, func.count())
            .group_by(Client.owner)
            .order_by(func.count().desc(), Client.owner)
            .limit(1)
        ).one()
        client = conn.execute(
            select(func.min(Client.external_id)).where(Client.owner == owner)
        ).scalar_one()
        clients = conn.execute(select(func.count()).select_from(Client)).scalar_one()
    print(f"{clients} clients in {path}; client {client}; owner {owner}: {book}")
    with tempfile.TemporaryDirectory(prefix="crd-bench-") as folder:
        pdf = Path(folder) / "report.pdf"
        one = {"audience": "client", "clients": (client,)}
        views = [
            ("client html", "client html", report_call(settings, engine, None, **one)),
            ("client pdf", "client pdf", report_call(settings, engine, pdf, **one)),
            (
                f"book pdf ({book} clients)",
                "book pdf",
                report_call(settings, engine, pdf, audience="internal", owner=owner),
            ),
        ]
        if not args.no_all:
            views.append(
                (
                    f"all pdf ({clients} clients)",
                    "book pdf",
                    report_call(settings, engine, pdf, audience="internal"),
                )
            )
        print(f"median of {args.repeat}, after one warm-up (build + print)")
        for name, target, call in views:
            built, printed = median_times(call, args.repeat)
            seconds = built + printed
            limit = TARGETS[target]
            verdict = "pass" if seconds <= limit else "FAIL"
            split = f"{built:5.2f} + {printed:5.2f}" if printed else f"{built:5.2f}"
            print(
                f"  {name:<28} {seconds:6.2f} s ({split})"
                f"  target {limit:.0f} s  {verdict}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
