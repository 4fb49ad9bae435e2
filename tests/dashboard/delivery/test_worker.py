"""The worker: the queue's tasks wired to the ledger, and a worker stopped in
the middle of a run that, restarted, sends the rest once."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from huey import MemoryHuey

from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.send import deliver
from dashboard.delivery.subscriptions import add_subscription
from dashboard.delivery.worker import build_queue, scan
from dashboard.kernel.settings import Settings
from tests.dashboard.delivery.plans import (
    DUE,
    NOW,
    add_book_and_logins,
    delivery_rows,
    plan,
)
from tests.dashboard.delivery.test_send import Recorder, no_pdf

SETTINGS = Settings(load_demo_data=False)
# Monthly on the 16th at 09:00 Berlin: Aug 16, 07:00 UTC (DUE), month to date.
MONTHLY = {"cadence": "monthly", "day": 16, "period_rule": "to_date"}
THREE = ("carol@acme.example", "dan@acme.example", "erin@acme.example")


@pytest.fixture
def book(engine):
    add_book_and_logins(engine)
    add_subscription(engine, plan(**MONTHLY, recipients=THREE), (), now=NOW, by="ann")
    return engine


def test_the_periodic_task_queues_each_due_delivery_once(book, tmp_path):
    ds = DeliverySettings(outbox=tmp_path / "outbox")
    mailer = Recorder()
    clock = iter([DUE, DUE, DUE, DUE + dt.timedelta(minutes=1)])
    queue = build_queue(
        book, SETTINGS, ds, huey=MemoryHuey("test", immediate=True, results=False),
        mailer=mailer, clock=lambda: next(clock), printer=no_pdf,
    )  # fmt: skip
    queue.scan_due()  # immediate: the scan and the three sends run here
    assert sorted(m["To"] for m in mailer.sent) == list(THREE)
    assert {m["Subject"] for m in mailer.sent} == {"Acme · report for Aug 2026"}
    queue.scan_due()  # a minute later: nothing new is due
    assert len(mailer.sent) == 3
    assert {row[0] for row in delivery_rows(book).values()} == {"sent"}


class Killed(BaseException):
    """The worker process ends here (as with SIGKILL: nothing runs after)."""


def test_a_worker_killed_mid_run_sends_the_rest_once_after_a_restart(book, tmp_path):
    ds = DeliverySettings(outbox=tmp_path / "outbox")
    mailer = Recorder()
    printed = []

    def dies_on_the_second_report(html):
        printed.append(html)
        if len(printed) == 2:
            raise Killed
        return no_pdf(html)

    def run_worker(now, printer):
        for delivery_id in scan(book, SETTINGS, ds, mailer, now):
            deliver(book, SETTINGS, ds, mailer, delivery_id, now=now, printer=printer)

    with pytest.raises(Killed):
        run_worker(DUE, dies_on_the_second_report)
    rows = delivery_rows(book)
    assert [rows[r][0] for r in THREE] == ["sent", "rendering", "pending"]
    # Restarted within the claim's lease: the one being rendered is left alone.
    run_worker(DUE + dt.timedelta(minutes=5), no_pdf)
    assert [m["To"] for m in mailer.sent] == ["carol@acme.example"]
    # After the lease (15 minutes) and the re-queue time (10): the rest, once.
    run_worker(DUE + dt.timedelta(minutes=16), no_pdf)
    run_worker(DUE + dt.timedelta(minutes=17), no_pdf)
    assert sorted(m["To"] for m in mailer.sent) == list(THREE)
    rows = delivery_rows(book)
    assert [rows[r][:2] for r in THREE] == [("sent", 1), ("sent", 2), ("sent", 1)]


def test_the_queue_is_sqlite_by_default_and_redis_when_set(tmp_path):
    from huey import RedisHuey, SqliteHuey

    from dashboard.delivery.worker import make_huey
    from tests.conftest import skip_or_fail

    sqlite = make_huey(DeliverySettings(queue_file=tmp_path / "tasks.db"))
    assert isinstance(sqlite, SqliteHuey)
    queue = build_queue(None, SETTINGS, DeliverySettings(), huey=sqlite)
    queue.send_one(7)
    assert sqlite.pending_count() == 1
    assert (tmp_path / "tasks.db").is_file()
    redis_url = os.environ.get("REDIS_URL", "").strip()
    if not redis_url:
        skip_or_fail("REDIS_URL is not set: the Redis queue is not tried")
    redis = make_huey(DeliverySettings(task_queue_url=redis_url))
    assert isinstance(redis, RedisHuey)
    redis.flush()
    build_queue(None, SETTINGS, DeliverySettings(), huey=redis).send_one(7)
    assert redis.pending_count() == 1
    redis.flush()
