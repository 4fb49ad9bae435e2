"""Survey response counts in a window: NPS promoters/detractors, CSAT satisfied."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, and_, case, func, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import RollupSurveys, SurveyResponse
from data.queries.rollups import raw_piece_sums, rollup_piece_sums
from data.queries.selection import selected_clients

SURVEY_COUNTS = ("nps_n", "promoters", "detractors", "csat_n", "satisfied")


def _count_where(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def survey_count_columns() -> list[ColumnElement]:
    """Aggregates over survey responses, labelled as SURVEY_COUNTS."""
    nps = SurveyResponse.kind == "nps"
    csat = SurveyResponse.kind == "csat"
    score = SurveyResponse.score
    return [
        _count_where(nps).label("nps_n"),
        _count_where(and_(nps, score >= 9)).label("promoters"),
        _count_where(and_(nps, score <= 6)).label("detractors"),
        _count_where(csat).label("csat_n"),
        _count_where(and_(csat, score >= 4)).label("satisfied"),
    ]


def survey_counts(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> dict[str, int]:
    """Counts of responses with `responded_on` in the window, per kind and band.

    `nps_n`, `promoters` (9-10), `detractors` (0-6), `csat_n`, `satisfied` (4-5).
    """
    row = conn.execute(
        select(*survey_count_columns()).where(
            selected_clients(SurveyResponse.client_id, filters, scope),
            SurveyResponse.responded_on >= window.start,
            SurveyResponse.responded_on <= window.t,
        )
    ).one()
    return {key: int(value) for key, value in row._mapping.items()}


def survey_counts_many(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
    rollups: bool,
) -> list[dict[str, int]]:
    """`survey_counts` of each window, in one query: from the rollups when
    `rollups` is set, else from the responses themselves."""
    if rollups:
        return rollup_piece_sums(
            conn,
            RollupSurveys.__table__,
            SURVEY_COUNTS,
            windows=windows,
            filters=filters,
            scope=scope,
        )
    return raw_piece_sums(
        conn,
        SurveyResponse.responded_on,
        SurveyResponse.client_id,
        survey_count_columns(),
        windows=windows,
        filters=filters,
        scope=scope,
    )
