"""Demo clients: who they are, when they came, when and why some left."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dashboard.kernel.filters import SEGMENTS
from data.demo import names
from data.demo.calendar import DAY, Window, quarter_start, uniform_days

SEGMENT_NAMES = np.array(SEGMENTS, dtype=object)
SEGMENT_SHARE = (0.15, 0.35, 0.50)
REGIONS = np.array(["North America", "EMEA", "APAC", "LATAM"], dtype=object)
REGION_SHARE = (0.38, 0.30, 0.20, 0.12)
INDUSTRIES = np.array(
    [
        "Software", "Healthcare", "Manufacturing", "Retail", "Financial services",
        "Logistics", "Education", "Energy", "Media", "Hospitality",
    ],
    dtype=object,
)  # fmt: skip
CHURN_REASONS = np.array(
    [
        "budget cuts", "switched to competitor", "acquired", "poor service",
        "project completed", "price increase", "consolidated vendors",
    ],
    dtype=object,
)  # fmt: skip
# Chance per quarter that an active client leaves, by segment.
QUARTERLY_CHURN = np.array([0.012, 0.022, 0.035])
WAVE_SEGMENT = 2  # smb
WAVE_SHARE = 0.4  # of the wave segment's clients leave in the wave quarter
WAVE_REASON = "price increase"
# Typical monthly revenue in cents, by segment.
MONTHLY_REVENUE = np.array([2_500_000, 600_000, 90_000])
CONTACTS_PER_CLIENT = 6


@dataclass(frozen=True)
class Clients:
    """Column arrays for the clients table plus traits the other topics use."""

    id: np.ndarray
    external_id: np.ndarray
    name: np.ndarray
    segment: np.ndarray  # index into SEGMENT_NAMES
    region: np.ndarray
    industry: np.ndarray
    owner: np.ndarray
    onboarded: np.ndarray
    churned: np.ndarray  # NaT while still a client
    churn_reason: np.ndarray
    quality: np.ndarray  # service quality; higher is better, mean 0
    chinese: np.ndarray
    quarterly_billing: np.ndarray
    monthly_revenue: np.ndarray
    growth: np.ndarray  # yearly revenue growth
    contacts: np.ndarray  # (clients x CONTACTS_PER_CLIENT) names

    @property
    def count(self) -> int:
        """Number of clients."""
        return int(self.id.shape[0])

    def last_active(self, window: Window) -> np.ndarray:
        """Last day each client is active, capped at the window's horizon."""
        churned = np.where(np.isnat(self.churned), window.horizon + DAY, self.churned)
        return np.minimum(churned - DAY, window.horizon)

    def rows(self) -> dict[str, np.ndarray]:
        """Column name -> values for the clients table."""
        return {
            "id": self.id,
            "external_id": self.external_id,
            "name": self.name,
            "segment": SEGMENT_NAMES[self.segment],
            "industry": self.industry,
            "region": self.region,
            "owner": self.owner,
            "onboarded_on": self.onboarded,
            "churned_on": self.churned,
            "churn_reason": self.churn_reason,
        }


def wave_quarter(window: Window) -> np.datetime64:
    """First day of the quarter of the churn wave: about a year before the end."""
    return quarter_start(window.end - 365 * DAY)


def make_clients(rng: np.random.Generator, count: int, window: Window) -> Clients:
    """Generate `count` clients with onboarding and churn over the window."""
    segment = rng.choice(3, size=count, p=SEGMENT_SHARE)
    region_index = rng.choice(len(REGIONS), size=count, p=REGION_SHARE)
    chinese = (region_index == 2) & (rng.random(count) < 0.25)
    if not chinese.any() and (region_index == 2).any():
        chinese[np.flatnonzero(region_index == 2)[0]] = True  # always a few
    industry = INDUSTRIES[rng.integers(0, len(INDUSTRIES), size=count)]
    industry = np.where(rng.random(count) < 0.02, None, industry)
    owner = np.array(names.OWNERS, dtype=object)[
        rng.integers(0, len(names.OWNERS), size=count)
    ]
    quality = rng.normal(0.0, 1.0, size=count)
    onboarded = _onboarding(rng, count, window)
    churned, reason = _churn(rng, segment, quality, onboarded, window)
    quarterly = rng.random(count) < np.where(segment == 0, 0.5, 0.3)
    revenue = MONTHLY_REVENUE[segment] * rng.lognormal(0.0, 0.45, size=count)
    return Clients(
        id=np.arange(1, count + 1),
        external_id=np.array([f"C{i:05d}" for i in range(1, count + 1)], dtype=object),
        name=np.array(names.company_names(rng, count, chinese), dtype=object),
        segment=segment,
        region=REGIONS[region_index],
        industry=industry,
        owner=owner,
        onboarded=onboarded,
        churned=churned,
        churn_reason=reason,
        quality=quality,
        chinese=chinese,
        quarterly_billing=quarterly,
        monthly_revenue=np.round(revenue, -2).astype(np.int64),
        growth=rng.normal(0.08, 0.10, size=count),
        contacts=names.contact_names(rng, count, CONTACTS_PER_CLIENT, chinese),
    )


def _onboarding(rng: np.random.Generator, count: int, window: Window) -> np.ndarray:
    """Four in ten clients predate the window; the rest arrive at a growing pace."""
    before = rng.random(count) < 0.4
    span = int((window.end - window.start).astype(np.int64)) - 14
    early = window.start - rng.integers(30, 5 * 365, size=count) * DAY
    late = window.start + (rng.random(count) ** 0.8 * span).astype(np.int64) * DAY
    return np.where(before, early, late)


def _churn(
    rng: np.random.Generator,
    segment: np.ndarray,
    quality: np.ndarray,
    onboarded: np.ndarray,
    window: Window,
) -> tuple[np.ndarray, np.ndarray]:
    """Quarter by quarter, active clients leave; smb leaves in a wave once."""
    count = segment.shape[0]
    churned = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
    reason = np.full(count, None, dtype=object)
    wave = wave_quarter(window)
    hazard = QUARTERLY_CHURN[segment] * np.exp(-0.35 * quality)
    for first in window.quarters():
        last = min(
            (first.astype("datetime64[M]") + 3).astype("datetime64[D]") - DAY,
            window.end,
        )
        in_wave = (first == wave) & (segment == WAVE_SEGMENT)
        draws = rng.random(count)
        leaving = np.isnat(churned) & (onboarded + 45 * DAY < last) & (draws < hazard)
        if first == wave:
            # A fixed share of the segment's clients leaves, so even a small demo
            # shows the wave clearly.
            exposed = np.flatnonzero(in_wave & np.isnat(churned) & (onboarded <= first))
            size = max(2, round(WAVE_SHARE * exposed.shape[0]))
            wave_leavers = rng.choice(exposed, min(size, exposed.shape[0]), False)
            leaving[wave_leavers] = True
        else:
            wave_leavers = np.zeros(0, dtype=np.int64)
        low = np.maximum(np.maximum(first, window.start), onboarded + DAY)
        days = uniform_days(rng, low, np.full(count, last))
        churned = np.where(leaving, days, churned)
        picked = CHURN_REASONS[rng.integers(0, len(CHURN_REASONS), size=count)]
        picked = np.where(
            (quality < -0.8) & (rng.random(count) < 0.5), "poor service", picked
        )
        picked = np.where(rng.random(count) < 0.08, None, picked)
        picked[wave_leavers] = WAVE_REASON
        reason = np.where(leaving, picked, reason)
    return churned, reason
