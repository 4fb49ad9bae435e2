"""What every capture form of a review shares: the error naming bad fields, who
saves when, the importer's row check, and the one transaction that takes the
review's version, writes, audits and bumps the data version."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from dashboard.auth import audit
from dashboard.kernel.scope import Scope
from dashboard.reviews.records import ReviewRecord, StaleReview, take_version
from dashboard.reviews.start import review_in_scope
from data.importer.contract import Entity
from data.importer.validate import RowChecker
from data.models import Meeting
from data.rollups import refresh_rollups
from data.version import bump_data_version


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


def text_field(form: Mapping, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def choice_field(form: Mapping, name: str, allowed: tuple[str, ...]) -> str:
    value = text_field(form, name)
    if value not in allowed:
        raise CaptureError([(name, f"must be one of {', '.join(allowed)}")])
    return value


def version_field(form: Mapping) -> int:
    text = text_field(form, "version")
    if not text.isdigit():
        raise CaptureError([("version", "is missing: reload the review")])
    return int(text)


def save_change(saver: Saver, review_id: int, form: Mapping, what: str, write) -> int:
    """Run `write(conn, review)` in one transaction after taking the version;
    the new version. StaleReview (with what is stored now) when it moved."""
    expected = version_field(form)
    with saver.engine.connect() as conn:
        review = review_in_scope(conn, review_id, saver.scope)
    try:
        with saver.engine.begin() as conn:
            version = take_version(conn, review.id, expected, by=saver.by, at=saver.at)
            write(conn, review)
            # The review's meeting, attendees and items are in the rollups.
            refresh_rollups(conn, {review.client_id})
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
