"""`python -m dashboard db upgrade`: bring the schema up to date."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `db` command."""
    parser = subparsers.add_parser("db", help="database schema")
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION")
    actions.required = True
    upgrade = actions.add_parser("upgrade", help="apply every pending migration")
    upgrade.set_defaults(handler=run_upgrade)


def run_upgrade(args: argparse.Namespace, context) -> int:
    """Migrate to the newest schema (the context's engine does it on first use)."""
    engine = context.engine
    print(f"schema up to date on {engine.url.render_as_string(hide_password=True)}")
    return 0
