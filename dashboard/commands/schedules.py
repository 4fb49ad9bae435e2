"""`python -m dashboard schedules add|list|pause|resume|remove|send-now`: reports
sent by email on a schedule."""

from __future__ import annotations

import argparse

from dashboard.auth.clock import utc_now
from dashboard.commands.context import CommandError
from dashboard.delivery.claims import cadence_of
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.schedule import next_run
from dashboard.delivery.subscriptions import (
    Plan,
    ScheduleError,
    add_subscription,
    remove_subscription,
    set_paused,
    subscriptions,
)
from dashboard.kernel.i18n import LANGUAGES

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CLI = "cli"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `schedules` command."""
    parser = subparsers.add_parser("schedules", help="reports sent by email")
    actions = parser.add_subparsers(dest="schedules_action", metavar="ACTION")
    actions.required = True
    add = actions.add_parser("add", help="add a schedule")
    add.add_argument("--name", required=True)
    what = add.add_mutually_exclusive_group(required=True)
    what.add_argument("--client", action="append", default=[], metavar="EXTERNAL_ID")
    what.add_argument("--book", metavar="OWNER", help="an account manager's book")
    add.add_argument("--audience", choices=("client", "internal"), default="client")
    add.add_argument("--lang", choices=tuple(LANGUAGES), default="en")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--weekly", choices=WEEKDAYS, metavar="WEEKDAY")
    when.add_argument("--monthly", type=int, metavar="DAY", help="1-31")
    when.add_argument("--quarterly", type=int, metavar="N", help="day N after close")
    add.add_argument("--at", default="09:00", metavar="HH:MM", help="local time")
    add.add_argument("--timezone", required=True, help="IANA, e.g. Europe/Berlin")
    add.add_argument("--period", choices=("closed", "to_date"), default=None)
    add.add_argument("--to", action="append", required=True, metavar="ADDRESS")
    add.add_argument("--owner", required=True, metavar="USERNAME")
    add.add_argument("--owner-email", metavar="ADDRESS", help="told of failures")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="every schedule and its next run")
    listing.set_defaults(handler=run_list)
    for name, handler, text in (
        ("pause", run_pause, "stop sending until resumed"),
        ("resume", run_resume, "send again (paused runs are not caught up)"),
        ("remove", run_remove, "remove a schedule and its history"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("id", type=int)
        action.set_defaults(handler=handler)
    now = actions.add_parser("send-now", help="send today's run now, in this process")
    now.add_argument("id", type=int)
    now.add_argument("--to", action="append", default=[], metavar="ADDRESS",
                     help="send to this address instead (a test)")  # fmt: skip
    now.set_defaults(handler=run_send_now)


def _delivery_settings():
    return DeliverySettings.from_env()


def run_add(args: argparse.Namespace, context) -> int:
    """Check and save a schedule."""
    if args.weekly:
        cadence, day = "weekly", WEEKDAYS.index(args.weekly)
    elif args.monthly is not None:
        cadence, day = "monthly", args.monthly
    else:
        cadence, day = "quarterly", args.quarterly
    period = args.period or ("to_date" if cadence == "weekly" else "closed")
    plan = Plan(
        name=args.name, clients=tuple(args.client), owner_book=args.book,
        audience=args.audience, lang=args.lang, cadence=cadence, day=day,
        local_time=args.at, timezone=args.timezone, period_rule=period,
        recipients=tuple(a for value in args.to for a in value.split(",")),
        owner_username=args.owner, owner_email=args.owner_email,
    )  # fmt: skip
    ds = _delivery_settings()
    try:
        new_id = add_subscription(
            context.engine, plan, ds.allowed_domains, now=utc_now(), by=CLI
        )
    except ScheduleError as exc:
        raise CommandError(str(exc)) from None
    print(f"schedule {new_id} added")
    return 0


def describe(plan) -> str:
    """`monthly on day 1 at 09:00 Europe/Berlin`."""
    if plan.cadence == "weekly":
        day = f"on {WEEKDAYS[plan.day]}"
    elif plan.cadence == "monthly":
        day = f"on day {plan.day}"
    else:
        day = f"on day {plan.day} after the quarter closes"
    return f"{plan.cadence} {day} at {plan.local_time} {plan.timezone}"


def run_list(args: argparse.Namespace, context) -> int:
    """Print every schedule, its next run (local and UTC) and its recipients."""
    settings = context.settings
    with context.engine.connect() as conn:
        plans = subscriptions(conn)
    print("id\tname\twhat\twhen\tnext run\tstatus\trecipients")
    now = utc_now()
    for plan in plans:
        what = ",".join(plan.clients) or f"book of {plan.owner_book}"
        run = next_run(cadence_of(plan, settings.fiscal_year_start_month), now)
        local = f"{run.local_day.isoformat()} {plan.local_time} {plan.timezone}"
        upcoming = f"{local} = {run.due:%Y-%m-%d %H:%M} UTC ({run.key})"
        status = "paused" if plan.paused else "active"
        print(
            f"{plan.id}\t{plan.name}\t{what} {plan.audience} {plan.lang}\t"
            f"{describe(plan)}\t{upcoming}\t{status}\t{','.join(plan.recipients)}"
        )
    return 0


def _change(args, context, action) -> None:
    try:
        action(context.engine, args.id, now=utc_now(), by=CLI)
    except ScheduleError as exc:
        raise CommandError(str(exc)) from None


def run_pause(args: argparse.Namespace, context) -> int:
    _change(args, context, lambda e, i, **kw: set_paused(e, i, True, **kw))
    print(f"schedule {args.id} paused")
    return 0


def run_resume(args: argparse.Namespace, context) -> int:
    _change(args, context, lambda e, i, **kw: set_paused(e, i, False, **kw))
    print(f"schedule {args.id} resumed")
    return 0


def run_remove(args: argparse.Namespace, context) -> int:
    _change(args, context, remove_subscription)
    print(f"schedule {args.id} removed")
    return 0


def run_send_now(args: argparse.Namespace, context) -> int:
    """Send today's run at once; one line per recipient."""
    # Imported here, not at the top: keeps the other commands' start fast.
    from dashboard.delivery.mailer import mailer_for
    from dashboard.delivery.manual import send_now

    ds = _delivery_settings()
    try:
        found = send_now(
            context.engine, context.settings, ds, mailer_for(ds), args.id,
            now=utc_now(), recipients=tuple(args.to),
        )  # fmt: skip
    except ScheduleError as exc:
        raise CommandError(str(exc)) from None
    where = "SMTP" if ds.smtp else f"the outbox {ds.outbox}"
    for recipient, status in found.items():
        print(f"{recipient}\t{status}\t(via {where})")
    return 0 if all(s == "sent" for s in found.values()) else 1
