"""Every figure builder, drawn from the fixture frames of hostile.py (numbers in
the thousands, a zero step, an average overrun below zero) in both languages,
writes each value one way: dashboard.kernel.formatting's."""

from __future__ import annotations

from functools import cache

import plotly.graph_objects as go
import pytest

from tests.dashboard.figures.hostile_tabs import hostile_figures
from tests.dashboard.figures.test_markup import figure_builders
from tests.dashboard.figures.written import (
    axis_problems,
    misformatted,
    shown_strings,
)

LANGUAGES = ("en", "zh")


@cache
def figures(lang: str) -> dict[str, list[go.Figure]]:
    return hostile_figures(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("builder", sorted(figure_builders()))
def test_every_value_in_every_figure_is_written_one_way(builder, lang):
    for figure in figures(lang)[builder]:
        assert misformatted(shown_strings(figure)) == [], builder
        assert axis_problems(figure) == [], builder
