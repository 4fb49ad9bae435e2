"""One delivery from claim to end: outbox, retries for the failed recipient
only, permanent failures told to the owner once, rights of each recipient,
recovery after a stopped worker. The PDF printer is replaced here (the real
one: test_smtp.py)."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import pytest
from sqlalchemy import update

from dashboard.auth.audit import recent
from dashboard.delivery.claims import open_runs, recover
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.mailer import OutboxMailer, PermanentFailure, TemporaryFailure
from dashboard.delivery.send import deliver
from dashboard.kernel.settings import Settings
from data.models import Delivery
from tests.dashboard.delivery.plans import (
    DUE,
    add_book_and_logins,
    delivery_ids,
    delivery_rows,
    schedule,
)

SETTINGS = Settings(load_demo_data=False)
SECOND = dt.timedelta(seconds=1)


def no_pdf(_html):
    return None, "PDF output needs Chromium"


class Recorder:
    """A mailer that keeps what it is given and fails as told per recipient."""

    def __init__(self, failures=None):
        self.sent = []
        self.failures = failures or {}

    def send(self, message):
        pending = self.failures.get(message["To"], [])
        if pending:
            raise pending.pop(0)
        self.sent.append(message)


def all_text(message) -> str:
    """The headers and every decoded text part of a message."""
    parts = [str(value) for value in message.values()]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_content())
    return "\n".join(parts)


@pytest.fixture
def book(engine):
    add_book_and_logins(engine)
    return engine


def delivery_settings(tmp_path, **changes):
    return DeliverySettings(outbox=tmp_path / "outbox", **changes)


def send_all(engine, mailer, ds, now):
    return {
        recipient: deliver(
            engine, SETTINGS, ds, mailer, delivery_id, now=now, printer=no_pdf
        )
        for recipient, delivery_id in delivery_ids(engine).items()
    }


def test_without_smtp_each_message_is_an_eml_file_linking_the_report(book, tmp_path):
    ds = delivery_settings(tmp_path)
    schedule(book, recipients=("dan@acme.example",))
    mailer = OutboxMailer(ds.outbox)
    assert send_all(book, mailer, ds, DUE) == {"dan@acme.example": "sent"}
    assert send_all(book, mailer, ds, DUE + SECOND) == {"dan@acme.example": "skipped"}
    [eml] = list(ds.outbox.glob("*.eml"))
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "dan@acme.example"
    assert message["Subject"] == "Acme · report for 2026-Q3"
    text = message.get_body(("plain",)).get_content()
    assert "Revenue rose to $1,500.00 (+50.0% against 2026-Q2)." in text
    assert "- Revenue: $1,500.00 (+50.0%)" in text
    assert "- Meeting attendance: 75.0% (−25.0 pp)" in text
    assert (
        "Open the report: http://127.0.0.1:8050/report?client=K1&period=2026-Q3"
        "&lang=en&audience=client"
    ) in text
    assert "The PDF could not be attached, so the report is linked instead." in text
    assert "Rival Corp" not in all_text(message)
    assert [p.get_filename() for p in message.iter_attachments()] == []
    status, attempts, _next, error = delivery_rows(book)["dan@acme.example"]
    assert (status, attempts, error) == ("sent", 1, "PDF output needs Chromium")
    with book.connect() as conn:
        [entry] = recent(conn, action="delivery_sent")
    assert entry.detail.startswith(
        "schedule=1 period=2026-Q3 to 2026-08-15 to=dan@acme.example as=link "
    )


def test_a_chinese_schedule_writes_a_chinese_email(book, tmp_path):
    ds = delivery_settings(tmp_path)
    schedule(book, lang="zh", recipients=("dan@acme.example",))
    mailer = Recorder()
    send_all(book, mailer, ds, DUE)
    [message] = mailer.sent
    assert message["Subject"] == "Acme · 2026-Q3 报告"
    assert message["Content-Language"] == "zh-Hans"
    text = message.get_body(("plain",)).get_content()
    assert "收入升至 US$1,500.00（较 2026-Q2 +50.0%）。" in text
    assert "- 收入：US$1,500.00（+50.0%）" in text
    assert "PDF 无法作为附件发送，请通过链接查看报告。" in text


def test_a_temporary_failure_retries_only_that_recipient_with_backoff(book, tmp_path):
    ds = delivery_settings(tmp_path, retry_seconds=60)
    schedule(book)
    busy = [TemporaryFailure("451 try later"), TemporaryFailure("451 try later")]
    mailer = Recorder({"dan@acme.example": busy})
    assert send_all(book, mailer, ds, DUE) == {
        "carol@acme.example": "sent",
        "dan@acme.example": "pending",
    }
    first_retry = DUE + dt.timedelta(seconds=60)
    assert delivery_rows(book)["dan@acme.example"] == (
        "pending", 1, first_retry, "451 try later"
    )  # fmt: skip
    # Not due yet: nobody is sent anything.
    assert set(send_all(book, mailer, ds, first_retry - SECOND).values()) == {"skipped"}
    assert send_all(book, mailer, ds, first_retry)["dan@acme.example"] == "pending"
    second_retry = first_retry + dt.timedelta(seconds=120)  # twice as long
    assert delivery_rows(book)["dan@acme.example"][2] == second_retry
    assert send_all(book, mailer, ds, second_retry) == {
        "carol@acme.example": "skipped",
        "dan@acme.example": "sent",
    }
    assert sorted(m["To"] for m in mailer.sent) == [
        "carol@acme.example",
        "dan@acme.example",
    ]
    assert delivery_rows(book)["dan@acme.example"][:2] == ("sent", 3)


def test_a_permanent_failure_fails_and_tells_the_owner_once(book, tmp_path):
    ds = delivery_settings(tmp_path)
    schedule(book, owner_email="ann@ours.example", recipients=("dan@acme.example",))
    mailer = Recorder({"dan@acme.example": [PermanentFailure("550 no such user")]})
    assert send_all(book, mailer, ds, DUE) == {"dan@acme.example": "failed"}
    assert send_all(book, mailer, ds, DUE + SECOND) == {"dan@acme.example": "skipped"}
    [notice] = mailer.sent
    assert notice["To"] == "ann@ours.example"
    assert notice["Subject"] == "A scheduled report was not delivered"
    assert notice.get_content().strip() == (
        "The report of the schedule “Acme monthly” for 2026-Q3 to 2026-08-15 could"
        " not be delivered to dan@acme.example: 550 no such user"
    )
    with book.connect() as conn:
        [entry] = recent(conn, action="delivery_failed")
    assert entry.detail.endswith("error=550 no such user")


def test_temporary_failures_give_up_after_the_last_attempt(book, tmp_path):
    ds = delivery_settings(tmp_path, max_attempts=2, retry_seconds=1)
    schedule(book, owner_email="ann@ours.example", recipients=("dan@acme.example",))
    busy = [TemporaryFailure("421 closing")] * 5
    mailer = Recorder({"dan@acme.example": list(busy)})
    send_all(book, mailer, ds, DUE)
    assert send_all(book, mailer, ds, DUE + SECOND) == {"dan@acme.example": "failed"}
    status, attempts, _, error = delivery_rows(book)["dan@acme.example"]
    assert (status, attempts) == ("failed", 2)
    assert error == "421 closing (gave up after 2 attempts)"
    assert [m["To"] for m in mailer.sent] == ["ann@ours.example"]


def test_a_client_login_never_gets_another_clients_report(book, tmp_path):
    ds = delivery_settings(tmp_path)
    # carol logs in as Acme's viewer; ann's schedule is for Rival Corp (K2).
    schedule(
        book,
        name="Rival quarterly",
        clients=("K2",),
        recipients=("carol@acme.example", "x@r.example"),
    )
    mailer = Recorder()
    assert send_all(book, mailer, ds, DUE) == {
        "carol@acme.example": "failed",
        "x@r.example": "sent",
    }
    assert delivery_rows(book)["carol@acme.example"][3] == (
        "carol@acme.example may not get this report: unknown client K2"
    )
    [message] = mailer.sent
    assert message["Subject"] == "Rival Corp · report for 2026-Q3"
    assert "Acme" not in all_text(message)


def test_an_internal_report_is_never_sent_to_a_client_login(book, tmp_path):
    ds = delivery_settings(tmp_path)
    schedule(
        book, audience="internal", clients=("K1",), recipients=("carol@acme.example",)
    )
    assert send_all(book, Recorder(), ds, DUE) == {"carol@acme.example": "failed"}
    assert delivery_rows(book)["carol@acme.example"][3] == (
        "carol@acme.example may not get this report: this login may only see the"
        " client report"
    )


def test_rows_are_written_once_per_run_and_recipient(book):
    _plan, _run = schedule(book)
    # The plan's run for Aug 16 is written; the scan at 07:05 writes nothing new
    # for it (catch-up of 48 hours reaches back to Aug 14 07:05: no other run).
    assert open_runs(book, DUE + dt.timedelta(minutes=5), catch_up=dt.timedelta(
        hours=48)) == 0  # fmt: skip
    assert len(delivery_ids(book)) == 2


def test_a_stopped_worker_is_recovered_without_sending_twice(book, tmp_path):
    schedule(book)
    ids = delivery_ids(book)
    claimed = DUE - dt.timedelta(hours=1)
    with book.begin() as conn:
        for recipient, status in (
            ("carol@acme.example", "rendering"),
            ("dan@acme.example", "sending"),
        ):
            conn.execute(
                update(Delivery)
                .where(Delivery.id == ids[recipient])
                .values(status=status, claimed_at=claimed, message_id="<m1@x>")
            )
    assert recover(book, DUE) == [ids["dan@acme.example"]]
    rows = delivery_rows(book)
    assert rows["carol@acme.example"][:3] == ("pending", 0, DUE)
    assert rows["dan@acme.example"][0] == "failed"
    assert (
        "not sent again so that nobody gets it twice (Message-ID <m1@x>)"
        in (rows["dan@acme.example"][3])
    )


def test_a_printer_that_crashes_is_tried_again_later(book, tmp_path):
    ds = delivery_settings(tmp_path, retry_seconds=30)
    schedule(book, recipients=("dan@acme.example",))

    def crashes(_html):
        raise ValueError("printer crashed")

    ids = delivery_ids(book)
    mailer = Recorder()
    outcome = deliver(
        book, SETTINGS, ds, mailer, ids["dan@acme.example"], now=DUE, printer=crashes
    )
    assert outcome == "pending"
    assert delivery_rows(book)["dan@acme.example"] == (
        "pending", 1, DUE + dt.timedelta(seconds=30), "ValueError('printer crashed')"
    )  # fmt: skip
    assert mailer.sent == []
