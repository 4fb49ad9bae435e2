"""`python -m dashboard kpis`: every METRICS.md figure for a period, JSON or a table."""

from __future__ import annotations

import argparse
import json

from dashboard.commands.context import CommandError
from dashboard.kernel.catalog import KPIS, KpiInfo
from dashboard.kernel.filters import FilterError, parse_filters
from dashboard.kernel.scope import Scope
from dashboard.metrics.changes import Change, changes

NONE = "—"
TOPIC_TITLES = {
    "clients": "Clients",
    "revenue": "Revenue",
    "satisfaction": "Satisfaction",
    "meetings": "Meetings",
    "action_items": "Action items",
    "budget": "Budget",
}
LABELS = {
    "arpa": "ARPA",
    "nrr": "Net revenue retention",
    "grr": "Gross revenue retention",
    "clv": "CLV",
    "cac": "CAC",
    "nps": "NPS",
    "csat": "CSAT",
    "nps_n": "NPS responses",
    "csat_n": "CSAT responses",
    "avg_overrun_minutes": "Average overrun",
    "action_item_completion_rate": "Completion rate",
    "action_item_on_time_rate": "On-time rate",
    "spend": "Spend in period",
    "cpi": "CPI",
    "spi": "SPI",
    "eac": "Forecast at completion",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `kpis` command."""
    parser = subparsers.add_parser(
        "kpis", help="every KPI for a period (JSON or a table)"
    )
    parser.add_argument(
        "--period", help="2026-Q3, FY2027-Q1, 2026-07 or 2026 (default: this quarter)"
    )
    parser.add_argument(
        "--client",
        action="append",
        default=[],
        metavar="EXTERNAL_ID",
        help="a client's external id (repeat for several)",
    )
    parser.add_argument("--segment", help="enterprise, mid_market or smb")
    parser.add_argument("--region")
    parser.add_argument("--owner", help="account manager")
    parser.add_argument("--format", choices=("json", "table"), default="table")
    parser.set_defaults(handler=run_kpis)


def run_kpis(args: argparse.Namespace, context) -> int:
    """Compute the report for the filters and print it."""
    # Imported here, not at the top: keeps the other commands' start fast.
    from dashboard.kpis import kpi_report
    from data.queries.choices import filter_options

    settings = context.settings
    scope = Scope.everything()
    with context.engine.connect() as conn:
        try:
            filters = parse_filters(
                period=args.period,
                clients=args.client,
                segment=args.segment,
                region=args.region,
                owner=args.owner,
                as_of=settings.today(),
                fiscal_start_month=settings.fiscal_year_start_month,
                # Known ids, regions and owners are read only when one is asked for.
                options=(
                    filter_options(conn=conn, scope=scope)
                    if args.client or args.region or args.owner
                    else None
                ),
            )
        except FilterError as exc:
            raise CommandError(" ".join(str(exc).split())) from None
        report = kpi_report(conn, settings=settings, filters=filters, scope=scope)
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(format_table(report))
    return 0


def format_table(report: dict) -> str:
    """The report as a terminal table: topic groups, value, previous, change."""
    previous = report["previous"]
    now, before = report["period"], previous["period"]
    lines = [
        f"KPIs for {now} ({_span(report['window'])}, as of {report['as_of']})"
        f" compared with {before} ({_span(previous['window'])})",
        f"Filters: {_describe_filters(report['filters'])}",
    ]
    header = f"  {'':<26}{now:>16}{before:>16}   change"
    against = changes(report, previous)
    topic = None
    for info in KPIS:
        if info.topic != topic:
            topic = info.topic
            lines += ["", f"{TOPIC_TITLES[topic]}", header]
        value, old = report.get(info.key), previous.get(info.key)
        lines.append(
            f"  {label(info.key):<26}{format_value(info, value):>16}"
            f"{format_value(info, old):>16}   {format_change(against[info.key])}"
        )
    return "\n".join(lines)


def label(key: str) -> str:
    """A METRICS.md key in words: `retention_rate` → `Retention rate`."""
    return LABELS.get(key, key.replace("_", " ").capitalize())


def format_value(info: KpiInfo, value: float | int | None) -> str:
    """One figure with its unit; "—" when undefined."""
    if value is None:
        return NONE
    if info.kind == "count":
        return f"{value:,.0f}"
    if info.kind == "amount":
        return f"{value:,.2f}"
    if info.kind in ("rate", "ratio"):
        return f"{100 * value:.1f} %"
    if info.kind == "percent":
        return f"{value:.1f} %"
    if info.kind == "minutes":
        return f"{value:.1f} min"
    return f"{value:.2f}" if info.key == "meeting_feedback" else f"{value:+.1f}"


UNIT_SUFFIX = {"pp": " pp", "%": " %", "pts": " pts", "min": " min"}
ARROWS = {"up": "▲", "down": "▼", "flat": "="}
VERDICT_WORDS = {"good": " better", "bad": " worse", "neutral": ""}


def format_change(change: Change) -> str:
    """A change against P-1 (its unit, arrow and better/worse), as the cards judge
    it (dashboard.metrics.changes); "—" when either figure is undefined."""
    if change.direction is None:
        return NONE
    if change.value is None:
        text = "new"
    else:
        digits = 2 if change.unit == "pts" and change.key == "meeting_feedback" else 1
        text = f"{change.value:+.{digits}f}{UNIT_SUFFIX[change.unit]}"
    return f"{text} {ARROWS[change.direction]}{VERDICT_WORDS[change.verdict]}"


def _span(window: dict) -> str:
    return f"{window['start']} to {window['t']}"


def _describe_filters(filters: dict) -> str:
    parts = []
    if filters.get("clients"):
        parts.append("clients " + ", ".join(filters["clients"]))
    for name in ("segment", "region", "owner"):
        if filters.get(name):
            parts.append(f"{name} {filters[name]}")
    return "; ".join(parts) or "all clients"
