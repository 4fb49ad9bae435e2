"""Satisfaction figures from hand-made frames: shares, NPS, small samples."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.satisfaction import csat_trend, nps_split, response_counts

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


def test_nps_split_stacks_the_shares_and_draws_the_nps_line():
    figure = nps_split(bands(), trend(), "all clients", "en", "light")
    detractors, passives, promoters, halo, line = figure.data
    assert halo.hoverinfo == "skip" and list(halo.y) == [25.0, -25.0]
    assert list(detractors.y) == [0.25, 0.5]
    assert list(passives.y) == [0.25, 0.25]
    assert list(promoters.y) == [0.5, 0.25]
    assert promoters.name == "Promoters (9–10)"
    assert list(promoters.customdata[1]) == [
        "period:2026-Q3", "2026-Q3", "25.0%", "1", "4"
    ]  # fmt: skip
    assert list(line.y) == [25.0, -25.0]
    assert line.yaxis == "y2"
    # The small sample is marked by an open marker, the tick label and the hover.
    assert list(line.marker.symbol) == ["circle", "circle-open"]
    assert list(figure.layout.xaxis.ticktext) == [
        "2026-Q2<br>n = 40", "2026-Q3<br>n = 4 *"
    ]  # fmt: skip
    assert list(line.customdata[1]) == [
        "period:2026-Q3", "2026-Q3", "-25.0", "4", "small sample"
    ]  # fmt: skip


def test_nps_split_without_answers_says_so():
    empty = bands().assign(nps_n=0, promoters=0, passives=0, detractors=0)
    figure = nps_split(empty, trend(), "SMB", "en", "light")
    assert figure.layout.annotations[0].text == (
        "No NPS answers in these periods for SMB"
    )


def test_csat_trend_gaps_where_undefined():
    line = csat_trend(trend(), "all clients", "en", "light").data[0]
    assert list(line.y) == [80.0, None]
    assert list(line.customdata[0]) == ["period:2026-Q2", "2026-Q2", "80.0%", "35", ""]
    assert list(line.customdata[1])[2] == "—"
    assert "CSAT: %{customdata[2]} satisfied" in line.hovertemplate


def test_response_counts_hatch_small_samples():
    figure = response_counts(trend(), "all clients", "zh", "light")
    nps_bars, csat_bars = figure.data
    assert nps_bars.name == "NPS 回答"
    assert list(nps_bars.y) == [40, 4]
    assert list(nps_bars.marker.pattern.shape) == ["", "/"]
    assert list(nps_bars.text) == ["40", "4 *"]
    assert list(csat_bars.y) == [35, 0]
    assert figure.layout.shapes[0].y0 == 30
