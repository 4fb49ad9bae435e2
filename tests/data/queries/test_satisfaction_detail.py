"""NPS answers per score band for several windows, in one query (or from the
survey rollups)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.models import Client, SurveyResponse
from data.queries.held import hold_for, holds
from data.queries.satisfaction import survey_counts
from data.queries.satisfaction_detail import nps_bands
from data.rollups import refresh_rollups

D = dt.date
WINDOWS = {
    "2026-Q2": Window(D(2026, 4, 1), D(2026, 6, 30)),
    "2026-Q3": Window(D(2026, 7, 1), D(2026, 8, 15)),
}
Q3 = parse_period("2026-Q3")


def response(rid, client_id, day, kind, score):
    return {
        "id": rid,
        "external_id": f"S{rid}",
        "client_id": client_id,
        "responded_on": day,
        "kind": kind,
        "score": score,
    }


SOURCES = ["answers", "rollups", "held rollups"]


@pytest.fixture(params=SOURCES)
def source(request) -> str:
    """Where the bands are counted: the answers, or the survey rollups (in the
    database, or held in memory as a server holds them)."""
    return request.param


@pytest.fixture
def conn(engine, source):
    with engine.begin() as connection:
        connection.execute(
            insert(Client),
            [
                {"id": 1, "external_id": "C1", "name": "Acme", "segment": "smb",
                 "onboarded_on": D(2024, 1, 1)},
                {"id": 2, "external_id": "C2", "name": "Beta",
                 "segment": "enterprise", "onboarded_on": D(2024, 1, 1)},
            ],
        )  # fmt: skip
        connection.execute(
            insert(SurveyResponse),
            [
                response(1, 1, D(2026, 5, 1), "nps", 10),  # Q2 promoter
                response(2, 1, D(2026, 6, 30), "nps", 7),  # Q2 passive
                response(3, 2, D(2026, 4, 1), "nps", 3),  # Q2 detractor
                response(4, 1, D(2026, 7, 1), "nps", 9),  # Q3 promoter
                response(5, 1, D(2026, 8, 16), "nps", 0),  # after t: not counted
                response(6, 2, D(2026, 8, 15), "nps", 8),  # Q3 passive
                response(7, 2, D(2026, 7, 5), "csat", 5),  # CSAT: not NPS
                response(8, 1, D(2026, 3, 31), "nps", 6),  # before both windows
            ],
        )
        refresh_rollups(connection, None, timezone="UTC")
    if source == "held rollups":
        hold_for(engine)
    with engine.connect() as connection:
        assert holds(connection) == (source == "held rollups")
        yield connection


def bands(conn, source: str, **query):
    return nps_bands(conn=conn, rollups=source != "answers", **query)


def test_answers_per_band_and_window(conn, source):
    # Q2: S1 promoter, S2 passive, S3 detractor; Q3: S4 promoter, S6 passive.
    frame = bands(
        conn, source, filters=Filters(Q3), scope=Scope.everything(), windows=WINDOWS
    )
    assert list(frame.index) == ["2026-Q2", "2026-Q3"]
    assert frame.to_dict("index") == {
        "2026-Q2": {"nps_n": 3, "promoters": 1, "passives": 1, "detractors": 1},
        "2026-Q3": {"nps_n": 2, "promoters": 1, "passives": 1, "detractors": 0},
    }


def test_bands_agree_with_the_counts_behind_the_nps_card(conn, source):
    frame = bands(
        conn, source, filters=Filters(Q3), scope=Scope.everything(), windows=WINDOWS
    )
    for label, window in WINDOWS.items():
        counts = survey_counts(
            conn=conn, filters=Filters(Q3), scope=Scope.everything(), window=window
        )
        row = frame.loc[label]
        assert (row["nps_n"], row["promoters"], row["detractors"]) == (
            counts["nps_n"],
            counts["promoters"],
            counts["detractors"],
        )


def test_filters_and_scope_narrow_the_answers(conn, source):
    # C1 (smb) only: Q2 S1, S2; Q3 S4.
    smb = bands(
        conn,
        source,
        filters=Filters(Q3, segment="smb"),
        scope=Scope.everything(),
        windows=WINDOWS,
    )
    assert smb["nps_n"].tolist() == [2, 1]
    assert smb["passives"].tolist() == [1, 0]
    c2 = bands(
        conn, source, filters=Filters(Q3), scope=Scope.for_client("C2"), windows=WINDOWS
    )
    assert c2["detractors"].tolist() == [1, 0]
    assert c2["passives"].tolist() == [0, 1]


def test_a_window_without_answers_counts_zero(conn, source):
    windows = {"2025-Q1": Window(D(2025, 1, 1), D(2025, 3, 31))}
    frame = bands(
        conn, source, filters=Filters(Q3), scope=Scope.everything(), windows=windows
    )
    assert frame.loc["2025-Q1"].tolist() == [0, 0, 0, 0]
