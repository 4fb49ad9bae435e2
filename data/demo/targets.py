"""Demo agreed targets: the portfolio's and two segments' for this quarter and
the next, and their own for about a quarter of the larger clients still active."""

from __future__ import annotations

import datetime as dt

import numpy as np

from data.demo.calendar import Window
from data.demo.clients import Clients

# (kpi, value) agreed for everyone, and per segment.
PORTFOLIO = (
    ("attendance_rate", 0.8),
    ("goal_achievement_rate", 0.75),
    ("action_item_on_time_rate", 0.8),
    ("nps", 30.0),
    ("csat", 80.0),
    ("retention_rate", 0.95),
)
SEGMENT = (
    ("enterprise", "attendance_rate", 0.85),
    ("enterprise", "nps", 35.0),
    ("smb", "retention_rate", 0.9),
)
# A client's own targets: one of these values each, drawn per client.
CLIENT_CHOICES = (
    ("attendance_rate", (0.8, 0.85, 0.9)),
    ("nps", (20.0, 30.0, 40.0)),
    ("open_overdue", (0.0, 1.0, 2.0)),
)
CLIENT_SHARE = 0.25
SET_BY = "demo"


def _quarter_labels(window: Window) -> list[str]:
    start = window.quarter_start.astype(dt.date)
    later = start.month + 3
    following = dt.date(start.year + (later > 12), (later - 1) % 12 + 1, 1)
    return [f"{d.year}-Q{(d.month - 1) // 3 + 1}" for d in (start, following)]


def target_columns(
    rng: np.random.Generator, clients: Clients, window: Window
) -> dict[str, np.ndarray]:
    """Targets of this quarter and the next; client targets set by their owner."""
    active = (clients.onboarded <= window.end) & (
        np.isnat(clients.churned) | (clients.churned > window.end)
    )
    larger = clients.segment < 2  # enterprise and mid-market
    drawn = rng.random(clients.count) < CLIENT_SHARE
    chosen = np.flatnonzero(active & larger & drawn)
    picks = {
        kpi: np.array(values)[rng.integers(0, len(values), size=chosen.shape[0])]
        for kpi, values in CLIENT_CHOICES
    }
    rows: list[tuple] = []
    for period in _quarter_labels(window):
        rows += [("portfolio", None, None, k, period, v, SET_BY) for k, v in PORTFOLIO]
        rows += [("segment", None, s, k, period, v, SET_BY) for s, k, v in SEGMENT]
        for n, client in enumerate(chosen.tolist()):
            client_id = int(clients.id[client])
            owner = clients.owner[client]
            rows += [
                ("client", client_id, None, kpi, period, float(picks[kpi][n]), owner)
                for kpi, _ in CLIENT_CHOICES
            ]
    names = ("scope", "client_id", "segment", "kpi", "period", "value", "set_by")
    columns = {
        name: np.array([row[i] for row in rows], dtype=object)
        for i, name in enumerate(names)
    }
    count = len(rows)
    set_at = window.quarter_start.astype("datetime64[s]") + np.timedelta64(9, "h")
    columns["value"] = columns["value"].astype(float)
    columns["set_at"] = np.full(count, set_at, dtype="datetime64[s]")
    columns["version"] = np.ones(count, dtype=np.int64)
    columns["id"] = np.arange(1, count + 1)
    return columns
