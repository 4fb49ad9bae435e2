"""The task queue of scheduled delivery, on Huey: SQLite under instance/ by
default (no service to run), Redis with TASK_QUEUE_URL so that workers on
several machines share the work.

A periodic task, every minute, recovers deliveries a stopped worker left,
writes the rows of every run now due (missed ones within the catch-up window
too) and queues one task per delivery ready to go. Every consumer runs that
periodic task; running it twice only finds the rows already written, and a
delivery queued twice is sent once (its row is claimed before sending).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import Engine

from dashboard.auth.clock import utc_now
from dashboard.delivery.claims import open_runs, queue_ready, recover
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.mailer import Mailer, mailer_for
from dashboard.delivery.render import print_pdf
from dashboard.delivery.send import deliver, fail_lost
from dashboard.kernel.settings import Settings

QUEUE_NAME = "client-review-delivery"


def make_huey(ds: DeliverySettings) -> Huey:
    """Huey on Redis (TASK_QUEUE_URL=redis://...) or on a SQLite file."""
    url = ds.task_queue_url
    if url and url.startswith(("redis://", "rediss://")):
        return RedisHuey(QUEUE_NAME, url=url, results=False)
    path = url.removeprefix("sqlite:///") if url else str(ds.queue_file)
    ds.queue_file.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=path, results=False)


def scan(
    engine: Engine,
    settings: Settings,
    ds: DeliverySettings,
    mailer: Mailer,
    now: dt.datetime,
) -> list[int]:
    """Recover, write the rows of due runs, and the ids to send now."""
    fail_lost(engine, ds, mailer, recover(engine, now), now)
    open_runs(
        engine,
        now,
        catch_up=dt.timedelta(hours=ds.catch_up_hours),
        fiscal_start_month=settings.fiscal_year_start_month,
    )
    return queue_ready(engine, now)


@dataclass(frozen=True)
class DeliveryQueue:
    """The Huey instance and its two tasks."""

    huey: Huey
    send_one: Any  # a Huey task: send_one(delivery_id) queues it
    scan_due: Any  # the periodic task; scan_due() queues one scan


def build_queue(
    engine: Engine,
    settings: Settings,
    ds: DeliverySettings,
    *,
    huey: Huey | None = None,
    mailer: Mailer | None = None,
    clock=utc_now,
    printer=print_pdf,
) -> DeliveryQueue:
    """The queue with its tasks registered (the same names in every process)."""
    huey = huey if huey is not None else make_huey(ds)
    mailer = mailer if mailer is not None else mailer_for(ds)

    @huey.task(name="delivery.send")
    def send_one(delivery_id: int) -> str:
        return deliver(
            engine, settings, ds, mailer, delivery_id, now=clock(), printer=printer
        )

    @huey.periodic_task(crontab(minute="*"), name="delivery.scan")
    def scan_due() -> int:
        ids = scan(engine, settings, ds, mailer, clock())
        for delivery_id in ids:
            send_one(delivery_id)
        return len(ids)

    return DeliveryQueue(huey=huey, send_one=send_one, scan_due=scan_due)
