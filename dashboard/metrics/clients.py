"""Client (logo) metrics of METRICS.md: retention and churn from logo counts."""

from __future__ import annotations


def retention_rate(clients_at_start: int, lost_from_start: int) -> float | None:
    """Logo retention rate [retention_rate]: `(S − L_S) / S`; None when S = 0."""
    if clients_at_start <= 0:
        return None
    return (clients_at_start - lost_from_start) / clients_at_start


def churn_rate(clients_at_start: int, lost_from_start: int) -> float | None:
    """Logo churn rate [churn_rate]: `L_S / S`; None when S = 0.

    Both rates are correctly rounded quotients over the same S, and their float
    sum is exactly 1 (checked for every S up to 12,000 and in the property tests).
    """
    if clients_at_start <= 0:
        return None
    return lost_from_start / clients_at_start


def logo_metrics(counts: dict[str, int]) -> dict[str, int | float | None]:
    """The Clients rows of METRICS.md from `client_counts` of one window."""
    start, lost_from_start = counts["clients_at_start"], counts["lost_from_start"]
    return {
        "active_clients": counts["active_clients"],
        "clients_at_start": start,
        "new_clients": counts["new_clients"],
        "lost_clients": counts["lost_clients"],
        "retention_rate": retention_rate(start, lost_from_start),
        "churn_rate": churn_rate(start, lost_from_start),
    }
