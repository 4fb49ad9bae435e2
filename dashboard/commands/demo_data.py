"""`python -m dashboard demo-data --size small|medium|large`: fill an empty database."""

from __future__ import annotations

import argparse
import time

from dashboard.commands.context import CommandError
from data.db import is_empty

# The sizes of data.demo.DEMO_SIZES, named here so that building the command line
# does not load the generator (numpy, pandas); a test keeps the two in step.
SIZES = ("small", "medium", "large")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `demo-data` command."""
    parser = subparsers.add_parser(
        "demo-data", help="fill the database with deterministic demo data"
    )
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--seed", type=int, default=42, help="random seed (42)")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="delete every client and related row first",
    )
    parser.set_defaults(handler=run_demo_data)


def run_demo_data(args: argparse.Namespace, context) -> int:
    """Generate the demo data up to today and print rows per table and the speed."""
    # Imported here, not at the top: keeps the other commands' start fast.
    from data.demo import DemoDataError, generate_demo_data

    settings = context.settings
    engine = context.engine
    if not args.replace and not is_empty(engine):
        raise CommandError(
            "the database already holds clients; run with --replace to overwrite them"
        )
    started = time.perf_counter()
    try:
        rows = generate_demo_data(
            engine,
            size=args.size,
            seed=args.seed,
            end=settings.today(),
            timezone=settings.timezone,
            replace=args.replace,
        )
    except DemoDataError as exc:
        raise CommandError(str(exc)) from None
    elapsed = time.perf_counter() - started
    width = max(len(name) for name in rows)
    for name, count in rows.items():
        print(f"{name:<{width}}  {count:>10,}")
    total = sum(rows.values())
    print(f"{'total':<{width}}  {total:>10,}")
    print(
        f"{args.size} demo data up to {settings.today()} written in {elapsed:.1f} s"
        f" ({total / max(elapsed, 1e-9):,.0f} rows/s)"
    )
    return 0
