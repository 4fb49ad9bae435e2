"""The page themes' Plotly templates."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.theme import SURFACES, template


def test_a_figure_changing_its_template_leaves_the_themes_own_unchanged():
    first = go.Figure(layout={"template": template("light")})
    first.layout.template.layout.font.size = 99
    first.layout.template.layout.colorway = ("#000000",)
    second = go.Figure(layout={"template": template("light")})
    assert second.layout.template.layout.font.size != 99
    assert template("light").layout.colorway[0] != "#000000"


def test_each_theme_has_its_own_template_and_an_unknown_one_is_light():
    light, dark = template("light"), template("dark")
    assert light.layout.paper_bgcolor == SURFACES["light"]["paper"]
    assert dark.layout.paper_bgcolor == SURFACES["dark"]["paper"]
    assert template("nonsense").layout.paper_bgcolor == light.layout.paper_bgcolor
