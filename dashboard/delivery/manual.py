"""`send-now` and "send a test to me": a run of a schedule started by hand, for
its recipients or for other addresses, sent at once in this process."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import replace

from sqlalchemy import Engine

from dashboard.delivery.claims import cadence_of, write_rows
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.mailer import Mailer
from dashboard.delivery.recipients import check_address
from dashboard.delivery.render import print_pdf
from dashboard.delivery.schedule import run_on
from dashboard.delivery.send import deliver
from dashboard.delivery.subscriptions import subscription
from dashboard.kernel.settings import Settings
from data.models.delivery import Delivery


def send_now(
    engine: Engine,
    settings: Settings,
    ds: DeliverySettings,
    mailer: Mailer,
    subscription_id: int,
    *,
    now: dt.datetime,
    recipients: tuple[str, ...] = (),
    printer=print_pdf,
) -> dict[str, str]:
    """Send the run the schedule would send today, now, to its recipients (or
    to `recipients`, checked like a schedule's); recipient → status. Its rows
    are its own (`<period> @<now>`), so a scheduled run is not taken."""
    with engine.connect() as conn:
        plan = subscription(conn, subscription_id)
    if recipients:
        for address in recipients:
            if (why := check_address(address, ds.allowed_domains)) is not None:
                raise why
        plan = replace(plan, recipients=tuple(a.lower() for a in recipients))
    cadence = cadence_of(plan, settings.fiscal_year_start_month)
    local_day = now.replace(tzinfo=dt.UTC).astimezone(zoneinfo.ZoneInfo(plan.timezone))
    run = replace(run_on(cadence, local_day.date()), due=now)
    key = f"{run.key} @{now:%Y%m%dT%H%M%S}"
    write_rows(engine, plan, run, now, key=key)
    with engine.connect() as conn:
        rows = conn.execute(
            Delivery.__table__.select().where(
                Delivery.subscription_id == plan.id, Delivery.period == key
            )
        ).all()
    return {
        row.recipient: deliver(
            engine, settings, ds, mailer, row.id, now=now, printer=printer
        )
        for row in rows
    }
