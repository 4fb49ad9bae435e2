"""The settings of scheduled delivery: the mail server, the sender, the allowed
recipient domains, catch-up, attachment size, retries and the task queue."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from dashboard.kernel.settings import PROJECT_ROOT, SettingsError, int_in

INSTANCE = PROJECT_ROOT / "instance"
TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class SmtpServer:
    """Where mail goes: `smtp://user:pass@host:port?tls=starttls|ssl|none`."""

    host: str
    port: int
    tls: str
    username: str | None = None
    password: str | None = None

    def __repr__(self) -> str:  # never the password in a log
        return f"SmtpServer({self.host}:{self.port}, tls={self.tls})"


@dataclass(frozen=True)
class DeliverySettings:
    """Everything scheduled delivery reads from its environment."""

    smtp: SmtpServer | None = None  # None: messages go to `outbox` as .eml files
    mail_from: str = "Client Review Dashboard <reports@localhost>"
    allowed_domains: tuple[str, ...] = ()  # empty: any domain
    catch_up_hours: int = 48
    attachment_limit_mb: float = 10.0
    max_attempts: int = 5
    retry_seconds: int = 60  # the first retry; each next one waits twice as long
    task_queue_url: str | None = None  # redis://...; None: SQLite under instance/
    public_url: str = "http://127.0.0.1:8050"
    outbox: Path = INSTANCE / "outbox"
    queue_file: Path = INSTANCE / "tasks.db"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DeliverySettings:
        """Read and check every delivery setting; SettingsError names a bad one."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        values: dict[str, object] = {}
        if (url := get("SMTP_URL")) is not None:
            values["smtp"] = parse_smtp_url(url)
        if (sender := get("MAIL_FROM")) is not None:
            if "@" not in sender:
                raise SettingsError(f"MAIL_FROM={sender} is not an email address")
            values["mail_from"] = sender
        if (domains := get("RECIPIENT_DOMAINS")) is not None:
            values["allowed_domains"] = tuple(
                d.strip().lower().lstrip("@") for d in domains.split(",") if d.strip()
            )
        for name, key, low, high in (
            ("DELIVERY_CATCH_UP_HOURS", "catch_up_hours", 1, 24 * 31),
            ("DELIVERY_MAX_ATTEMPTS", "max_attempts", 1, 20),
            ("DELIVERY_RETRY_SECONDS", "retry_seconds", 1, 86400),
        ):
            if (raw := get(name)) is not None:
                values[key] = int_in(name, raw, low, high)
        if (limit := get("ATTACHMENT_LIMIT_MB")) is not None:
            try:
                values["attachment_limit_mb"] = float(limit)
            except ValueError:
                values["attachment_limit_mb"] = -1.0
            if not 0 < values["attachment_limit_mb"] <= 100:  # type: ignore[operator]
                raise SettingsError(
                    f"ATTACHMENT_LIMIT_MB={limit} must be above 0 and at most 100"
                )
        if (queue := get("TASK_QUEUE_URL")) is not None:
            if not queue.startswith(("redis://", "rediss://", "sqlite:///")):
                raise SettingsError(
                    f"TASK_QUEUE_URL={queue} must start with redis://, rediss://"
                    " or sqlite:///"
                )
            values["task_queue_url"] = queue
        if (public := get("PUBLIC_URL")) is not None:
            if not public.startswith(("http://", "https://")):
                raise SettingsError(f"PUBLIC_URL={public} must start with http(s)://")
            values["public_url"] = public.rstrip("/")
        if (outbox := get("OUTBOX_DIR")) is not None:
            values["outbox"] = Path(outbox)
        return cls(**values)


def parse_smtp_url(url: str) -> SmtpServer:
    """`smtp://user:pass@host:port?tls=starttls|ssl|none` (user, password and port
    optional; tls starttls by default); the message never shows the password."""
    parts = urlsplit(url)
    shown = f"smtp://{parts.hostname or ''}"
    if parts.scheme != "smtp" or not parts.hostname:
        raise SettingsError(
            f"SMTP_URL={shown}... must look like smtp://user:password@host:port"
            "?tls=starttls"
        )
    tls = parse_qs(parts.query).get("tls", ["starttls"])[0].lower()
    if tls not in TLS_MODES:
        raise SettingsError(f"SMTP_URL: tls={tls} is not one of {', '.join(TLS_MODES)}")
    try:
        port = parts.port or DEFAULT_PORTS[tls]
    except ValueError:
        raise SettingsError(f"SMTP_URL={shown}: the port is not a number") from None
    return SmtpServer(
        host=parts.hostname,
        port=port,
        tls=tls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )
