"""Demo invoices (with credit notes) and acquisition spend per channel and month."""

from __future__ import annotations

import numpy as np

from data.demo.calendar import DAY, SEASON, Window, month_of, next_month, uniform_days
from data.demo.clients import SEGMENT_NAMES, Clients
from data.demo.writer import nullable

PRODUCTS = np.array(
    ["Platform subscription", "Support plan", "Professional services"], dtype=object
)
CHANNELS = np.array(
    ["Paid search", "Events", "Content", "Partners", "Outbound sales", "Social ads"],
    dtype=object,
)
CHANNEL_SHARE = np.array([0.25, 0.2, 0.1, 0.15, 0.2, 0.1])
# Cost to win one client, in cents, by segment.
ACQUISITION_COST = np.array([3_000_000, 800_000, 150_000])


def invoice_columns(
    rng: np.random.Generator, clients: Clients, window: Window
) -> dict[str, np.ndarray]:
    """Monthly or quarterly invoices per client, services work and credit notes."""
    months = window.months()
    billing_day = rng.integers(0, 28, size=clients.count)
    issued = months[None, :] + billing_day[:, None] * DAY
    active = (
        (issued >= np.maximum(clients.onboarded, window.start)[:, None])
        & (issued <= clients.last_active(window)[:, None])
        & (issued <= window.end)
    )
    client = np.broadcast_to(np.arange(clients.count)[:, None], issued.shape)
    month = month_of(issued)
    years = (issued - window.start).astype(np.int64) / 365.25
    base = clients.monthly_revenue[:, None] * (1 + clients.growth[:, None]) ** years
    usage = base * (0.7 + 0.3 * SEASON[month])
    quarterly = clients.quarterly_billing[:, None]
    subscription = active & (~quarterly | (month % 3 == 0))
    subscription_amount = usage * np.where(quarterly, 3, 1)
    support = active & (rng.random(clients.count) < 0.6)[:, None]
    services = active & (rng.random(issued.shape) < 0.25 * SEASON[month])
    parts = [
        (subscription, subscription_amount, 0),
        (support, base * 0.15, 1),
        (services, usage * rng.uniform(0.2, 0.8, issued.shape), 2),
    ]
    client_parts, day_parts, amount_parts, product_parts = [], [], [], []
    for mask, amount, product in parts:
        noisy = amount * rng.lognormal(0.0, 0.04, size=issued.shape)
        client_parts.append(client[mask])
        day_parts.append(issued[mask])
        amount_parts.append(np.round(noisy[mask]).astype(np.int64))
        product_parts.append(np.full(int(mask.sum()), product))
    client = np.concatenate(client_parts)
    day = np.concatenate(day_parts)
    amount = np.concatenate(amount_parts)
    product = np.concatenate(product_parts)

    credited = rng.random(day.shape[0]) < 0.025
    credit_day = day + rng.integers(5, 26, size=day.shape[0]) * DAY
    credited &= credit_day <= window.end
    credit = -np.round(amount * rng.uniform(0.1, 0.6, size=day.shape[0]))
    client = np.concatenate([client, client[credited]])
    day = np.concatenate([day, credit_day[credited]])
    amount = np.concatenate([amount, credit[credited].astype(np.int64)])
    product = np.concatenate([product, product[credited]])

    if not ((day >= window.quarter_start) & (day <= window.end)).any():
        extra = _current_quarter_client(clients, window)
        if extra is not None:
            client = np.append(client, extra)
            day = np.append(day, max(window.quarter_start, clients.onboarded[extra]))
            amount = np.append(amount, clients.monthly_revenue[extra])
            product = np.append(product, 2)

    order = np.lexsort((product, client, day))
    ids = np.arange(1, day.shape[0] + 1)
    return {
        "id": ids,
        "external_id": np.array([f"INV{i:06d}" for i in ids.tolist()], dtype=object),
        "client_id": clients.id[client[order]],
        "issued_on": day[order],
        "amount_cents": amount[order],
        "product": PRODUCTS[product[order]],
    }


def _current_quarter_client(clients: Clients, window: Window) -> int | None:
    """The first client active on the last day, if any."""
    active = (clients.onboarded <= window.end) & (
        clients.last_active(window) >= window.end
    )
    found = np.flatnonzero(active)
    return int(found[0]) if found.shape[0] else None


def acquisition_columns(
    rng: np.random.Generator, clients: Clients, window: Window
) -> dict[str, np.ndarray]:
    """Spend per channel and month, following the new clients of each segment."""
    months = window.months()
    months = months[months <= window.end]
    won = np.zeros((months.shape[0], 3))
    month_index = np.searchsorted(months, clients.onboarded, side="right") - 1
    in_window = clients.onboarded >= window.start
    np.add.at(won, (month_index[in_window], clients.segment[in_window]), 1)
    # Spend runs ahead of wins and is smoothed: a floor keeps every month funded.
    smoothed = 0.5 * won + 0.5 * won.mean(axis=0) + 0.3
    budget = smoothed * ACQUISITION_COST[None, :] * SEASON[month_of(months)][:, None]
    month, channel, segment = np.meshgrid(
        np.arange(months.shape[0]), np.arange(CHANNELS.shape[0]), np.arange(3),
        indexing="ij",
    )  # fmt: skip
    month, channel, segment = month.ravel(), channel.ravel(), segment.ravel()
    amount = budget[month, segment] * CHANNEL_SHARE[channel]
    amount = np.round(amount * rng.lognormal(0.0, 0.25, month.shape[0]), -2)
    keep = rng.random(month.shape[0]) < 0.9
    tagged = rng.random(month.shape[0]) >= 0.1
    last = np.minimum(next_month(months) - DAY, window.end)
    first = np.maximum(months, window.start)
    day = uniform_days(rng, first[month], last[month])
    brand = np.arange(months.shape[0])
    brand_amount = np.round(
        budget.sum(axis=1) * 0.05 * rng.lognormal(0, 0.2, brand.shape[0]), -2
    )
    day = np.concatenate([day[keep], last])
    channel_names = np.concatenate(
        [CHANNELS[channel[keep]], np.full(brand.shape[0], "Brand & PR", dtype=object)]
    )
    segment_names = np.concatenate(
        [
            nullable(SEGMENT_NAMES[segment[keep]], tagged[keep]),
            np.full(brand.shape, None),
        ]
    )
    amounts = np.concatenate([amount[keep], brand_amount]).astype(np.int64)
    order = np.lexsort((channel_names.astype(str), day))
    return {
        "id": np.arange(1, day.shape[0] + 1),
        "spent_on": day[order],
        "channel": channel_names[order],
        "amount_cents": amounts[order],
        "segment": segment_names[order],
    }
