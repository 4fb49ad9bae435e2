"""A review as read from the database, and the optimistic version check every
change of a review goes through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from dashboard.kernel.i18n import translator
from data.models import Client, Meeting
from data.models.reviews import Review


class ReviewNotFound(LookupError):
    """No review with this id that the viewer may see (unknown or out of scope)."""


@dataclass(frozen=True)
class ReviewRecord:
    """One review with its client and meeting, as stored."""

    id: int
    client: str  # the client's external id
    client_name: str
    client_id: int
    period: str
    meeting_id: int
    meeting_external_id: str
    status: str
    lang: str
    started_by: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    version: int
    changed_by: str
    changed_at: dt.datetime
    snapshot_id: int | None
    recap_claimed_at: dt.datetime | None
    recap_sent_at: dt.datetime | None
    recap_error: str | None
    recap_to: str | None

    @property
    def is_open(self) -> bool:
        """True until the review is ended."""
        return self.status == "open"


class StaleReview(RuntimeError):
    """The review changed since the page was read (or was ended); `current` is
    what is stored now. `text(lang)` says who changed it and when."""

    def __init__(self, expected_version: int, current: ReviewRecord | None) -> None:
        self.expected_version = expected_version
        self.current = current
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        """The message in the viewer's language."""
        _ = translator(lang)
        current = self.current
        if current is None:
            return _("This review no longer exists.")
        if not current.is_open:
            return _("This review was ended meanwhile; nothing was saved.")
        return _(
            "{who} changed this review at {when} UTC while you were editing it;"
            " nothing was saved. Reload the review, check their change and save"
            " again.",
            who=current.changed_by, when=current.changed_at.strftime("%H:%M:%S"),
        )  # fmt: skip


COLUMNS = (
    Review.id,
    Client.external_id,
    Client.name,
    Review.client_id,
    Review.period,
    Review.meeting_id,
    Meeting.external_id,
    Review.status,
    Review.lang,
    Review.started_by,
    Review.started_at,
    Review.ended_at,
    Review.version,
    Review.changed_by,
    Review.changed_at,
    Review.snapshot_id,
    Review.recap_claimed_at,
    Review.recap_sent_at,
    Review.recap_error,
    Review.recap_to,
)


def _joined(*where) -> object:
    return (
        select(*COLUMNS)
        .join(Client, Client.id == Review.client_id)
        .join(Meeting, Meeting.id == Review.meeting_id)
        .where(*where)
    )


def read_review(conn: Connection, review_id: int, *where) -> ReviewRecord | None:
    """The review with this id (and the extra conditions on clients), or None."""
    row = conn.execute(_joined(Review.id == review_id, *where)).one_or_none()
    return None if row is None else ReviewRecord(*row)


def open_review_of(conn: Connection, client_id: int) -> ReviewRecord | None:
    """The client's open review, or None."""
    row = conn.execute(
        _joined(Review.client_id == client_id, Review.status == "open")
    ).one_or_none()
    return None if row is None else ReviewRecord(*row)


def last_ended_review(conn: Connection, client_id: int) -> ReviewRecord | None:
    """The client's most recently ended review with a finalised report, or None."""
    row = conn.execute(
        _joined(
            Review.client_id == client_id,
            Review.status == "ended",
            Review.snapshot_id.is_not(None),
        )
        .order_by(Review.ended_at.desc(), Review.id.desc())
        .limit(1)
    ).one_or_none()
    return None if row is None else ReviewRecord(*row)


def take_version(
    conn: Connection,
    review_id: int,
    expected_version: int,
    *,
    by: str,
    at: dt.datetime,
    **values: object,
) -> int:
    """Move an open review from the version that was read to the next one (the
    first statement of the caller's transaction, so it waits for another writer
    and then sees its change); StaleReview when that is not what is stored."""
    done = conn.execute(
        update(Review)
        .where(
            Review.id == review_id,
            Review.version == expected_version,
            Review.status == "open",
        )
        .values(version=Review.version + 1, changed_by=by, changed_at=at, **values)
    )
    if done.rowcount != 1:
        raise StaleReview(expected_version, None)
    return expected_version + 1
