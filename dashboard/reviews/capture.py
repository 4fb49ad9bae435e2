"""What is captured during a review, checked by the importer's own rules and
saved all or nothing: attendance, action items, decisions and notes, the
meeting's objectives and feedback, targets. Every save names the review version
it was made from (StaleReview when someone saved since), is audit-logged and
bumps the data version."""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from dashboard.auth import audit
from dashboard.kernel.scope import Scope
from dashboard.kernel.targets import TargetError, TargetKey, checked_key, checked_value
from dashboard.reports.commentary import checked_comment
from dashboard.reports.model import ReportError
from dashboard.reviews.records import ReviewRecord, StaleReview, take_version
from dashboard.reviews.start import review_in_scope
from dashboard.reviews.targets import checked_note
from data import target_store
from data.importer.contract import ACTION_ITEMS, ATTENDEES, MEETINGS, Entity
from data.importer.validate import RowChecker
from data.models import ActionItem, Attendee, Meeting
from data.models.reviews import NOTE_KINDS, REVIEW_SECTIONS, ReviewNote
from data.target_store import StaleTarget
from data.version import bump_data_version

SIDES = ("client", "internal")
EXISTS = "a target for this figure and period exists already: change it in the list"
VISIBILITIES = ("shared", "internal")


class CaptureError(ValueError):
    """The form holds bad values; `issues` are (field, what is wrong), nothing
    was saved."""

    def __init__(self, issues: list[tuple[str, str]]) -> None:
        self.issues = issues
        super().__init__("; ".join(f"{field}: {what}" for field, what in issues))


@dataclass(frozen=True)
class Saver:
    """Who saves what, where: the engine, the viewer and the moment."""

    engine: Engine
    by: str
    scope: Scope  # the saver's own scope (never narrowed by presenting)
    at: dt.datetime
    timezone: str = "UTC"
    fiscal_start_month: int = 1
    address: str | None = None
    # The dashboard's day (its "data as of" day when set); None: `at`'s day.
    day: dt.date | None = None

    @property
    def today(self) -> dt.date:
        """The saver's day in the dashboard's time zone."""
        if self.day is not None:
            return self.day
        local = self.at.replace(tzinfo=dt.UTC).astimezone(
            zoneinfo.ZoneInfo(self.timezone)
        )
        return local.date()


def checked_row(entity: Entity, values: Mapping[str, object], tz: str) -> dict:
    """One row of an import file, checked by the importer's rules; CaptureError
    naming every bad column."""
    header = list(entity.column_names)
    checker = RowChecker(entity, header, zoneinfo.ZoneInfo(tz))
    record, issues = checker.check([values.get(name, "") for name in header])
    if issues:
        raise CaptureError([(field or "row", what) for field, what in issues])
    return record


def _text(form: Mapping, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _choice(form: Mapping, name: str, allowed: tuple[str, ...]) -> str:
    value = _text(form, name)
    if value not in allowed:
        raise CaptureError([(name, f"must be one of {', '.join(allowed)}")])
    return value


def _version(form: Mapping) -> int:
    text = _text(form, "version")
    if not text.isdigit():
        raise CaptureError([("version", "is missing: reload the review")])
    return int(text)


def save_change(saver: Saver, review_id: int, form: Mapping, what: str, write) -> int:
    """Run `write(conn, review)` in one transaction after taking the version;
    the new version. StaleReview (with what is stored now) when it moved."""
    expected = _version(form)
    with saver.engine.connect() as conn:
        review = review_in_scope(conn, review_id, saver.scope)
    try:
        with saver.engine.begin() as conn:
            version = take_version(conn, review.id, expected, by=saver.by, at=saver.at)
            write(conn, review)
            audit.record(
                conn, "review_changed", at=saver.at, username=saver.by,
                address=saver.address,
                detail=f"review={review.id} client={review.client} {what}"
                f" version={version}",
            )  # fmt: skip
            bump_data_version(conn)
    except StaleReview:
        with saver.engine.connect() as conn:
            current = review_in_scope(conn, review_id, saver.scope)
        raise StaleReview(expected, current) from None
    return version


def save_attendance(saver: Saver, review_id: int, form) -> int:
    """Tick who came (`attended`: attendee ids) and add a person (`name`, `side`)."""
    ticked = {int(v) for v in form.getlist("attended") if str(v).isdigit()}
    name = _text(form, "name")
    person = None
    if name:
        person = checked_row(
            ATTENDEES,
            {"meeting_external_id": "review", "name": name,
             "side": _text(form, "side"), "attended": "true"},
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
    side = _choice(form, "side", SIDES)
    with saver.engine.connect() as conn:
        review = review_in_scope(conn, review_id, saver.scope)
    record = checked_row(
        ACTION_ITEMS,
        {
            "external_id": f"RA-{saver.today:%Y%m%d}-{secrets.token_hex(5)}",
            "client_external_id": review.client,
            "meeting_external_id": review.meeting_external_id,
            "title": _text(form, "title"), "owner": _text(form, "owner"),
            "created_on": saver.today.isoformat(), "due_on": _text(form, "due_on"),
            "completed_on": "", "visibility": _text(form, "visibility"),
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
    text = _text(form, "item")
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
    section = _choice(form, "section", REVIEW_SECTIONS)
    kind = _choice(form, "kind", NOTE_KINDS)
    visibility = _choice(form, "visibility", VISIBILITIES)
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


def meeting_row(conn: Connection, review: ReviewRecord) -> dict[str, object]:
    """The review's meeting as an import row (text cells)."""
    row = conn.execute(
        select(Meeting.kind, Meeting.scheduled_start, Meeting.planned_minutes,
               Meeting.status, Meeting.actual_minutes, Meeting.objectives_set,
               Meeting.objectives_met, Meeting.feedback_score)
        .where(Meeting.id == review.meeting_id)
    ).one()  # fmt: skip

    def cell(value: object) -> str:
        return "" if value is None else str(value)

    return {
        "external_id": review.meeting_external_id,
        "client_external_id": review.client,
        "kind": row.kind,
        "scheduled_start": row.scheduled_start.isoformat() + "Z",
        "planned_minutes": str(row.planned_minutes),
        "status": row.status,
        "actual_minutes": cell(row.actual_minutes),
        "objectives_set": cell(row.objectives_set),
        "objectives_met": cell(row.objectives_met),
        "feedback_score": cell(row.feedback_score),
    }


def save_outcome(saver: Saver, review_id: int, form) -> int:
    """The meeting's objectives set and met and the client's feedback score
    (1–5); an empty field clears its value."""
    changed = {
        "objectives_set": _text(form, "objectives_set"),
        "objectives_met": _text(form, "objectives_met"),
        "feedback_score": _text(form, "feedback_score"),
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
        key = checked_key(
            TargetKey(_text(form, "kpi"), _text(form, "period"), review.client),
            saver.fiscal_start_month,
        )
        raw = _text(form, "value")
        try:
            number = float(raw)
        except ValueError:
            raise TargetError("value", f"{raw!r} is not a number") from None
        value = checked_value(key.kpi, number)
        note = checked_note(form.get("note"))
    except TargetError as exc:
        raise CaptureError([(exc.field, exc.message)]) from None
    seen = _text(form, "target_version")
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
