"""A headline card's layout: the sparkline is an image drawn on the server, with
the trend in words, and the i button keeps its details."""

from __future__ import annotations

from urllib.parse import unquote

from dash import dcc, html

from dashboard.figures.card_values import build_card
from layouts.cards import build_kpi_card
from tests.components import text_of, walk
from tests.dashboard.figures.test_card_values import REPORT, TREND


def test_the_sparkline_is_an_svg_image_with_the_hand_computed_points():
    card = build_kpi_card(
        build_card("retention_rate", REPORT, TREND, "en", "USD"), "en", "light"
    )
    images = [c for c in walk(card) if isinstance(c, html.Img)]
    assert not [c for c in walk(card) if isinstance(c, dcc.Graph)]
    assert len(images) == 1
    svg = unquote(images[0].src.removeprefix("data:image/svg+xml;utf8,"))
    # 0.90 then 0.95: x = 4 and 156, the lower at y = 36, the higher at y = 4.
    assert '<polyline points="4,36 156,4"/>' in svg
    assert '<circle cx="156" cy="4" r="3.5"/>' in svg
    words = "Logo retention, last 2 periods: 2026-Q2 90.0%, 2026-Q3 95.0%"
    assert images[0].alt == images[0].title == words
    # The i button's explanation is still there.
    assert "38 of 40 clients at the start stayed; 2 left." in text_of(card)


def test_a_card_without_any_defined_period_has_no_sparkline():
    card = build_kpi_card(build_card("clv", REPORT, TREND, "en", "USD"), "en", "light")
    assert not [c for c in walk(card) if isinstance(c, html.Img)]
