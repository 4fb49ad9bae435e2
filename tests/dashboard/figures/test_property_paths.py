"""Plotly parses each property path text once, to the same result, and still
validates every value."""

from __future__ import annotations

import plotly.basedatatypes
import plotly.graph_objects as go
import pytest

import dashboard.figures  # noqa: F401 - installs the kept parse
from dashboard.figures.property_paths import install

PATHS = [
    "marker.line.color",
    "error_x",
    "error_x.thickness",
    "xaxis2.title.text",
    "foo[1].bar",
    "a_path_",
    "_another_path",
    "yet__another_path",
    "",
]


def test_the_kept_parse_gives_what_plotly_s_own_gives():
    kept = plotly.basedatatypes._str_to_dict_path_full
    assert kept.crd_kept
    for text in PATHS:
        path, positions = kept.crd_original(text)
        assert kept(text) == (tuple(path), tuple(positions)), text


def test_a_path_is_parsed_once_and_installing_twice_changes_nothing():
    install()
    kept = plotly.basedatatypes._str_to_dict_path_full
    assert not getattr(kept.crd_original, "crd_kept", False)
    go.Figure().update_layout(xaxis_title_text="a", yaxis_title_font_size=12)
    before = kept.cache_info()
    go.Figure().update_layout(xaxis_title_text="b", yaxis_title_font_size=13)
    after = kept.cache_info()
    assert after.misses == before.misses
    assert after.hits > before.hits


def test_values_are_still_validated():
    with pytest.raises(ValueError, match="nonsense"):
        go.Figure().update_layout(xaxis_nonsense=1)
    with pytest.raises(ValueError, match="color"):
        go.Figure(go.Scatter(marker={"color": "not a colour"}))
    figure = go.Figure(go.Scatter(error_x={"thickness": 2}))
    figure.update_layout(xaxis_title_text="<b>x</b>")
    assert figure.data[0].error_x.thickness == 2
    assert figure.layout.xaxis.title.text == "<b>x</b>"


def test_a_plotly_without_the_parser_is_left_as_it_is(monkeypatch):
    monkeypatch.delattr(plotly.basedatatypes, "_str_to_dict_path_full")
    install()  # nothing to wrap: no error, nothing added
    assert not hasattr(plotly.basedatatypes, "_str_to_dict_path_full")
