"""Hand-made survey frames for the NPS and satisfaction figure tests."""

from __future__ import annotations

import pandas as pd

PERIODS = ["2026-Q2", "2026-Q3"]


def bands() -> pd.DataFrame:
    # Q2: 40 answers = 20 promoters, 10 passives, 10 detractors → NPS 25.
    # Q3: 4 answers = 1, 1, 2 → NPS −25 (small sample).
    return pd.DataFrame(
        {"nps_n": [40, 4], "promoters": [20, 1], "passives": [10, 1],
         "detractors": [10, 2]},
        index=PERIODS,
    )  # fmt: skip


def trend() -> pd.DataFrame:
    return pd.DataFrame(
        {"nps": [25.0, -25.0], "csat": [80.0, None], "nps_n": [40, 4],
         "csat_n": [35, 0]},
        index=PERIODS,
    ).astype(object)  # fmt: skip
