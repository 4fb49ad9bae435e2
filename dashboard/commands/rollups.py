"""`python -m dashboard rollups --rebuild`: aggregate every rollup again."""

from __future__ import annotations

import argparse
import time

from dashboard.commands.context import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `rollups` command."""
    parser = subparsers.add_parser(
        "rollups",
        help="rebuild the per-client monthly and daily sums the dashboard reads",
        description=(
            "Delete and aggregate again every rollup (meetings, revenue, surveys,"
            " action items, spend)"
            " from the raw rows, with meeting days in the TIMEZONE setting. Writes"
            " keep them right by themselves; rebuild after changing TIMEZONE or"
            " after rows were changed outside the dashboard."
        ),
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild every client's rollups"
    )
    parser.set_defaults(handler=run_rollups)


def run_rollups(args: argparse.Namespace, context) -> int:
    """Rebuild the rollups in one transaction and bump the data version."""
    if not args.rebuild:
        raise CommandError("nothing to do: say --rebuild to rebuild the rollups")
    # Imported here, not at the top: keeps the other commands' start fast.
    from data.rollups import refresh_rollups
    from data.statistics import analyze_tables
    from data.version import bump_data_version

    started = time.perf_counter()
    timezone = context.settings.timezone
    with context.engine.begin() as conn:
        refresh_rollups(conn, None, timezone=timezone)
        bump_data_version(conn)
    with context.engine.begin() as conn:
        analyze_tables(conn)
    seconds = time.perf_counter() - started
    print(f"rollups rebuilt (meeting days in {timezone}) in {seconds:.1f} s")
    return 0
