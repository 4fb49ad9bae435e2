"""One delivery from claim to its end: render for the recipient, check the
PDF, hand the message over, record the outcome; a temporary failure waits and
tries this recipient again, a permanent one fails and tells the owner once.
Every message sent and every failure is in the audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import zoneinfo

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from dashboard.auth import audit
from dashboard.delivery.claims import Claimed, cadence_of, claim
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.mailer import Mailer, PermanentFailure, TemporaryFailure
from dashboard.delivery.message import (
    failure_message,
    new_message_id,
    report_link,
    report_message,
)
from dashboard.delivery.render import CannotRender, Rendered, print_pdf, render_for
from dashboard.delivery.schedule import Run, run_on
from dashboard.delivery.subscriptions import Plan, subscription
from dashboard.kernel.settings import Settings
from dashboard.reports.commentary import ReportKey
from dashboard.reports.snapshots import finalise
from data.models.delivery import Delivery, SentCopy
from data.models.reports import ReportSnapshot

log = logging.getLogger(__name__)


def run_of(plan: Plan, delivery: Claimed, fiscal_start_month: int) -> Run:
    """The run a delivery belongs to, from its due instant's local day."""
    cadence = cadence_of(plan, fiscal_start_month)
    zone = zoneinfo.ZoneInfo(plan.timezone)
    local = delivery.due_at.replace(tzinfo=dt.UTC).astimezone(zone).date()
    return run_on(cadence, local)


def _update(engine: Engine, delivery_id: int, audit_entry=None, **values) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(Delivery).where(Delivery.id == delivery_id).values(**values)
        )
        if audit_entry is not None:
            action, detail, at = audit_entry
            audit.record(
                conn, action, at=at, username="scheduler", address="worker",
                detail=detail[:2000],
            )  # fmt: skip


def _frozen(
    engine: Engine, plan: Plan, delivery: Claimed, run: Run, done: Rendered, now
) -> dict[str, int]:
    """Where what was sent is kept: a one-client report is finalised (the newest
    version when it is the same, else a new one); a book's report is kept as
    the schedule's copy for the run (one row per distinct content)."""
    digest = hashlib.sha256(done.html.encode()).hexdigest()
    if len(plan.clients) != 1:
        return {"sent_copy_id": _sent_copy(engine, plan, delivery, digest, done, now)}
    key = ReportKey(plan.clients[0], run.period.label, plan.audience, plan.lang)
    with engine.connect() as conn:
        newest = conn.execute(
            select(ReportSnapshot.id, ReportSnapshot.content_hash)
            .where(
                ReportSnapshot.client == key.client,
                ReportSnapshot.period == key.period,
                ReportSnapshot.audience == key.audience,
                ReportSnapshot.lang == key.lang,
            )
            .order_by(ReportSnapshot.version.desc())
            .limit(1)
        ).one_or_none()
    if newest is not None and newest.content_hash == digest:
        return {"snapshot_id": newest.id}
    by = f"schedule {plan.id}"
    return {"snapshot_id": finalise(engine, key, done.report, done.html, by=by, at=now)}


def _sent_copy(
    engine: Engine, plan: Plan, delivery: Claimed, digest: str, done: Rendered, now
) -> int:
    """The id of the run's copy with this content, written by the first
    delivery that sent it (two workers at once: the unique key keeps one)."""
    same = (
        SentCopy.subscription_id == plan.id,
        SentCopy.period == delivery.period,
        SentCopy.content_hash == digest,
    )
    with engine.connect() as conn:
        found = conn.execute(select(SentCopy.id).where(*same)).scalar_one_or_none()
    if found is not None:
        return found
    try:
        with engine.begin() as conn:
            return conn.execute(
                insert(SentCopy)
                .values(
                    subscription_id=plan.id, period=delivery.period, lang=plan.lang,
                    content_hash=digest, html=done.html, created_at=now,
                )
                .returning(SentCopy.id)
            ).scalar_one()  # fmt: skip
    except IntegrityError:
        with engine.connect() as conn:
            return conn.execute(select(SentCopy.id).where(*same)).scalar_one()


def _fail(engine, ds: DeliverySettings, mailer, plan, delivery, error, now) -> str:
    """Mark the delivery failed and tell the owner, once per delivery."""
    detail = (
        f"schedule={plan.id} period={delivery.period} to={delivery.recipient} "
        f"error={error}"
    )
    _update(
        engine, delivery.id, ("delivery_failed", detail, now),
        status="failed", last_error=error[:2000],
    )  # fmt: skip
    notify_owner(engine, ds, mailer, plan, delivery.id, now)
    return "failed"


def _later(engine, ds, mailer, plan, delivery: Claimed, error: str, now) -> str:
    """Try this recipient again after a wait that doubles with each attempt;
    after the last attempt, fail."""
    if delivery.attempts >= ds.max_attempts:
        error = f"{error} (gave up after {delivery.attempts} attempts)"
        return _fail(engine, ds, mailer, plan, delivery, error, now)
    wait = dt.timedelta(seconds=ds.retry_seconds * 2 ** (delivery.attempts - 1))
    _update(
        engine, delivery.id, status="pending", next_attempt_at=now + wait,
        last_error=error[:2000],
    )  # fmt: skip
    return "pending"


def notify_owner(engine, ds, mailer, plan: Plan, delivery_id: int, now) -> bool:
    """Email the owner about a failed delivery unless already told; True when a
    notice went out."""
    with engine.begin() as conn:
        first = conn.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id, Delivery.owner_told_at.is_(None))
            .values(owner_told_at=now)
        ).rowcount
        row = conn.execute(
            select(Delivery.period, Delivery.recipient, Delivery.last_error).where(
                Delivery.id == delivery_id
            )
        ).one()
    if not first or not plan.owner_email:
        return False
    notice = failure_message(
        lang=plan.lang, owner_email=plan.owner_email, mail_from=ds.mail_from,
        schedule_name=plan.name, period=row.period, recipient=row.recipient,
        error=row.last_error or "", now=now,
    )  # fmt: skip
    try:
        mailer.send(notice)
    except (TemporaryFailure, PermanentFailure) as exc:
        log.warning("the failure notice to %s was not sent: %s", plan.owner_email, exc)
        return False
    return True


def deliver(
    engine: Engine,
    settings: Settings,
    ds: DeliverySettings,
    mailer: Mailer,
    delivery_id: int,
    *,
    now: dt.datetime,
    printer=print_pdf,
) -> str:
    """Send one delivery if this worker can claim it; its status afterwards
    (`skipped` when another worker has it or it is not due)."""
    delivery = claim(engine, delivery_id, now)
    if delivery is None:
        return "skipped"
    with engine.connect() as conn:
        plan = subscription(conn, delivery.subscription_id)
    run = run_of(plan, delivery, settings.fiscal_year_start_month)
    try:
        with engine.connect() as conn:
            done = render_for(
                conn, settings, plan, run, delivery.recipient,
                limit_bytes=int(ds.attachment_limit_mb * 1e6), printer=printer,
            )  # fmt: skip
    except CannotRender as exc:
        return _fail(engine, ds, mailer, plan, delivery, str(exc), now)
    except Exception as exc:  # a crash of the report or the printer: try later
        log.exception("delivery %s could not be rendered", delivery.id)
        return _later(engine, ds, mailer, plan, delivery, f"{exc!r}"[:500], now)
    kept = _frozen(engine, plan, delivery, run, done, now)
    message_id = new_message_id(ds.mail_from)
    link = report_link(ds.public_url, done.report, run.period.label, plan.owner_book)
    message = report_message(
        done.report, recipient=delivery.recipient, mail_from=ds.mail_from,
        message_id=message_id, link=link, schedule_name=plan.name, pdf=done.pdf,
        now=now,
    )  # fmt: skip
    # From here on the message may reach the recipient: never started again.
    _update(
        engine, delivery.id, status="sending", message_id=message_id, **kept
    )  # fmt: skip
    try:
        mailer.send(message)
    except TemporaryFailure as exc:
        return _later(engine, ds, mailer, plan, delivery, str(exc), now)
    except PermanentFailure as exc:
        return _fail(engine, ds, mailer, plan, delivery, str(exc), now)
    sent_as = "attachment" if done.pdf is not None else "link"
    detail = (
        f"schedule={plan.id} period={delivery.period} to={delivery.recipient} "
        f"as={sent_as} message_id={message_id}"
        + (f" pdf_problem={done.pdf_problem}" if done.pdf_problem else "")
    )
    _update(
        engine, delivery.id, ("delivery_sent", detail, now), status="sent",
        sent_at=now, sent_as=sent_as, last_error=done.pdf_problem,
    )  # fmt: skip
    return "sent"


def fail_lost(engine, ds, mailer, delivery_ids, now) -> None:
    """Audit the deliveries `recover` failed and tell their owners, once."""
    for delivery_id in delivery_ids:
        with engine.connect() as conn:
            row = conn.execute(
                select(
                    Delivery.subscription_id, Delivery.period, Delivery.recipient,
                    Delivery.last_error,
                ).where(Delivery.id == delivery_id)
            ).one()  # fmt: skip
            plan = subscription(conn, row.subscription_id)
        with engine.begin() as conn:
            audit.record(
                conn, "delivery_failed", at=now, username="scheduler",
                address="worker",
                detail=f"schedule={plan.id} period={row.period} to={row.recipient} "
                f"error={row.last_error}"[:2000],
            )  # fmt: skip
        notify_owner(engine, ds, mailer, plan, delivery_id, now)
