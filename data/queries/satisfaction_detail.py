"""NPS answers per score band for several windows in one pass (trend charts)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Connection, and_, case, func, select

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import RollupSurveys, SurveyResponse
from data.queries.rollups import rollup_piece_sums, rollups_ready
from data.queries.selection import selected_clients

BANDS = ("promoters", "passives", "detractors")
BAND_SCORES = {"promoters": (9, 10), "passives": (7, 8), "detractors": (0, 6)}


def nps_bands(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Mapping[str, Window],
    rollups: bool = False,
) -> pd.DataFrame:
    """NPS answers with `responded_on` in each window, per band (9–10, 7–8, 0–6).

    Index: the window names in the order given; columns `nps_n`, `promoters`,
    `passives`, `detractors` (whole counts, 0 without answers). `rollups`: summed
    from the survey rollups where they exist (held in memory in a server), else
    from the answers; the counts are the same (an NPS score is a whole number
    from 0 to 10, so the passives are the answers neither promoters nor
    detractors).
    """
    names = list(windows)
    if not names:
        raise ValueError("nps_bands needs at least one window")
    if rollups_ready(conn, rollups):
        sums = rollup_piece_sums(
            conn,
            RollupSurveys.__table__,
            ["nps_n", "promoters", "detractors"],
            windows=list(windows.values()),
            filters=filters,
            scope=scope,
        )
        records = {
            name: {
                "promoters": (promoters := counts["promoters"]),
                "passives": counts["nps_n"] - promoters - counts["detractors"],
                "detractors": counts["detractors"],
            }
            for name, counts in zip(names, sums, strict=True)
        }
        return _bands_frame(records)
    score = SurveyResponse.score
    sums = []
    for index, window in enumerate(windows.values()):
        inside = and_(
            SurveyResponse.responded_on >= window.start,
            SurveyResponse.responded_on <= window.t,
        )
        for band, (low, high) in BAND_SCORES.items():
            condition = and_(inside, score >= low, score <= high)
            sums.append(
                func.coalesce(func.sum(case((condition, 1), else_=0)), 0).label(
                    f"{band}_{index}"
                )
            )
    row = conn.execute(
        select(*sums).where(
            selected_clients(SurveyResponse.client_id, filters, scope),
            SurveyResponse.kind == "nps",
            SurveyResponse.responded_on >= min(w.start for w in windows.values()),
            SurveyResponse.responded_on <= max(w.t for w in windows.values()),
        )
    ).one()
    values = row._mapping
    records = {
        name: {band: int(values[f"{band}_{index}"]) for band in BANDS}
        for index, name in enumerate(names)
    }
    return _bands_frame(records)


def _bands_frame(records: dict[str, dict[str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(records, orient="index", columns=list(BANDS))
    frame.insert(0, "nps_n", frame[list(BANDS)].sum(axis=1))
    frame.index.name = "period"
    return frame.astype("int64")
