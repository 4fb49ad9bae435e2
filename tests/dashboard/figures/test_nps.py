"""The NPS figure from hand-made frames: shares, NPS line, small samples."""

from __future__ import annotations

from dashboard.figures.nps import nps_split
from tests.dashboard.figures.satisfaction_frames import bands, trend


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
