"""Real messages through a real SMTP server on this machine (aiosmtpd): their
recipients, subject, language and a real PDF whose text holds the figures;
451 twice then accepted; two workers at once against PostgreSQL."""

from __future__ import annotations

import datetime as dt
import email
import shutil
import socket
import subprocess
import threading
import uuid
from email import policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from dashboard.delivery.claims import open_runs
from dashboard.delivery.config import DeliverySettings, SmtpServer
from dashboard.delivery.mailer import PermanentFailure, SmtpMailer, TemporaryFailure
from dashboard.delivery.send import deliver
from dashboard.delivery.subscriptions import add_subscription
from dashboard.reports.pdf import find_chromium
from data.models import Base, Delivery
from tests.conftest import (
    POSTGRES_URL,
    _postgres_schema_engine,
    drop_postgres_schema,
    skip_or_fail,
)
from tests.dashboard.delivery.plans import (
    DUE,
    NOW,
    add_book_and_logins,
    delivery_ids,
    delivery_rows,
    plan,
    schedule,
)
from tests.dashboard.delivery.test_send import SETTINGS, all_text, no_pdf


class Inbox:
    """An SMTP handler that keeps each accepted message; the first `busy`
    messages are answered 451."""

    def __init__(self, busy: int = 0, refuse: str | None = None) -> None:
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []
        self.busy = busy
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address == self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.busy:
            self.busy -= 1
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    """Start an SMTP server; yields (inbox, settings that send to it)."""
    servers = []

    def start(**options):
        inbox = Inbox(**options)
        port = free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        ds = DeliverySettings(
            smtp=SmtpServer("127.0.0.1", port, "none"),
            mail_from="Reports <reports@ours.example>",
            retry_seconds=60,
        )
        return inbox, ds

    yield start
    for controller in servers:
        controller.stop()


@pytest.fixture
def book(engine):
    add_book_and_logins(engine)
    return engine


@pytest.fixture(scope="module")
def chromium():
    if find_chromium() is None or shutil.which("pdftotext") is None:
        skip_or_fail("Chromium or pdftotext is not installed: PDF emails skipped")


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "attached.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def send_all(engine, ds, now, printer=no_pdf):
    mailer = SmtpMailer(ds.smtp)
    return {
        recipient: deliver(
            engine, SETTINGS, ds, mailer, delivery_id, now=now, printer=printer
        )
        for recipient, delivery_id in delivery_ids(engine).items()
    }


def test_each_recipient_gets_the_report_with_a_real_pdf(book, smtp, chromium, tmp_path):
    from dashboard.delivery.render import print_pdf

    inbox, ds = smtp()
    schedule(book, lang="zh")
    assert send_all(book, ds, DUE, printer=print_pdf) == {
        "carol@acme.example": "sent",
        "dan@acme.example": "sent",
    }
    assert sorted(rcpt for rcpt, _ in inbox.received) == [
        ["carol@acme.example"],
        ["dan@acme.example"],
    ]
    for _rcpt, message in inbox.received:
        assert message["Subject"] == "Acme · 2026-Q3 报告"
        assert message["From"] == "Reports <reports@ours.example>"
        assert message["Content-Language"] == "zh-Hans"
        assert "报告已作为 PDF 附件附上。" in message.get_body(("plain",)).get_content()
        [attachment] = message.iter_attachments()
        assert attachment.get_filename() == "report-K1.pdf"
        text = pdf_text(attachment.get_content(), tmp_path)
        assert "US$1,500.00" in text
        assert "75.0%" in text
        # Client A's report names no other client, in the email or the PDF.
        for other in ("Rival Corp", "Quiet Ltd", "K2", "K3"):
            assert other not in text and other not in all_text(message)
    rows = delivery_rows(book)
    assert {rows[r][:2] for r in rows} == {("sent", 1)}
    with book.connect() as conn:
        sent_as = set(conn.execute(select(Delivery.sent_as)).scalars())
        ids = set(conn.execute(select(Delivery.message_id)).scalars())
    assert sent_as == {"attachment"}
    assert ids == {m["Message-ID"] for _, m in inbox.received}


def test_a_server_that_answers_451_twice_then_accepts_gets_one_message(book, smtp):
    inbox, ds = smtp(busy=2)
    schedule(book, recipients=("dan@acme.example",))
    assert send_all(book, ds, DUE) == {"dan@acme.example": "pending"}
    assert delivery_rows(book)["dan@acme.example"][3].startswith("451")
    retry = DUE + dt.timedelta(seconds=60)
    assert send_all(book, ds, retry) == {"dan@acme.example": "pending"}
    assert send_all(book, ds, retry + dt.timedelta(seconds=120)) == {
        "dan@acme.example": "sent"
    }
    assert [rcpt for rcpt, _ in inbox.received] == [["dan@acme.example"]]
    assert delivery_rows(book)["dan@acme.example"][:2] == ("sent", 3)


def test_smtp_answers_are_told_apart(smtp):
    inbox, ds = smtp(refuse="gone@acme.example")
    mailer = SmtpMailer(ds.smtp)
    message = email.message.EmailMessage()
    message["From"], message["To"] = "reports@ours.example", "gone@acme.example"
    message["Message-ID"] = "<t1@ours.example>"
    message.set_content("hello")
    with pytest.raises(PermanentFailure, match="^550 5.1.1 No such user$"):
        mailer.send(message)
    closed = SmtpMailer(SmtpServer("127.0.0.1", free_port(), "none"))
    with pytest.raises(TemporaryFailure, match="ConnectionRefusedError"):
        closed.send(message)
    assert inbox.received == []


@pytest.fixture
def postgres():
    """A fresh PostgreSQL schema with the report book (no SQLite twin: the race
    between two workers is what PostgreSQL has to settle)."""
    if not POSTGRES_URL:
        skip_or_fail("TEST_DATABASE_URL is not set: the two-worker race is skipped")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = _postgres_schema_engine(schema)
    Base.metadata.create_all(engine)
    add_book_and_logins(engine)
    yield engine
    drop_postgres_schema(engine, schema)


def test_two_workers_at_once_send_one_message_per_recipient(postgres, smtp):
    inbox, ds = smtp()
    recipients = tuple(f"r{n}@acme.example" for n in range(6))
    monthly = {"cadence": "monthly", "day": 16, "period_rule": "to_date"}
    add_subscription(
        postgres, plan(**monthly, recipients=recipients), (), now=NOW, by="ann"
    )
    start = threading.Barrier(2)
    outcomes: list[dict] = []
    errors: list[BaseException] = []

    def worker():
        try:
            start.wait()
            open_runs(postgres, DUE, catch_up=dt.timedelta(hours=48))
            # Every id, as if each worker were given every task twice.
            outcomes.append(send_all(postgres, ds, DUE))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    received = sorted(rcpt[0] for rcpt, _ in inbox.received)
    assert received == sorted(recipients)
    for recipient in recipients:
        assert sorted(o[recipient] for o in outcomes) == ["sent", "skipped"]
    assert {row[:2] for row in delivery_rows(postgres).values()} == {("sent", 1)}
