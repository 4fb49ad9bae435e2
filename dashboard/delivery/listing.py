"""What the Schedules and Deliveries pages show, as plain rows in the viewer's
language: every time with the schedule's own time zone (and UTC)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from babel.dates import get_day_names
from sqlalchemy import Connection, func, select

from dashboard.delivery.claims import cadence_of
from dashboard.delivery.schedule import next_run
from dashboard.delivery.subscriptions import Plan
from dashboard.kernel.formatting import format_count, format_moment, format_time
from dashboard.kernel.i18n import BABEL_LOCALES, join_list, translator
from data.models import Client
from data.models.delivery import Delivery

STATUS_TEXT = {
    "pending": "Waiting",
    "rendering": "Preparing",
    "sending": "Sending",
    "sent": "Sent",
    "failed": "Failed",
}


@dataclass(frozen=True)
class ScheduleRow:
    """One schedule as listed."""

    plan: Plan
    what: str
    when: str
    period: str
    next_run: str
    status: str
    failed: str  # how many deliveries failed ("" when none)


@dataclass(frozen=True)
class DeliveryRow:
    """One delivery as listed."""

    run: str
    recipient: str
    status: str
    failed: bool
    attempts: str
    error: str
    sent_at: str
    sent_as: str
    report_href: str  # the report as sent: finalised, or the schedule's copy ("")


def local(moment: dt.datetime, timezone: str) -> dt.datetime:
    """A naive UTC moment in the time zone."""
    return moment.replace(tzinfo=dt.UTC).astimezone(zoneinfo.ZoneInfo(timezone))


def when_text(plan: Plan, lang: str) -> str:
    """ "Monthly on day 1 at 09:00 (Europe/Berlin)", in the language."""
    _ = translator(lang)
    values = {"time": plan.local_time, "timezone": plan.timezone, "day": plan.day}
    if plan.cadence == "weekly":
        weekday = get_day_names("wide", locale=BABEL_LOCALES[lang])[plan.day]
        return _("Weekly on {weekday} at {time} ({timezone})", weekday=weekday,
                 time=plan.local_time, timezone=plan.timezone)  # fmt: skip
    if plan.cadence == "monthly":
        return _("Monthly on day {day} at {time} ({timezone})", **values)
    return _("Quarterly, {day} days after the quarter closes, at {time} ({timezone})",
             **values)  # fmt: skip


def schedule_rows(
    conn: Connection, plans: list[Plan], lang: str, now: dt.datetime, fiscal: int
) -> list[ScheduleRow]:
    """The rows of the Schedules page."""
    _ = translator(lang)
    names = dict(conn.execute(select(Client.external_id, Client.name)).all())
    failed = dict(
        conn.execute(
            select(Delivery.subscription_id, func.count())
            .where(Delivery.status == "failed")
            .group_by(Delivery.subscription_id)
        ).all()
    )
    rows = []
    for plan in plans:
        if plan.clients:
            what = join_list([names.get(c, c) for c in plan.clients], lang)
        else:
            what = _("The clients of {owner}", owner=plan.owner_book)
        audience = _("client") if plan.audience == "client" else _("internal")
        run = next_run(cadence_of(plan, fiscal), now)
        moment = local(run.due, plan.timezone)
        upcoming = _(
            "{moment}, {utc} UTC",
            moment=format_moment(moment, lang, plan.timezone),
            utc=format_time(run.due, lang),
        )
        rows.append(
            ScheduleRow(
                plan=plan,
                what=f"{what} · {audience} · {plan.lang}",
                when=when_text(plan, lang),
                period=_("Period just closed")
                if plan.period_rule == "closed"
                else _("Period to date"),
                next_run=upcoming if not plan.paused else "—",
                status=_("Paused") if plan.paused else _("Running"),
                failed=format_count(failed[plan.id], lang) if plan.id in failed else "",
            )
        )
    return rows


SENT_COPY_PATH = "/schedules/{schedule}/sent/{copy}"


def sent_report_href(schedule_id: int, row, lang: str) -> str:
    """Where the report a delivery sent is kept: its finalised version (one
    client) or the schedule's copy (a book); "" before anything was sent."""
    if row.snapshot_id is not None:
        return f"/report/snapshots/{row.snapshot_id}?lang={lang}"
    if row.sent_copy_id is not None:
        path = SENT_COPY_PATH.format(schedule=schedule_id, copy=row.sent_copy_id)
        return f"{path}?lang={lang}"
    return ""


def delivery_rows(
    conn: Connection, plan: Plan, lang: str, limit: int = 500
) -> list[DeliveryRow]:
    """The deliveries of a schedule, newest run first."""
    _ = translator(lang)
    found = conn.execute(
        select(Delivery.__table__)
        .where(Delivery.subscription_id == plan.id)
        .order_by(Delivery.due_at.desc(), Delivery.id.desc())
        .limit(limit)
    ).all()
    rows = []
    for row in found:
        sent_as = {"attachment": _("PDF attached"), "link": _("Link only")}
        rows.append(
            DeliveryRow(
                run=row.period,
                recipient=row.recipient,
                status=_(STATUS_TEXT[row.status]),
                failed=row.status == "failed",
                attempts=format_count(row.attempts, lang),
                error=row.last_error or "",
                sent_at=format_moment(local(row.sent_at, plan.timezone), lang,
                                      plan.timezone) if row.sent_at else "",
                sent_as=sent_as.get(row.sent_as or "", ""),
                report_href=sent_report_href(plan.id, row, lang),
            )
        )  # fmt: skip
    return rows
