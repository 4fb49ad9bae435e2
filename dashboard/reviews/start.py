"""Starting a review: one open review per client (a second manager joins it), a
meeting for it with the people invited to the client's last meeting, and the
period a review covers by default (the last complete quarter)."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from dashboard.auth import audit
from dashboard.kernel.periods import Period
from dashboard.kernel.scope import Scope
from dashboard.reviews.records import (
    ReviewNotFound,
    ReviewRecord,
    open_review_of,
    read_review,
)
from data.models import Attendee, Client, Meeting
from data.models.reviews import Review
from data.queries.selection import scope_condition
from data.rollups import refresh_rollups
from data.version import bump_data_version

PLANNED_MINUTES = 60


def client_in_scope(conn: Connection, client: str, scope: Scope) -> tuple[int, str]:
    """(id, name) of the client when the scope holds it; ReviewNotFound else
    (an unknown client and one out of scope alike)."""
    row = conn.execute(
        select(Client.id, Client.name).where(
            Client.external_id == client, scope_condition(scope)
        )
    ).one_or_none()
    if row is None:
        raise ReviewNotFound(client)
    return row[0], row[1]


def _invited(conn: Connection, client_id: int) -> list[tuple[str, str]]:
    """(name, side) of the people invited to the client's latest meeting that
    had an attendee list."""
    latest = (
        select(Meeting.id)
        .join(Attendee, Attendee.meeting_id == Meeting.id)
        .where(Meeting.client_id == client_id)
        .order_by(Meeting.scheduled_start.desc(), Meeting.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(Attendee.name, Attendee.side)
        .where(Attendee.meeting_id == latest)
        .order_by(Attendee.side, Attendee.name)
    ).all()
    return [(name, side) for name, side in rows]


def _meeting_kind(period: Period) -> str:
    return "qbr" if period.kind in ("quarter", "year") else "monthly_review"


def start_review(
    engine: Engine,
    client: str,
    *,
    period: Period,
    lang: str,
    by: str,
    at: dt.datetime,
    scope: Scope,
    address: str | None = None,
    meeting_start: dt.datetime | None = None,
) -> tuple[int, bool]:
    """The id of the client's open review, started now when there is none, and
    whether it was started by this call. `scope` is the starter's own scope;
    the meeting starts at `meeting_start` (default `at`)."""
    for _attempt in range(3):
        try:
            return _start(
                engine, client, period, lang, by, at, scope, address,
                meeting_start or at,
            )  # fmt: skip
        except IntegrityError:
            continue  # another manager started it at the same moment: join theirs
    raise RuntimeError("the review could not be started; try again")


def _start(
    engine, client, period, lang, by, at, scope, address, meeting_start
) -> tuple[int, bool]:
    with engine.begin() as conn:
        client_id, _name = client_in_scope(conn, client, scope)
        found = open_review_of(conn, client_id)
        if found is not None:
            return found.id, False
        meeting_id = conn.execute(
            insert(Meeting)
            .values(
                external_id=f"REVIEW-{at:%Y%m%d}-{secrets.token_hex(6)}",
                client_id=client_id, kind=_meeting_kind(period),
                scheduled_start=meeting_start, planned_minutes=PLANNED_MINUTES,
                status="scheduled",
            )
            .returning(Meeting.id)
        ).scalar_one()  # fmt: skip
        people = _invited(conn, client_id)
        if people:
            conn.execute(
                insert(Attendee),
                [
                    {"meeting_id": meeting_id, "name": name, "side": side,
                     "attended": False}
                    for name, side in people
                ],
            )  # fmt: skip
        review_id = conn.execute(
            insert(Review)
            .values(
                client_id=client_id, period=period.label, meeting_id=meeting_id,
                status="open", lang=lang, started_by=by, started_at=at,
                version=1, changed_by=by, changed_at=at,
            )
            .returning(Review.id)
        ).scalar_one()  # fmt: skip
        audit.record(
            conn, "review_started", at=at, username=by, address=address,
            detail=f"client={client} period={period.label} review={review_id}",
        )  # fmt: skip
        refresh_rollups(conn, {client_id})  # the new meeting is in the rollups
        bump_data_version(conn)
        return review_id, True


def review_in_scope(conn: Connection, review_id: int, scope: Scope) -> ReviewRecord:
    """The review when its client is in the scope; ReviewNotFound else."""
    found = read_review(
        conn,
        review_id,
        Review.client_id.in_(select(Client.id).where(scope_condition(scope))),
    )
    if found is None:
        raise ReviewNotFound(review_id)
    return found
