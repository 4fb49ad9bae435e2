"""Satisfaction metrics of METRICS.md: NPS and CSAT from response counts."""

from __future__ import annotations

SMALL_SAMPLE = 30


def nps(promoters: int, detractors: int, responses: int) -> float | None:
    """NPS [nps]: `100 × (promoters − detractors) / n`; None when n = 0."""
    if responses <= 0:
        return None
    return 100.0 * (promoters - detractors) / responses


def csat(satisfied: int, responses: int) -> float | None:
    """CSAT [csat]: `100 × (responses scoring 4 or 5) / n`; None when n = 0."""
    if responses <= 0:
        return None
    return 100.0 * satisfied / responses


def is_small_sample(responses: int) -> bool:
    """True below 30 responses: the card warns "small sample"."""
    return responses < SMALL_SAMPLE


def satisfaction_metrics(counts: dict[str, int]) -> dict[str, int | float | None]:
    """The Satisfaction rows of METRICS.md from `survey_counts` of one window."""
    return {
        "nps": nps(counts["promoters"], counts["detractors"], counts["nps_n"]),
        "csat": csat(counts["satisfied"], counts["csat_n"]),
        "nps_n": counts["nps_n"],
        "csat_n": counts["csat_n"],
    }
