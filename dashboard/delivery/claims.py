"""The deliveries table as the worker's ledger: rows written for each due run
and recipient before anything is sent (the unique key makes a second writer a
no-op), claimed one at a time with a conditional update, and recovered after a
worker stopped mid-way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from dashboard.delivery.schedule import Cadence, Run, due_runs
from dashboard.delivery.subscriptions import Plan, subscriptions
from data.models.delivery import Delivery

# A claim older than this is a worker that stopped (rendering takes a minute
# at most; Chromium is given two).
LEASE = dt.timedelta(minutes=15)
# A queued delivery not started within this time is queued again (a lost task).
REQUEUE = dt.timedelta(minutes=10)
INTERRUPTED = (
    "the worker stopped while handing this message to the mail server; it is not"
    " sent again so that nobody gets it twice (Message-ID {message_id})"
)


@dataclass(frozen=True)
class Claimed:
    """A delivery this worker now owns: its row as claimed."""

    id: int
    subscription_id: int
    period: str
    recipient: str
    due_at: dt.datetime
    attempts: int


def cadence_of(plan: Plan, fiscal_start_month: int) -> Cadence:
    """The schedule arithmetic's view of a subscription."""
    return Cadence(
        kind=plan.cadence,
        day=plan.day,
        at=dt.time.fromisoformat(plan.local_time),
        timezone=plan.timezone,
        period_rule=plan.period_rule,
        fiscal_start_month=fiscal_start_month,
    )


def _insert(engine: Engine):
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(Delivery)


def write_rows(
    engine: Engine, plan: Plan, run: Run, now: dt.datetime, key: str | None = None
) -> int:
    """One pending row per recipient of the run (those already written are
    left alone); how many were new."""
    rows = [
        {
            "subscription_id": plan.id, "period": key or run.key, "recipient": r,
            "due_at": run.due, "status": "pending", "attempts": 0,
            "next_attempt_at": min(run.due, now), "created_at": now,
        }
        for r in plan.recipients
    ]  # fmt: skip
    statement = _insert(engine).on_conflict_do_nothing(
        index_elements=["subscription_id", "period", "recipient"]
    )
    with engine.begin() as conn:
        return sum(conn.execute(statement, row).rowcount for row in rows)


def open_runs(
    engine: Engine,
    now: dt.datetime,
    *,
    catch_up: dt.timedelta,
    fiscal_start_month: int = 1,
) -> int:
    """Write the rows of every run due now (missed ones within `catch_up`
    included) of every active subscription; how many rows were new."""
    with engine.connect() as conn:
        plans = [p for p in subscriptions(conn) if not p.paused]
    new = 0
    for plan in plans:
        cadence = cadence_of(plan, fiscal_start_month)
        assert plan.active_since is not None
        for run in due_runs(
            cadence, now, active_since=plan.active_since, catch_up=catch_up
        ):
            new += write_rows(engine, plan, run, now)
    return new


def queue_ready(engine: Engine, now: dt.datetime, limit: int = 500) -> list[int]:
    """Pending deliveries whose (next) attempt is due and that were not queued
    lately, oldest first; marked queued now."""
    with engine.begin() as conn:
        ids = list(
            conn.execute(
                select(Delivery.id)
                .where(
                    Delivery.status == "pending",
                    Delivery.next_attempt_at <= now,
                    or_(
                        Delivery.queued_at.is_(None),
                        Delivery.queued_at < now - REQUEUE,
                    ),
                )
                .order_by(Delivery.next_attempt_at, Delivery.id)
                .limit(limit)
            ).scalars()
        )
        if ids:
            conn.execute(
                update(Delivery).where(Delivery.id.in_(ids)).values(queued_at=now)
            )
    return ids


def claim(engine: Engine, delivery_id: int, now: dt.datetime) -> Claimed | None:
    """Take a pending, due delivery for this worker (status rendering, one more
    attempt); None when another worker has it or it is not due."""
    with engine.begin() as conn:
        taken = conn.execute(
            update(Delivery)
            .where(
                Delivery.id == delivery_id,
                Delivery.status == "pending",
                Delivery.next_attempt_at <= now,
            )
            .values(
                status="rendering",
                attempts=Delivery.attempts + 1,
                claimed_at=now,
                queued_at=None,
            )
        ).rowcount
        if taken != 1:
            return None
        row = conn.execute(
            select(
                Delivery.id, Delivery.subscription_id, Delivery.period,
                Delivery.recipient, Delivery.due_at, Delivery.attempts,
            ).where(Delivery.id == delivery_id)
        ).one()  # fmt: skip
    return Claimed(*row)


def recover(engine: Engine, now: dt.datetime) -> list[int]:
    """After a worker stopped: a delivery left rendering is pending again (nothing
    went out); one left sending fails, as it may have gone out. The ids failed."""
    stale = Delivery.claimed_at < now - LEASE
    with engine.begin() as conn:
        conn.execute(
            update(Delivery)
            .where(Delivery.status == "rendering", stale)
            .values(status="pending", next_attempt_at=now)
        )
        lost = conn.execute(
            select(Delivery.id, Delivery.message_id).where(
                and_(Delivery.status == "sending", stale)
            )
        ).all()
        for delivery_id, message_id in lost:
            conn.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id, Delivery.status == "sending")
                .values(
                    status="failed",
                    last_error=INTERRUPTED.format(message_id=message_id),
                )
            )
    return [delivery_id for delivery_id, _ in lost]
