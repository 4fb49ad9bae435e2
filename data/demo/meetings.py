"""Demo meetings and their attendees, with overruns, no-shows and feedback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from data.demo import names
from data.demo.calendar import (
    DAY,
    SEASON,
    Window,
    local_to_utc,
    month_of,
    next_month,
    soften_year_end,
    to_weekday,
    uniform_days,
)
from data.demo.clients import CONTACTS_PER_CLIENT, Clients
from data.demo.writer import nullable

KINDS = np.array(
    ["qbr", "monthly_review", "weekly_sync", "workshop", "escalation"], dtype=object
)
# Kind mix by segment (rows: enterprise, mid_market, smb).
KIND_MIX = np.array(
    [
        [0.07, 0.18, 0.60, 0.09, 0.06],
        [0.12, 0.45, 0.30, 0.08, 0.05],
        [0.18, 0.62, 0.07, 0.07, 0.06],
    ]
)
MEETINGS_PER_MONTH = np.array([5.4, 2.8, 1.75])
PLANNED = {0: (90, 120), 1: (60,), 2: (30, 45), 3: (120, 180, 240), 4: (30, 60)}
STATUS_HELD, STATUS_CANCELLED, STATUS_NO_SHOW, STATUS_SCHEDULED = range(4)
STATUSES = np.array(["held", "cancelled", "no_show", "scheduled"], dtype=object)
HOURLY_COST_CENTS = 9_000
BATCH_MEETINGS = 100_000  # attendees are generated this many meetings at a time


@dataclass(frozen=True)
class Meetings:
    """Column arrays of the meetings, in id order, and what later topics need."""

    id: np.ndarray
    client: np.ndarray  # index into Clients
    day: np.ndarray  # local date
    kind: np.ndarray  # index into KINDS
    status: np.ndarray  # index into STATUSES
    anchor: np.ndarray  # held in the current quarter on purpose
    internal: np.ndarray  # number of our people invited
    columns: dict[str, np.ndarray]

    @property
    def count(self) -> int:
        """Number of meetings."""
        return int(self.id.shape[0])


def make_meetings(
    rng: np.random.Generator, clients: Clients, window: Window, timezone: str
) -> Meetings:
    """Meetings of every active client, month by month, plus a few scheduled ahead."""
    client, day = _meeting_days(rng, clients, window)
    anchors = _anchor_clients(rng, clients, window)
    anchor_days = uniform_days(
        rng,
        np.maximum(clients.onboarded[anchors], window.quarter_start),
        np.full(anchors.shape[0], window.end),
    )
    client = np.concatenate([client, anchors])
    day = np.concatenate([day, anchor_days])
    anchor = np.concatenate(
        [np.zeros(day.shape[0] - anchors.shape[0], bool), np.ones(anchors.shape, bool)]
    )
    count = day.shape[0]
    start_minutes = 8 * 60 + 30 * rng.integers(0, 18, size=count)
    start = local_to_utc(day, start_minutes, timezone)
    order = np.lexsort((client, start))
    client, day, start, anchor = client[order], day[order], start[order], anchor[order]

    quality = clients.quality[client]
    segment = clients.segment[client]
    cumulative = KIND_MIX.cumsum(axis=1)[segment]
    kind = (rng.random(count)[:, None] > cumulative).sum(axis=1).clip(0, 4)
    troubled = (quality < -1.0) & (rng.random(count) < 0.08)
    kind = np.where(troubled, 4, kind)
    kind = np.where(anchor, 0, kind)
    planned = np.zeros(count, dtype=np.int64)
    for code, options in PLANNED.items():
        picks = np.array(options)[rng.integers(0, len(options), size=count)]
        planned = np.where(kind == code, picks, planned)

    draw = rng.random(count)
    no_show_chance = 0.03 + 0.04 * (quality < -1.0)
    status = np.where(draw < no_show_chance, STATUS_NO_SHOW, STATUS_HELD)
    status = np.where(draw > 0.91, STATUS_CANCELLED, status)
    status = np.where(anchor, STATUS_HELD, status)
    status = np.where(day > window.end, STATUS_SCHEDULED, status)
    held = status == STATUS_HELD

    over = rng.random(count) < np.clip(0.28 - 0.12 * quality, 0.05, 0.75)
    overrun = np.maximum(5, np.round(planned * rng.uniform(0.05, 0.45, count) / 5) * 5)
    early = 5 * rng.integers(0, 3, size=count)
    actual = np.where(over, planned + overrun, np.maximum(planned - early, 0))

    objectives = rng.integers(1, 6, size=count)
    has_objectives = rng.random(count) >= 0.15
    success = np.clip(0.72 + 0.1 * quality, 0.2, 0.98)
    met = rng.binomial(objectives, success)

    internal = 1 + rng.binomial(2, 0.55, size=count)
    cost = np.round(actual / 60 * internal * HOURLY_COST_CENTS).astype(np.int64)
    has_cost = held & (rng.random(count) >= 0.08)
    score = np.round(3.9 + 0.55 * quality + rng.normal(0.0, 0.7, count))
    has_feedback = held & (rng.random(count) < 0.6)

    ids = np.arange(1, count + 1)
    columns = {
        "id": ids,
        "external_id": np.array([f"M{i:07d}" for i in ids.tolist()], dtype=object),
        "client_id": clients.id[client],
        "kind": KINDS[kind],
        "scheduled_start": start,
        "planned_minutes": planned,
        "status": STATUSES[status],
        "actual_minutes": nullable(actual.astype(np.int64), held),
        "objectives_set": nullable(objectives, has_objectives),
        "objectives_met": nullable(met, has_objectives & held),
        "cost_cents": nullable(cost, has_cost),
        "feedback_score": nullable(np.clip(score, 1, 5).astype(float), has_feedback),
    }
    return Meetings(ids, client, day, kind, status, anchor, internal, columns)


def _meeting_days(
    rng: np.random.Generator, clients: Clients, window: Window
) -> tuple[np.ndarray, np.ndarray]:
    """Client index and local day of each meeting, by Poisson counts per month."""
    months = window.months()
    last_active = clients.last_active(window)
    first = np.maximum(clients.onboarded, window.start)
    low = np.maximum(first[:, None], months[None, :])
    high = np.minimum(last_active[:, None], next_month(months)[None, :] - DAY)
    days_in_month = (next_month(months) - months).astype(np.int64)
    active = np.clip((high - low).astype(np.int64) + 1, 0, None) / days_in_month
    rate = MEETINGS_PER_MONTH[clients.segment][:, None] * SEASON[month_of(months)]
    counts = rng.poisson(rate * active).ravel()
    client = np.repeat(np.repeat(np.arange(clients.count), months.shape[0]), counts)
    day = uniform_days(
        rng, np.repeat(low.ravel(), counts), np.repeat(high.ravel(), counts)
    )
    day = to_weekday(soften_year_end(day, rng))
    day = np.clip(day, np.maximum(first[client], window.start), last_active[client])
    return client, day


def _anchor_clients(
    rng: np.random.Generator, clients: Clients, window: Window
) -> np.ndarray:
    """Two clients active on the last day, to hold meetings in the current quarter."""
    active = (clients.onboarded <= window.end) & (
        clients.last_active(window) >= window.end
    )
    candidates = np.flatnonzero(active)
    if candidates.shape[0] == 0:
        return candidates
    return np.sort(
        rng.choice(candidates, size=min(2, candidates.shape[0]), replace=False)
    )


def attendee_batches(
    rng: np.random.Generator, meetings: Meetings, clients: Clients
) -> Iterator[dict[str, np.ndarray]]:
    """Invited people of each meeting: contacts, owner, colleagues; in batches."""
    first_id = 1
    for low in range(0, meetings.count, BATCH_MEETINGS):
        batch = np.arange(low, min(low + BATCH_MEETINGS, meetings.count))
        columns = _attendees(rng, meetings, clients, batch, first_id)
        first_id += columns["id"].shape[0]
        yield columns


def _attendees(
    rng: np.random.Generator,
    meetings: Meetings,
    clients: Clients,
    batch: np.ndarray,
    first_id: int,
) -> dict[str, np.ndarray]:
    """Attendee rows of the meetings at the indices `batch`."""
    client_side = 1 + rng.binomial(3, 0.45, size=batch.shape[0])
    client_side += (clients.segment[meetings.client[batch]] == 0) & (client_side < 4)
    internal = meetings.internal[batch]
    meeting = np.concatenate(
        [np.repeat(batch, client_side), np.repeat(batch, internal)]
    )
    side = np.concatenate(
        [np.zeros(client_side.sum(), np.int8), np.ones(internal.sum(), np.int8)]
    )
    position = np.concatenate([_positions(client_side), _positions(internal)])
    order = np.lexsort((position, side, meeting))
    meeting, side, position = meeting[order], side[order], position[order]
    client = meetings.client[meeting]
    offset = rng.integers(0, 100, size=batch.shape[0])[meeting - batch[0]]
    contact = clients.contacts[client, (offset + position) % CONTACTS_PER_CLIENT]
    staff = np.array(names.STAFF, dtype=object)
    colleague = staff[(offset + position) % staff.shape[0]]
    name = np.where(
        side == 0, contact, np.where(position == 0, clients.owner[client], colleague)
    )
    status = meetings.status[meeting]
    showed = rng.random(meeting.shape[0]) < np.where(
        side == 0, 0.87 + 0.04 * np.clip(clients.quality[client], -2, 2), 0.96
    )
    attended = np.where(status == STATUS_HELD, showed, False)
    attended = np.where((status == STATUS_NO_SHOW) & (side == 1), True, attended)
    return {
        "id": np.arange(first_id, first_id + meeting.shape[0]),
        "meeting_id": meetings.id[meeting],
        "name": name,
        "side": np.where(side == 0, "client", "internal").astype(object),
        "attended": attended.astype(bool),
    }


def _positions(counts: np.ndarray) -> np.ndarray:
    """0..k-1 for each group of size k, concatenated."""
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(counts.sum()) - starts
