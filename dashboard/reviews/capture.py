"""What is captured during a review, checked by the importer's own rules and
saved all or nothing: attendance, action items, decisions and notes, the
meeting's objectives and feedback, targets. Every save names the review version
it was made from (StaleReview when someone saved since), is audit-logged and
bumps the data version."""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from dashboard.auth import audit
from dashboard.kernel.targets import TargetError, TargetKey, checked_key, checked_value
from dashboard.reports.commentary import checked_comment
from dashboard.reports.model import ReportError
from dashboard.reviews.records import ReviewRecord
from dashboard.reviews.saving import (
    CaptureError,
    Saver,
    checked_row,
    choice_field,
    meeting_row,
    save_change,
    text_field,
)
from dashboard.reviews.start import review_in_scope
from dashboard.reviews.targets import checked_note
from data import target_store
from data.importer.contract import ACTION_ITEMS, ATTENDEES, MEETINGS
from data.models import ActionItem, Attendee, Meeting
from data.models.reviews import NOTE_KINDS, REVIEW_SECTIONS, ReviewNote
from data.target_store import StaleTarget

SIDES = ("client", "internal")
EXISTS = "a target for this figure and period exists already: change it in the list"
VISIBILITIES = ("shared", "internal")


def save_attendance(saver: Saver, review_id: int, form) -> int:
    """Tick who came (`attended`: attendee ids) and add a person (`name`, `side`)."""
    ticked = {int(v) for v in form.getlist("attended") if str(v).isdigit()}
    name = text_field(form, "name")
    person = None
    if name:
        person = checked_row(
            ATTENDEES,
            {"meeting_external_id": "review", "name": name,
             "side": text_field(form, "side"), "attended": "true"},
            saver.timezone,
        )  # fmt: skip

    def write(conn: Connection, review: ReviewRecord) -> None:
        invited = set(
            conn.execute(
                select(Attendee.id).where(Attendee.meeting_id == review.meeting_id)
            ).scalars()
        )
        if not ticked <= invited:
            raise CaptureError([("attended", "names a person not on this list")])
        for attendee_id in invited:
            conn.execute(
                update(Attendee)
                .where(Attendee.id == attendee_id)
                .values(attended=attendee_id in ticked)
            )
        if person is not None:
            try:
                conn.execute(
                    insert(Attendee).values(
                        meeting_id=review.meeting_id, name=person["name"],
                        side=person["side"], attended=True,
                    )
                )  # fmt: skip
            except IntegrityError:
                raise CaptureError([("name", "is on the list already")]) from None

    return save_change(saver, review_id, form, "attendance", write)


def save_action_item(saver: Saver, review_id: int, form) -> int:
    """Add an action item agreed in the review (title, owner, due date, side,
    visibility), created today and linked to the review's meeting."""
    side = choice_field(form, "side", SIDES)
    with saver.engine.connect() as conn:
        review = review_in_scope(conn, review_id, saver.scope)
    record = checked_row(
        ACTION_ITEMS,
        {
            "external_id": f"RA-{saver.today:%Y%m%d}-{secrets.token_hex(5)}",
            "client_external_id": review.client,
            "meeting_external_id": review.meeting_external_id,
            "title": text_field(form, "title"), "owner": text_field(form, "owner"),
            "created_on": saver.today.isoformat(), "due_on": text_field(form, "due_on"),
            "completed_on": "", "visibility": text_field(form, "visibility"),
        },
        saver.timezone,
    )  # fmt: skip
    if record["visibility"] not in VISIBILITIES:
        raise CaptureError([("visibility", "must be one of shared, internal")])

    def write(conn: Connection, review: ReviewRecord) -> None:
        conn.execute(
            insert(ActionItem).values(
                external_id=record["external_id"], client_id=review.client_id,
                meeting_id=review.meeting_id, title=record["title"],
                owner=record["owner"], created_on=record["created_on"],
                due_on=record["due_on"], visibility=record["visibility"], side=side,
            )
        )  # fmt: skip

    return save_change(saver, review_id, form, "action item added", write)


def close_action_item(
    saver: Saver, review_id: int, form, *, shared_only: bool = True
) -> int:
    """Mark one open item of the client done today (`item`: its id); while the
    client may be watching (`shared_only`) only a shared item can be named."""
    text = text_field(form, "item")
    if not text.isdigit():
        raise CaptureError([("item", "names no action item")])

    def write(conn: Connection, review: ReviewRecord) -> None:
        where = [
            ActionItem.id == int(text),
            ActionItem.client_id == review.client_id,
            ActionItem.completed_on.is_(None),
        ]
        if shared_only:
            where.append(ActionItem.visibility == "shared")
        row = conn.execute(
            select(ActionItem.external_id, ActionItem.title, ActionItem.owner,
                   ActionItem.created_on, ActionItem.due_on, ActionItem.visibility)
            .where(*where)
        ).one_or_none()  # fmt: skip
        if row is None:
            raise CaptureError([("item", "is not an open action item of this client")])
        ext, title, owner, created, due, visibility = row
        checked_row(
            ACTION_ITEMS,
            {"external_id": ext, "client_external_id": review.client,
             "title": title, "owner": owner, "created_on": created.isoformat(),
             "due_on": due.isoformat(), "completed_on": saver.today.isoformat(),
             "visibility": visibility},
            saver.timezone,
        )  # fmt: skip
        conn.execute(
            update(ActionItem)
            .where(ActionItem.id == int(text))
            .values(completed_on=saver.today)
        )

    return save_change(saver, review_id, form, f"action item {text} done", write)


def save_note(saver: Saver, review_id: int, form) -> int:
    """A decision or note on one agenda item; `shared` or `internal`."""
    section = choice_field(form, "section", REVIEW_SECTIONS)
    kind = choice_field(form, "kind", NOTE_KINDS)
    visibility = choice_field(form, "visibility", VISIBILITIES)
    try:
        text = checked_comment(form.get("text"))
    except ReportError as exc:
        raise CaptureError([("text", str(exc))]) from None
    if not text:
        raise CaptureError([("text", "is required but empty")])

    def write(conn: Connection, review: ReviewRecord) -> None:
        conn.execute(
            insert(ReviewNote).values(
                review_id=review.id, section=section, kind=kind,
                visibility=visibility, text=text, written_by=saver.by,
                written_at=saver.at,
            )
        )  # fmt: skip

    return save_change(
        saver, review_id, form, f"{visibility} {kind} on {section}", write
    )


def save_outcome(saver: Saver, review_id: int, form) -> int:
    """The meeting's objectives set and met and the client's feedback score
    (1–5); an empty field clears its value."""
    changed = {
        "objectives_set": text_field(form, "objectives_set"),
        "objectives_met": text_field(form, "objectives_met"),
        "feedback_score": text_field(form, "feedback_score"),
    }

    def write(conn: Connection, review: ReviewRecord) -> None:
        record = checked_row(
            MEETINGS, meeting_row(conn, review) | changed, saver.timezone
        )
        conn.execute(
            update(Meeting)
            .where(Meeting.id == review.meeting_id)
            .values(**{name: record[name] for name in changed})
        )

    return save_change(saver, review_id, form, "objectives and feedback", write)


def save_review_target(saver: Saver, review_id: int, form) -> int:
    """Set or change the client's target for a KPI and period (`target_version`:
    the target's version as read, empty for a new one)."""
    with saver.engine.connect() as conn:
        review = review_in_scope(conn, review_id, saver.scope)
    try:
        kpi, period = text_field(form, "kpi"), text_field(form, "period")
        key = checked_key(
            TargetKey(kpi, period, review.client), saver.fiscal_start_month
        )
        raw = text_field(form, "value")
        try:
            number = float(raw)
        except ValueError:
            raise TargetError("value", f"{raw!r} is not a number") from None
        value = checked_value(key.kpi, number)
        note = checked_note(form.get("note"))
    except TargetError as exc:
        raise CaptureError([(exc.field, exc.message)]) from None
    seen = text_field(form, "target_version")
    expected = int(seen) if seen.isdigit() else None

    def write(conn: Connection, review: ReviewRecord) -> None:
        try:
            stored = target_store.set_target(
                conn, key, client_id=review.client_id, value=value, note=note,
                by=saver.by, at=saver.at, expected_version=expected,
            )  # fmt: skip
        except StaleTarget as stale:
            if expected is None:
                raise CaptureError([("value", EXISTS)]) from None
            raise CaptureError([("value", str(stale))]) from None
        audit.record(
            conn, "target_set", at=saver.at, username=saver.by,
            address=saver.address,
            detail=f"{key.describe()} = {value:g} (version {stored.version})",
        )  # fmt: skip

    return save_change(saver, review_id, form, f"target {key.describe()}", write)
