"""`python -m dashboard export DIR`: write every entity as contract CSV files."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.auth.audit import record_command
from dashboard.commands.context import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `export` command."""
    parser = subparsers.add_parser(
        "export",
        help="export every entity as CSV files that `import` reads back (backup)",
    )
    parser.add_argument("directory", type=Path, help="folder to write the files into")
    parser.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace, context) -> int:
    """Write one CSV per entity into DIR and print how many rows each holds."""
    # Imported here, not at the top: keeps the other commands' start fast.
    from data.exporter import export_all

    if args.directory.exists() and not args.directory.is_dir():
        raise CommandError(f"{args.directory} exists and is not a folder")
    counts = export_all(
        context.engine, args.directory, timezone=context.settings.timezone
    )
    for name, rows in counts.items():
        print(f"{name + '.csv':<24}{rows:>10} rows")
    print(f"written to {args.directory}")
    total = sum(counts.values())
    record_command(context.engine, "export", f"{args.directory}: {total} rows")
    return 0
