"""Demo action items agreed in meetings: some done late, some still open."""

from __future__ import annotations

import numpy as np

from data.demo import names
from data.demo.calendar import DAY, Window
from data.demo.clients import CONTACTS_PER_CLIENT, Clients
from data.demo.meetings import STATUS_HELD, Meetings
from data.demo.writer import nullable

# Expected action items per held meeting, by kind (qbr, monthly, weekly, workshop,
# escalation).
ITEMS_PER_MEETING = np.array([2.0, 1.3, 0.9, 2.5, 2.2])
OURS_SHARED = 0.45  # share of our own items that are commitments to the client


def action_item_columns(
    rng: np.random.Generator, meetings: Meetings, clients: Clients, window: Window
) -> dict[str, np.ndarray]:
    """Action items of held meetings; lateness grows as service quality drops."""
    held = (meetings.status == STATUS_HELD) & (meetings.day <= window.end)
    counts = np.where(held, rng.poisson(ITEMS_PER_MEETING[meetings.kind]), 0)
    counts = np.where(meetings.anchor, np.maximum(counts, 1), counts)
    meeting = np.repeat(np.arange(meetings.count), counts)
    count = meeting.shape[0]
    client = meetings.client[meeting]
    quality = clients.quality[client]
    created = meetings.day[meeting]
    due = created + rng.integers(3, 31, size=count) * DAY

    late = rng.random(count) < np.clip(0.22 - 0.12 * quality, 0.03, 0.7)
    slack = np.minimum((due - created).astype(np.int64), 5)
    early = np.floor(rng.random(count) * (slack + 1)).astype(np.int64)
    completed = np.where(
        late, due + rng.integers(1, 22, size=count) * DAY, due - early * DAY
    )
    forgotten = rng.random(count) < np.clip(0.03 - 0.02 * quality, 0.005, 0.1)
    done = ~forgotten & (completed <= window.end)

    verbs = np.array(names.ACTION_VERBS, dtype=object)
    objects = np.array(names.ACTION_OBJECTS, dtype=object)
    title = (
        verbs[rng.integers(0, verbs.shape[0], size=count)]
        + " "
        + objects[rng.integers(0, objects.shape[0], size=count)]
    )
    contact = clients.contacts[client, rng.integers(0, CONTACTS_PER_CLIENT, size=count)]
    ours = rng.random(count) < 0.65
    owner = np.where(ours, clients.owner[client], contact)
    linked = rng.random(count) >= 0.07
    # What the client's people took on is shared with them; of ours, the
    # commitments made to the client are shared, the preparation stays internal.
    shared = ~ours | (rng.random(count) < OURS_SHARED)
    ids = np.arange(1, count + 1)
    return {
        "id": ids,
        "external_id": np.array([f"A{i:07d}" for i in ids.tolist()], dtype=object),
        "client_id": clients.id[client],
        "meeting_id": nullable(meetings.id[meeting], linked),
        "title": title,
        "owner": owner,
        "created_on": created,
        "due_on": due,
        "completed_on": np.where(done, completed, np.datetime64("NaT")),
        "visibility": np.where(shared, "shared", "internal").astype(object),
    }
