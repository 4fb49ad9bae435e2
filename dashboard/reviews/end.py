"""Ending a review: the meeting is stored as held (minutes from the review's
clock unless corrected), and the client's report for the review's period is
finalised with the review's shared decisions and new items in its Next steps."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import update

from dashboard.auth import audit
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.reports.build import build_report
from dashboard.reports.commentary import ReportKey, load_commentary
from dashboard.reports.html import render_html
from dashboard.reports.snapshots import finalise
from dashboard.reviews.outcome import agreed_items, next_steps_text, notes
from dashboard.reviews.records import ReviewRecord
from dashboard.reviews.saving import (
    Saver,
    checked_row,
    meeting_row,
    save_change,
)
from dashboard.reviews.start import review_in_scope
from data.importer.contract import MEETINGS
from data.models import Meeting
from data.models.reviews import Review


def clock_minutes(review: ReviewRecord, saver: Saver) -> int:
    """Whole minutes from the start of the review until now (at least 1)."""
    seconds = (saver.at - review.started_at).total_seconds()
    return max(1, round(seconds / 60))


def end_review(saver: Saver, settings: Settings, review_id: int, form) -> int:
    """End the open review (or finish one whose report could not be finalised);
    the id of the finalised report. CaptureError for bad minutes, StaleReview
    when the review changed since the page was read."""
    with saver.engine.connect() as conn:
        review = review_in_scope(conn, review_id, saver.scope)
    if review.is_open:
        corrected = str(form.get("minutes") or "").strip()
        minutes = corrected or str(clock_minutes(review, saver))

        def write(conn, review: ReviewRecord) -> None:
            held = {"status": "held", "actual_minutes": minutes}
            record = checked_row(
                MEETINGS, meeting_row(conn, review) | held, saver.timezone
            )
            conn.execute(
                update(Meeting)
                .where(Meeting.id == review.meeting_id)
                .values(status="held", actual_minutes=record["actual_minutes"])
            )
            conn.execute(
                update(Review)
                .where(Review.id == review.id)
                .values(status="ended", ended_at=saver.at)
            )
            audit.record(
                conn, "review_ended", at=saver.at, username=saver.by,
                address=saver.address,
                detail=f"review={review.id} client={review.client}"
                f" minutes={record['actual_minutes']}",
            )  # fmt: skip

        save_change(saver, review_id, form, "ended", write)
    elif review.snapshot_id is not None:
        return review.snapshot_id
    return _finalise(saver, settings, review_id)


def _finalise(saver: Saver, settings: Settings, review_id: int) -> int:
    """Finalise the client report of the review's period with its outcome."""
    with saver.engine.connect() as conn:
        review = review_in_scope(conn, review_id, saver.scope)
        key = ReportKey(review.client, review.period, "client", review.lang)
        report = build_report(
            conn, settings=settings,
            scope=Scope.for_client(review.client, internal=False),
            period=parse_period(review.period, settings.fiscal_year_start_month),
            lang=review.lang, audience="client", clients=(review.client,),
        )  # fmt: skip
        comments = dict(load_commentary(conn, key))
        outcome = next_steps_text(
            review,
            notes(conn, review.id, internal=False),
            agreed_items(conn, review.meeting_id, internal=False),
            review.lang,
        )
    steps = "\n\n".join(t for t in (comments.get("next_steps"), outcome) if t)
    if steps:
        comments["next_steps"] = steps
    sections = ("summary", "progress", "problems", "next_steps")
    report = replace(
        report, commentary=tuple((s, comments[s]) for s in sections if s in comments)
    )
    snapshot_id = finalise(
        saver.engine, key, report, render_html(report), by=saver.by, at=saver.at,
        address=saver.address,
    )  # fmt: skip
    with saver.engine.begin() as conn:
        conn.execute(
            update(Review).where(Review.id == review.id).values(snapshot_id=snapshot_id)
        )
    return snapshot_id
