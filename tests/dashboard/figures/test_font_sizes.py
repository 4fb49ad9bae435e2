"""Every figure builder, drawn from the fixture frames of hostile.py in both
languages, writes no text under 12 px (14 px once made for a client's eyes), and
wraps every category label into short lines instead of cutting it off."""

from __future__ import annotations

import html
import unicodedata
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures.budget import burn_ratio_figure, project_label
from dashboard.figures.text import LABEL_WIDTH
from dashboard.figures.theme import for_presenting
from tests.dashboard.figures.hostile_tabs import hostile_figures
from tests.dashboard.figures.test_markup import figure_builders

LANGUAGES = ("en", "zh")


@cache
def figures(lang: str) -> dict[str, list[go.Figure]]:
    return hostile_figures(lang)


def font_sizes(node: object, in_font: bool = False) -> list[float]:
    """Every font size in a figure's JSON (`size` inside any `*font`, and the
    smallest size `uniformtext` lets a bar's number shrink to)."""
    if isinstance(node, list):
        return [size for item in node for size in font_sizes(item, in_font)]
    if not isinstance(node, dict):
        return []
    sizes = []
    for key, value in node.items():
        if isinstance(value, int | float) and (
            key == "minsize" or (in_font and key == "size")
        ):
            sizes.append(value)
        else:
            sizes += font_sizes(value, key.lower().endswith("font"))
    return sizes


def all_font_sizes(figure: go.Figure) -> list[float]:
    """The sizes the figure sets, its template's, and the size every text
    without its own inherits (the layout font)."""
    spec = figure.to_dict()
    layout = spec.get("layout", {})
    template = layout.get("template", {}).get("layout", {})
    own = {k: v for k, v in layout.items() if k != "template"}
    inherited = layout.get("font", {}).get("size") or template["font"]["size"]
    return [
        inherited,
        *font_sizes(spec.get("data", [])),
        *font_sizes(own),
        *font_sizes(template),
    ]


def shown_width(line: str) -> int:
    """Characters in a line as written (entities decoded), full width ones as 2."""
    text = html.unescape(line)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def category_labels(figure: go.Figure) -> list[str]:
    """The labels of category axes (clients, projects, milestones, segments,
    reasons, kinds, categories) and the small multiples' titles."""
    labels: list[str] = []
    layout = figure.layout
    for trace in figure.data:
        horizontal = getattr(trace, "orientation", None) == "h"
        y_axis = layout.yaxis if (getattr(trace, "yaxis", None) or "y") == "y" else None
        if horizontal or (y_axis is not None and y_axis.type == "category"):
            labels += [y for y in (trace.y or ()) if isinstance(y, str)]
        if trace.type == "bar" and not horizontal and layout.xaxis.type != "date":
            labels += [
                x for x in (trace.x or ()) if isinstance(x, str) and "-Q" not in x
            ]
    if any(name.startswith("xaxis2") for name in layout.to_plotly_json()):
        labels += [a.text for a in layout.annotations]  # make_subplots' titles
    return labels


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("builder", sorted(figure_builders()))
def test_no_chart_text_is_under_12_px(builder, lang):
    for figure in figures(lang)[builder]:
        sizes = all_font_sizes(figure)
        assert min(sizes) >= 12, (builder, sorted(sizes))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("builder", sorted(figure_builders()))
def test_no_chart_text_is_under_14_px_for_a_client(builder, lang):
    for figure in figures(lang)[builder]:
        presented = for_presenting(go.Figure(figure))
        sizes = all_font_sizes(presented)
        own = [s for s in sizes[:1] + font_sizes(presented.to_dict()["data"])]
        assert min(own) >= 14, (builder, sorted(sizes))
        layout = {
            k: v for k, v in presented.to_dict()["layout"].items() if k != "template"
        }
        assert min(font_sizes(layout), default=14) >= 14, builder
        # Each text 2 px larger than on the page, marker sizes unchanged.
        assert len(font_sizes(presented.to_dict())) >= len(font_sizes(figure.to_dict()))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("builder", sorted(figure_builders()))
def test_category_labels_are_wrapped_into_short_lines(builder, lang):
    for figure in figures(lang)[builder]:
        for label in category_labels(figure):
            lines = label.split("<br>")
            assert len(lines) <= 3, (builder, label)
            too_long = [line for line in lines if shown_width(line) > LABEL_WIDTH]
            assert too_long == [], (builder, label)


def test_a_long_project_label_is_wrapped_not_cut():
    """The label that ran off the burn ratio chart ("Data platform rollout 1 ·
    Vertex Software…") keeps every character, in lines of at most 24."""
    projects = pd.DataFrame(
        {
            "external_id": ["P1", "P2"],
            "name": ["Data platform rollout 1", "Audit"],
            "client_external_id": ["C1", "C2"],
            "client_name": ["Vertex Software Holdings", "Beta"],
            "burn_ratio": [1.2, 0.5],
            "ac": [1.0, 1.0],
            "pv": [1.0, 1.0],
        }
    )
    figure = burn_ratio_figure(
        projects, "en", "light", currency="USD", clients="all", period="2026-Q3"
    )
    over = figure.data[0]
    assert list(over.y) == [
        "Data platform rollout 1 <br>· Vertex Software <br>Holdings"
    ]
    assert over.hovertemplate.startswith("%{y}<br>")  # the whole label on hover


def test_a_project_of_the_one_client_shown_is_named_alone():
    assert project_label("Data platform rollout 1", None) == "Data platform rollout 1"
    assert project_label("Audit", "Beta") == "Audit · Beta"


def test_for_presenting_makes_each_text_two_px_larger():
    figure = go.Figure(
        go.Scatter(x=[1], y=[1], textfont={"size": 12}, marker={"size": 8}),
        layout={"xaxis": {"tickfont": {"size": 12}}, "font": {"size": 13}},
    )
    for_presenting(figure)
    assert figure.data[0].textfont.size == 14
    assert figure.data[0].marker.size == 8  # a marker is not text
    assert figure.layout.xaxis.tickfont.size == 14
    assert figure.layout.font.size == 15
    assert figure.layout.uniformtext.minsize == 14
