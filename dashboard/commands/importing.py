"""`python -m dashboard import PATH`: load entity CSVs or a workbook, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.auth.audit import record_command
from dashboard.commands.context import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `import` command."""
    parser = subparsers.add_parser(
        "import",
        help="import entity CSV files or an .xlsx workbook (all or nothing)",
        description=(
            "Import a folder of entity CSV files (clients.csv, meetings.csv, ...),"
            " one such CSV, or an .xlsx workbook whose sheets are named after the"
            " entities. Any invalid row rejects the whole run; nothing is written."
        ),
    )
    parser.add_argument("path", type=Path, help="folder, .csv file or .xlsx workbook")
    parser.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace, context) -> int:
    """Import PATH; print the counts per entity and the data-quality summary (with
    each check's count before the import), or every problem and exit 1."""
    # Imported here, not at the top: keeps the other commands' start fast.
    from dashboard.quality.summary import quality_now, summary_lines
    from data.importer import ImportFailed, import_path

    if not args.path.exists():
        raise CommandError(f"{args.path} does not exist")
    # The checks' counts before, to say what the import changed.
    before = quality_now(context.engine, context.settings).counts
    try:
        report = import_path(
            context.engine,
            args.path,
            timezone=context.settings.timezone,
            fiscal_start_month=context.settings.fiscal_year_start_month,
        )
    except ImportFailed as failed:
        print(failed.report(), file=sys.stderr)
        record_command(
            context.engine,
            "import",
            f"rejected {args.path}: {len(failed.problems)} problem(s), nothing written",
        )
        return 1
    print(report.summary())
    after = quality_now(context.engine, context.settings)
    print("\n".join(summary_lines(after, before=before)))
    record_command(context.engine, "import", f"{args.path}: {report.rows} rows")
    warm_default_views(context.settings, context.engine)
    return 0


def warm_default_views(settings, engine) -> None:
    """With a shared result cache (REDIS_URL), compute what most people open first
    after an import: the cards and the first tab for all clients, this period.
    A cache in the process would end with this command, so nothing is done then."""
    if not settings.redis_url:
        return
    # Imported here, not at the top: keeps the other commands' start fast.
    from callbacks.default_views import compute_default_views
    from dashboard.kpis.results import ResultCache
    from dashboard.services import Services

    compute_default_views(
        Services(
            settings=settings, engine=engine, results=ResultCache.for_settings(settings)
        )
    )
