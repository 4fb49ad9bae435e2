"""Subscriptions: checked when saved (never at send time), listed, paused,
resumed and removed; every change audited."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, replace

from sqlalchemy import Connection, Engine, delete, insert, select, update

from dashboard.auth import audit
from dashboard.auth.users import normalise_username
from dashboard.delivery.errors import ScheduleError
from dashboard.delivery.recipients import check_address, login_scope
from dashboard.kernel.i18n import LANGUAGES
from data.models import Client
from data.models.auth import User
from data.models.delivery import (
    CADENCES,
    PERIOD_RULES,
    SUBSCRIPTION_AUDIENCES,
    Subscription,
)

DAYS = {"weekly": (0, 6), "monthly": (1, 31), "quarterly": (1, 60)}
OWNER_ROLES = ("admin", "manager", "account_manager")


@dataclass(frozen=True)
class Plan:
    """A subscription as asked for and as stored (without its bookkeeping)."""

    name: str
    clients: tuple[str, ...]
    owner_book: str | None
    audience: str
    lang: str
    cadence: str
    day: int
    local_time: str  # "HH:MM"
    timezone: str
    period_rule: str
    recipients: tuple[str, ...]
    owner_username: str
    owner_email: str | None = None  # failures are reported here
    id: int | None = None
    paused: bool = False
    active_since: dt.datetime | None = None


DAY_RANGES = {
    "weekly": "a weekly schedule's day must be from {low} to {high}",
    "monthly": "a monthly schedule's day must be from {low} to {high}",
    "quarterly": "a quarterly schedule's day must be from {low} to {high}",
}


def _choice(value: str, allowed: tuple[str, ...], message: str) -> None:
    if value not in allowed:
        raise ScheduleError(message, value=value, allowed=", ".join(allowed))


def _check_when(plan: Plan) -> None:
    _choice(plan.cadence, CADENCES, "cadence '{value}' is not one of {allowed}")
    low, high = DAYS[plan.cadence]
    if not low <= plan.day <= high:
        raise ScheduleError(DAY_RANGES[plan.cadence], low=low, high=high)
    try:
        dt.time.fromisoformat(plan.local_time)
    except ValueError:
        raise ScheduleError(
            "'{value}' is not a time ({pattern})", value=plan.local_time,
            pattern="HH:MM",
        ) from None  # fmt: skip
    try:
        zoneinfo.ZoneInfo(plan.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            "'{value}' is not a known time zone (e.g. {example})",
            value=plan.timezone, example="Europe/Berlin",
        ) from None  # fmt: skip
    _choice(plan.period_rule, PERIOD_RULES, "period '{value}' is not one of {allowed}")
    if plan.cadence == "weekly" and plan.period_rule != "to_date":
        raise ScheduleError(
            "a weekly schedule covers the month to date ({rule})", rule="to_date"
        )


def _check_what(conn: Connection, plan: Plan) -> None:
    _choice(
        plan.audience,
        SUBSCRIPTION_AUDIENCES,
        "audience '{value}' is not one of {allowed}",
    )
    _choice(plan.lang, tuple(LANGUAGES), "language '{value}' is not one of {allowed}")
    if plan.audience == "client" and (len(plan.clients) != 1 or plan.owner_book):
        raise ScheduleError("a client-audience schedule names exactly one client")
    if bool(plan.clients) == bool(plan.owner_book):
        raise ScheduleError("name clients or an owner's book (one of them)")
    known = dict(conn.execute(select(Client.external_id, Client.owner)).all())
    unknown = [c for c in plan.clients if c not in known]
    if unknown:
        raise ScheduleError("unknown client {clients}", clients=", ".join(unknown))
    if plan.owner_book and plan.owner_book not in set(known.values()):
        raise ScheduleError("unknown owner '{owner}'", owner=plan.owner_book)
    owner = conn.execute(
        select(User.role, User.disabled).where(User.username == plan.owner_username)
    ).one_or_none()
    if owner is None or owner.disabled or owner.role not in OWNER_ROLES:
        raise ScheduleError(
            "'{user}' is not an admin, manager or account manager who may log in",
            user=plan.owner_username,
        )
    scope = login_scope(conn, plan.owner_username)
    assert scope is not None
    books = {known[c] for c in plan.clients} | {plan.owner_book} - {None}
    if scope.owner is not None and books != {scope.owner}:
        raise ScheduleError(
            "{user} may only schedule reports of their own clients",
            user=plan.owner_username,
        )


def checked(conn: Connection, plan: Plan, allowed_domains: tuple[str, ...]) -> Plan:
    """The plan with its texts normalised; ScheduleError for anything wrong,
    a recipient outside the allowed domains among them."""
    recipients = tuple(
        dict.fromkeys(r.strip().lower() for r in plan.recipients if r.strip())
    )
    plan = replace(
        plan,
        name=plan.name.strip()[:200],
        clients=tuple(dict.fromkeys(c.strip() for c in plan.clients if c)),
        owner_book=(plan.owner_book or "").strip() or None,
        recipients=recipients,
        owner_username=normalise_username(plan.owner_username),
    )
    if not plan.name:
        raise ScheduleError("a schedule needs a name")
    if not recipients:
        raise ScheduleError("a schedule needs at least one recipient")
    for address in recipients:
        if (why := check_address(address, allowed_domains)) is not None:
            raise why
    owner_email = (plan.owner_email or "").strip().lower() or None
    if owner_email is None and "@" in plan.owner_username:
        owner_email = plan.owner_username
    if owner_email and (why := check_address(owner_email, ())) is not None:
        raise why
    plan = replace(plan, owner_email=owner_email)
    _check_when(plan)
    _check_what(conn, plan)
    return plan


def add_subscription(
    engine: Engine, plan: Plan, allowed_domains: tuple[str, ...], *, now, by: str
) -> int:
    """Check and store a new subscription; its id. Audited."""
    with engine.begin() as conn:
        plan = checked(conn, plan, allowed_domains)
        new_id = conn.execute(
            insert(Subscription)
            .values(
                name=plan.name, clients=",".join(plan.clients),
                owner_book=plan.owner_book, audience=plan.audience, lang=plan.lang,
                cadence=plan.cadence, day=plan.day, local_time=plan.local_time,
                timezone=plan.timezone, period_rule=plan.period_rule,
                recipients=",".join(plan.recipients),
                owner_username=plan.owner_username, owner_email=plan.owner_email,
                paused=False,
                active_since=now, created_at=now, updated_at=now,
            )
            .returning(Subscription.id)
        ).scalar_one()  # fmt: skip
        audit.record(
            conn, "schedule_changed", at=now, username=by,
            detail=f"added schedule {new_id} ({plan.name}) to "
            f"{', '.join(plan.recipients)}",
        )  # fmt: skip
    return new_id


def _plan(row) -> Plan:
    return Plan(
        id=row.id, name=row.name,
        clients=tuple(c for c in row.clients.split(",") if c),
        owner_book=row.owner_book, audience=row.audience, lang=row.lang,
        cadence=row.cadence, day=row.day, local_time=row.local_time,
        timezone=row.timezone, period_rule=row.period_rule,
        recipients=tuple(r for r in row.recipients.split(",") if r),
        owner_username=row.owner_username, owner_email=row.owner_email,
        paused=row.paused,
        active_since=row.active_since,
    )  # fmt: skip


def subscriptions(conn: Connection, *, owner: str | None = None) -> list[Plan]:
    """Every subscription (or one owner's), by id."""
    query = select(Subscription.__table__).order_by(Subscription.id)
    if owner is not None:
        query = query.where(Subscription.owner_username == owner)
    return [_plan(row) for row in conn.execute(query)]


def subscription(conn: Connection, subscription_id: int) -> Plan:
    """One subscription; ScheduleError when there is none with this id."""
    row = conn.execute(
        select(Subscription.__table__).where(Subscription.id == subscription_id)
    ).one_or_none()
    if row is None:
        raise ScheduleError("no schedule {id}", id=subscription_id)
    return _plan(row)


def set_paused(engine: Engine, subscription_id: int, paused: bool, *, now, by) -> None:
    """Pause or resume; a resumed schedule does not catch up the paused runs."""
    values = {"paused": paused, "updated_at": now}
    if not paused:
        values["active_since"] = now
    with engine.begin() as conn:
        subscription(conn, subscription_id)
        conn.execute(
            update(Subscription)
            .where(Subscription.id == subscription_id)
            .values(**values)
        )
        verb = "paused" if paused else "resumed"
        audit.record(
            conn, "schedule_changed", at=now, username=by,
            detail=f"{verb} schedule {subscription_id}",
        )  # fmt: skip


def remove_subscription(engine: Engine, subscription_id: int, *, now, by) -> None:
    """Remove a subscription and its delivery history."""
    with engine.begin() as conn:
        subscription(conn, subscription_id)
        conn.execute(delete(Subscription).where(Subscription.id == subscription_id))
        audit.record(
            conn, "schedule_changed", at=now, username=by,
            detail=f"removed schedule {subscription_id}",
        )  # fmt: skip
