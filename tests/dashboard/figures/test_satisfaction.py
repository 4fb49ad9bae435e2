"""Satisfaction figures from hand-made frames: CSAT and small samples."""

from __future__ import annotations

from dashboard.figures.satisfaction import csat_trend, response_counts
from tests.dashboard.figures.satisfaction_frames import trend


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
    # No numbers over side-by-side bars (they ran together): they are in the hover.
    assert nps_bars.text is None
    assert list(nps_bars.customdata[1])[2:] == ["4", "样本量小"]
    assert list(csat_bars.y) == [35, 0]
    assert figure.layout.shapes[0].y0 == 30
