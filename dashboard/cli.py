"""The command line: `python -m dashboard <command>`; one module per command."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from dashboard.commands import (
    db,
    demo_data,
    exporting,
    importing,
    kpis,
    report,
    rollups,
    schedules,
    users,
    worker,
)
from dashboard.commands.context import CommandContext, CommandError
from dashboard.kernel.settings import Settings, SettingsError
from data.db import DatabaseUnavailable

# Each command module has `register(subparsers)`, which adds its parser and sets
# `handler(args, context) -> int` as the default.
COMMAND_MODULES = (
    db,
    importing,
    exporting,
    kpis,
    report,
    demo_data,
    rollups,
    users,
    schedules,
    worker,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description="Client Review Dashboard commands."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code. Errors are one line, never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(message)s"
    )
    # Routine schema checks on every run stay quiet unless debugging.
    if settings.log_level != "DEBUG":
        logging.getLogger("alembic").setLevel(logging.WARNING)
    context = CommandContext(settings)
    try:
        return int(args.handler(args, context) or 0)
    except (CommandError, DatabaseUnavailable, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
