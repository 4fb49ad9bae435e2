"""What a review holds and produced, as a viewer may see it: the people invited
and who came, the meeting's objectives and feedback, the decisions and notes,
and the action items agreed in it. Internal notes and items are read only for
an internal audience."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from dashboard.kernel.formatting import format_day
from dashboard.kernel.i18n import translator
from dashboard.reviews.records import ReviewRecord
from data.models import ActionItem, Attendee, Meeting
from data.models.reviews import REVIEW_SECTIONS, ReviewNote


@dataclass(frozen=True)
class Person:
    """One invited person and whether they came."""

    id: int
    name: str
    side: str
    attended: bool


@dataclass(frozen=True)
class Note:
    """A decision or note written on an agenda item."""

    id: int
    section: str
    kind: str
    visibility: str
    text: str
    written_by: str
    written_at: dt.datetime


@dataclass(frozen=True)
class Item:
    """An action item of the client."""

    id: int
    title: str
    owner: str
    side: str | None
    created_on: dt.date
    due_on: dt.date
    completed_on: dt.date | None
    visibility: str
    meeting_id: int | None


@dataclass(frozen=True)
class MeetingOutcome:
    """The review's meeting as stored now."""

    status: str
    actual_minutes: int | None
    objectives_set: int | None
    objectives_met: int | None
    feedback_score: float | None


def people(conn: Connection, meeting_id: int) -> list[Person]:
    """The meeting's attendee list, the client's side first, by name."""
    rows = conn.execute(
        select(Attendee.id, Attendee.name, Attendee.side, Attendee.attended)
        .where(Attendee.meeting_id == meeting_id)
        .order_by(Attendee.side, Attendee.name)
    ).all()
    return [Person(*row) for row in rows]


def meeting_outcome(conn: Connection, meeting_id: int) -> MeetingOutcome:
    """Status, minutes, objectives and feedback of the meeting."""
    row = conn.execute(
        select(Meeting.status, Meeting.actual_minutes, Meeting.objectives_set,
               Meeting.objectives_met, Meeting.feedback_score)
        .where(Meeting.id == meeting_id)
    ).one()  # fmt: skip
    return MeetingOutcome(*row)


def notes(conn: Connection, review_id: int, *, internal: bool) -> list[Note]:
    """The review's decisions and notes in agenda order, oldest first; only the
    shared ones unless `internal`."""
    where = [ReviewNote.review_id == review_id]
    if not internal:
        where.append(ReviewNote.visibility == "shared")
    rows = conn.execute(
        select(ReviewNote.id, ReviewNote.section, ReviewNote.kind,
               ReviewNote.visibility, ReviewNote.text, ReviewNote.written_by,
               ReviewNote.written_at)
        .where(*where)
        .order_by(ReviewNote.written_at, ReviewNote.id)
    ).all()  # fmt: skip
    found = [Note(*row) for row in rows]
    return sorted(found, key=lambda n: REVIEW_SECTIONS.index(n.section))


ITEM_COLUMNS = (
    ActionItem.id,
    ActionItem.title,
    ActionItem.owner,
    ActionItem.side,
    ActionItem.created_on,
    ActionItem.due_on,
    ActionItem.completed_on,
    ActionItem.visibility,
    ActionItem.meeting_id,
)


def _items(conn: Connection, where: list, internal: bool) -> list[Item]:
    if not internal:
        where.append(ActionItem.visibility == "shared")
    rows = conn.execute(
        select(*ITEM_COLUMNS).where(*where).order_by(ActionItem.due_on, ActionItem.id)
    ).all()
    return [Item(*row) for row in rows]


def agreed_items(conn: Connection, meeting_id: int, *, internal: bool) -> list[Item]:
    """The action items agreed in the review's meeting, by due date."""
    return _items(conn, [ActionItem.meeting_id == meeting_id], internal)


def open_items(
    conn: Connection, client_id: int, *, internal: bool, limit: int = 12
) -> list[Item]:
    """The client's open action items, newest first (what a review may close)."""
    where = [ActionItem.client_id == client_id, ActionItem.completed_on.is_(None)]
    if not internal:
        where.append(ActionItem.visibility == "shared")
    rows = conn.execute(
        select(*ITEM_COLUMNS)
        .where(*where)
        .order_by(ActionItem.created_on.desc(), ActionItem.id.desc())
        .limit(limit)
    ).all()
    return [Item(*row) for row in rows]


def next_steps_text(
    review: ReviewRecord, decisions: list[Note], items: list[Item], lang: str
) -> str:
    """The review's shared decisions and new shared action items as the plain
    text of the report's Next steps comment."""
    _ = translator(lang)
    lines: list[str] = []
    shared = [n for n in decisions if n.visibility == "shared" and n.kind == "decision"]
    if shared:
        lines.append(_("Decisions of the review:"))
        lines += [f"- {n.text}" for n in shared]
    agreed = [i for i in items if i.visibility == "shared"]
    if agreed:
        lines.append(_("Action items agreed in the review:"))
        lines += [item_line(i, lang) for i in agreed]
    return "\n".join(lines)


def item_line(item: Item, lang: str) -> str:
    """`- title (owner, due day)` for a plain-text list."""
    _ = translator(lang)
    due = format_day(item.due_on, lang)
    return "- " + _("{title} ({owner}, due {due})", title=item.title,
                    owner=item.owner, due=due)  # fmt: skip
