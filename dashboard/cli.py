"""The command line: `python -m dashboard <command>`; one module per command."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from dashboard.kernel.settings import Settings, SettingsError

# Each module in dashboard/commands/ has `register(subparsers)`, which adds its
# parser and sets `handler(args, context) -> int` as the default.
COMMAND_MODULES = ("db", "importing", "exporting", "kpis", "demo_data", "users")


class CommandContext:
    """What every command gets: the settings and a lazily created, migrated engine."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._engine = None

    @property
    def engine(self):
        """The engine, with the schema brought up to date on first use."""
        if self._engine is None:
            from data.db import make_engine, upgrade

            engine = make_engine(self.settings.database_url)
            upgrade(engine)
            self._engine = engine
        return self._engine


class CommandError(Exception):
    """A command cannot go on; the message is shown as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description="Client Review Dashboard commands."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"dashboard.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code. Errors are one line, never a traceback."""
    from data.db import DatabaseUnavailable

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
