"""`python -m dashboard report`: the standard client report as HTML or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.commands.context import CommandError
from dashboard.kernel.filters import FilterError, parse_filters
from dashboard.kernel.i18n import LANGUAGES
from dashboard.kernel.scope import Scope


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `report` command."""
    parser = subparsers.add_parser(
        "report", help="the client report for clients, an owner's book or all"
    )
    whom = parser.add_mutually_exclusive_group(required=True)
    whom.add_argument(
        "--client",
        action="append",
        default=[],
        metavar="EXTERNAL_ID",
        help="a client's external id (repeat for several)",
    )
    whom.add_argument("--owner", help="an account manager's book")
    whom.add_argument("--all", action="store_true", help="every client")
    parser.add_argument(
        "--period", help="2026-Q3, FY2027-Q1, 2026-07 or 2026 (default: this quarter)"
    )
    parser.add_argument("--lang", choices=tuple(LANGUAGES), default="en")
    parser.add_argument(
        "--audience",
        choices=("client", "internal"),
        default="client",
        help="client: client-safe, one client only (default); internal: everything",
    )
    parser.add_argument("--out", required=True, type=Path, metavar="FILE")
    parser.add_argument("--format", choices=("html", "pdf"), default=None)
    parser.set_defaults(handler=run_report)


def output_format(args: argparse.Namespace) -> str:
    """--format, else the file's suffix (.pdf), else HTML."""
    if args.format:
        return args.format
    return "pdf" if args.out.suffix.lower() == ".pdf" else "html"


def run_report(args: argparse.Namespace, context) -> int:
    """Build the report, render it and write it to --out."""
    # Imported here, not at the top: keeps the other commands' start fast.
    from dashboard.reports.build import build_report
    from dashboard.reports.html import render_html
    from dashboard.reports.model import ReportError
    from dashboard.reports.pdf import PdfUnavailable, html_to_pdf

    settings = context.settings
    if not args.out.parent.is_dir():
        raise CommandError(f"the folder of {args.out} does not exist")
    try:
        filters = parse_filters(
            period=args.period,
            as_of=settings.today(),
            fiscal_start_month=settings.fiscal_year_start_month,
        )
    except FilterError as exc:
        raise CommandError(" ".join(str(exc).split())) from None
    with context.engine.connect() as conn:
        try:
            report = build_report(
                conn,
                settings=settings,
                scope=Scope.everything(),
                period=filters.period,
                lang=args.lang,
                audience=args.audience,
                clients=tuple(dict.fromkeys(args.client)),
                owner=args.owner,
            )
        except ReportError as exc:
            raise CommandError(str(exc)) from None
    html = render_html(report)
    if output_format(args) == "pdf":
        try:
            html_to_pdf(html, args.out)
        except (PdfUnavailable, RuntimeError) as exc:
            raise CommandError(str(exc)) from None
    else:
        args.out.write_text(html, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0
