"""Handing a message over: to the SMTP server of SMTP_URL, or with none set to
a `.eml` file in the outbox folder. Failures are told apart: temporary (a 4xx
answer, no connection) are tried again later, permanent (5xx) are not."""

from __future__ import annotations

import re
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from dashboard.delivery.config import DeliverySettings, SmtpServer

TIMEOUT_SECONDS = 60


class TemporaryFailure(RuntimeError):
    """The message was not accepted this time; trying later may work."""


class PermanentFailure(RuntimeError):
    """The message will not be accepted; trying again would not help."""


class Mailer(Protocol):
    """Something that sends one message or raises one of the failures above."""

    def send(self, message: EmailMessage) -> None: ...


class OutboxMailer:
    """Writes each message as `<Message-ID>.eml` into a folder (no SMTP set)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9._-]", "_", message["Message-ID"].strip("<>"))
        target = self.folder / f"{name}.eml"
        partial = target.with_suffix(".eml.part")
        partial.write_bytes(message.as_bytes())
        partial.replace(target)  # never a half-written .eml


def _smtp_error(code: int, text: str) -> RuntimeError:
    kind = TemporaryFailure if 400 <= code < 500 else PermanentFailure
    return kind(f"{code} {text}".strip()[:500])


class SmtpMailer:
    """Sends through an SMTP server, one message per connection."""

    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    def _connect(self) -> smtplib.SMTP:
        server = self.server
        if server.tls == "ssl":
            context = ssl.create_default_context()
            return smtplib.SMTP_SSL(
                server.host, server.port, timeout=TIMEOUT_SECONDS, context=context
            )
        client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
        if server.tls == "starttls":
            client.starttls(context=ssl.create_default_context())
        return client

    def send(self, message: EmailMessage) -> None:
        try:
            with self._connect() as client:
                if self.server.username:
                    client.login(self.server.username, self.server.password or "")
                refused = client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise _smtp_error(code, _text(text)) from None
        except smtplib.SMTPResponseException as exc:
            raise _smtp_error(exc.smtp_code, _text(exc.smtp_error)) from None
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            # No connection, a dropped one, TLS trouble: worth another try.
            raise TemporaryFailure(f"{type(exc).__name__}: {exc}"[:500]) from None
        if refused:
            code, text = next(iter(refused.values()))
            raise _smtp_error(code, _text(text))


def _text(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def mailer_for(settings: DeliverySettings) -> Mailer:
    """SMTP when SMTP_URL is set, else the outbox folder."""
    if settings.smtp is None:
        return OutboxMailer(settings.outbox)
    return SmtpMailer(settings.smtp)
