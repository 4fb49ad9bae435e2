"""Survey response counts in a window: NPS promoters/detractors, CSAT satisfied."""

from __future__ import annotations

from sqlalchemy import Connection, and_, case, func, select

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import SurveyResponse
from data.queries.selection import selected_clients


def _count_where(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def survey_counts(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> dict[str, int]:
    """Counts of responses with `responded_on` in the window, per kind and band.

    `nps_n`, `promoters` (9-10), `detractors` (0-6), `csat_n`, `satisfied` (4-5).
    """
    nps = SurveyResponse.kind == "nps"
    csat = SurveyResponse.kind == "csat"
    score = SurveyResponse.score
    row = conn.execute(
        select(
            _count_where(nps).label("nps_n"),
            _count_where(and_(nps, score >= 9)).label("promoters"),
            _count_where(and_(nps, score <= 6)).label("detractors"),
            _count_where(csat).label("csat_n"),
            _count_where(and_(csat, score >= 4)).label("satisfied"),
        ).where(
            selected_clients(SurveyResponse.client_id, filters, scope),
            SurveyResponse.responded_on >= window.start,
            SurveyResponse.responded_on <= window.t,
        )
    ).one()
    return {key: int(value) for key, value in row._mapping.items()}
