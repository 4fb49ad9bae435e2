"""Open action items grouped by the client's last review: agreed at it, since,
and older.

The last review is the client's latest held meeting of a review kind
(REVIEW_KINDS: a QBR or a monthly review) that started by as_of. An item was
agreed at it when it belongs to that meeting, or was created on its day or the
AGREED_DAYS days after (minutes are often typed up the next day); "since" is
created after those days, "older" before the review. Within each group the
items keep the order they were given (not yet due first, then overdue, most
recently due first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

REVIEW_KINDS = ("qbr", "monthly_review")
AGREED_DAYS = 2
GROUPS = ("agreed", "since", "older")
GROUP_TITLES = {
    "agreed": "Agreed at the last review ({day})",
    "since": "Since the last review",
    "older": "Older",
}


def local_review(
    start: dt.datetime | None, timezone: str
) -> tuple[dt.datetime, dt.date] | None:
    """A review as the groups read it: its start as stored (UTC, naive) and its
    day in the dashboard's time zone; None without a review."""
    if start is None:
        return None
    utc = start.replace(tzinfo=dt.UTC)
    return start, utc.astimezone(ZoneInfo(timezone)).date()


def review_group(
    created_on: dt.date,
    meeting_start: dt.datetime | None,
    review: tuple[dt.datetime, dt.date],
) -> str:
    """`agreed`, `since` or `older` for an item, against the review's (start as
    stored, local day)."""
    start, day = review
    if meeting_start is not None and meeting_start == start:
        return "agreed"
    if created_on < day:
        return "older"
    if created_on <= day + dt.timedelta(days=AGREED_DAYS):
        return "agreed"
    return "since"


def grouped_items(
    items: Sequence[dict], review: tuple[dt.datetime, dt.date] | None
) -> list[tuple[str | None, list[dict]]]:
    """(group, items) for the groups that have items, in GROUPS order; one
    group None holding every item when the client has had no review. Each item
    has created_on and meeting_start (None without a meeting)."""
    if review is None:
        return [(None, list(items))] if items else []
    groups: dict[str, list[dict]] = {group: [] for group in GROUPS}
    for item in items:
        group = review_group(item["created_on"], item.get("meeting_start"), review)
        groups[group].append(item)
    return [(group, shown) for group, shown in groups.items() if shown]
