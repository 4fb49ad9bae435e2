"""Demo survey answers: NPS through the year, CSAT after some meetings."""

from __future__ import annotations

import numpy as np

from data.demo import names
from data.demo.calendar import DAY, Window, next_month, uniform_days
from data.demo.clients import WAVE_SEGMENT, Clients, wave_quarter
from data.demo.meetings import STATUS_HELD, Meetings

NPS_PER_MONTH = np.array([0.5, 0.25, 0.12])  # responses per client, by segment
CSAT_SHARE = 0.12  # of held meetings


def survey_columns(
    rng: np.random.Generator, clients: Clients, meetings: Meetings, window: Window
) -> dict[str, np.ndarray]:
    """NPS and CSAT answers; scores follow each client's service quality."""
    months = window.months()
    months = months[months <= window.end]
    first = np.maximum(clients.onboarded, window.start)
    last = np.minimum(clients.last_active(window), window.end)
    low = np.maximum(first[:, None], months[None, :])
    high = np.minimum(last[:, None], next_month(months)[None, :] - DAY)
    open_days = (high - low).astype(np.int64) + 1
    active = np.clip(open_days, 0, None) / 30.0
    counts = rng.poisson(NPS_PER_MONTH[clients.segment][:, None] * active).ravel()
    nps_client = np.repeat(np.repeat(np.arange(clients.count), months.shape[0]), counts)
    nps_day = uniform_days(
        rng, np.repeat(low.ravel(), counts), np.repeat(high.ravel(), counts)
    )

    past_held = (meetings.status == STATUS_HELD) & (meetings.day <= window.end)
    asked = past_held & ((rng.random(meetings.count) < CSAT_SHARE) | meetings.anchor)
    csat_client = meetings.client[asked]
    csat_day = meetings.day[asked] + rng.integers(0, 4, size=int(asked.sum())) * DAY
    csat_day = np.minimum(csat_day, window.end)
    anchor_client = meetings.client[meetings.anchor]
    anchor_day = meetings.day[meetings.anchor]

    client = np.concatenate([nps_client, anchor_client, csat_client])
    day = np.concatenate([nps_day, anchor_day, csat_day])
    is_nps = np.concatenate(
        [np.ones(nps_client.shape[0] + anchor_client.shape[0], bool),
         np.zeros(csat_client.shape[0], bool)]
    )  # fmt: skip
    count = client.shape[0]
    quality = clients.quality[client]
    wave = wave_quarter(window)
    near_wave = np.abs((day - wave).astype(np.int64) - 45) <= 120
    dip = np.where(near_wave & (clients.segment[client] == WAVE_SEGMENT), 1.5, 0.0)
    nps = np.clip(np.round(rng.normal(7.4 + 1.2 * quality - dip, 1.6)), 0, 10)
    csat = np.clip(np.round(rng.normal(3.9 + 0.5 * quality - dip / 3, 0.8)), 1, 5)
    score = np.where(is_nps, nps, csat).astype(np.int64)
    comment = _comments(rng, is_nps, score)
    order = np.lexsort((~is_nps, client, day))
    ids = np.arange(1, count + 1)
    return {
        "id": ids,
        "external_id": np.array([f"S{i:07d}" for i in ids.tolist()], dtype=object),
        "client_id": clients.id[client[order]],
        "responded_on": day[order],
        "kind": np.where(is_nps, "nps", "csat").astype(object)[order],
        "score": score[order],
        "comment": comment[order],
    }


def _comments(
    rng: np.random.Generator, is_nps: np.ndarray, score: np.ndarray
) -> np.ndarray:
    """A comment on about one answer in eight, in tune with the score."""
    count = score.shape[0]
    mood = np.where(
        is_nps,
        np.where(score >= 9, 0, np.where(score >= 7, 1, 2)),
        np.where(score >= 4, 0, np.where(score == 3, 1, 2)),
    )
    pools = [np.array(p, dtype=object) for p in (names.POSITIVE, names.NEUTRAL)]
    pools.append(np.array(names.NEGATIVE, dtype=object))
    pick = rng.integers(0, 1000, size=count)
    text = np.full(count, None, dtype=object)
    for index, pool in enumerate(pools):
        chosen = pool[pick % pool.shape[0]]
        text = np.where(mood == index, chosen, text)
    return np.where(rng.random(count) < 0.125, text, None)
