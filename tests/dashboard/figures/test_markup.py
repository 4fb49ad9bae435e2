"""Imported text never becomes markup in a chart: every figure builder, fed names
that look like HTML, shows them escaped once (Plotly draws `&lt;a` as `<a`)."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import typing
from functools import cache

import plotly.graph_objects as go
import pytest

import dashboard.figures
from dashboard.figures.text import as_text, as_texts, wrapped
from tests.dashboard.figures.hostile import AMPERSAND, IDS
from tests.dashboard.figures.hostile_tabs import WITHOUT_TEXT, hostile_figures

# The markup our own templates use; any other tag can only come from data.
OWN_TAGS = {"br", "b", "extra"}
TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)")
# Words that follow a tag in the hostile names: `>WORD` means a tag got through.
MARKED = re.compile(r">(LINK49|BIG|BOLD|IT|BREAK|UP|DN|EM|S|U)\b")
CLICK_IDS = ("client:", "period:")


def figure_builders() -> set[str]:
    """`module.function` of every public function in dashboard.figures.* that
    returns a go.Figure."""
    found = set()
    for module_info in pkgutil.iter_modules(dashboard.figures.__path__):
        module = importlib.import_module(f"dashboard.figures.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            if typing.get_type_hints(function).get("return") is go.Figure:
                found.add(f"{module_info.name}.{name}")
    return found


@cache
def figures() -> dict[str, list[go.Figure]]:
    return hostile_figures()


def strings(value) -> list[str]:
    """Every string in a figure's JSON, in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def shown_strings(figure: go.Figure) -> list[str]:
    """The strings of a figure but the click ids (`client:<id>`) in customdata."""
    return [
        s for s in strings(json.loads(figure.to_json())) if not s.startswith(CLICK_IDS)
    ]


def test_every_figure_builder_is_walked():
    builders = figure_builders()
    assert len(builders) >= 30  # the discovery finds the builders at all
    assert builders - set(figures()) == set(), "add these to tests/.../hostile.py"
    assert set(figures()) - builders == set()


@pytest.mark.parametrize("builder", sorted(figure_builders()))
def test_imported_text_is_escaped_in_every_figure(builder):
    texts = [s for figure in figures()[builder] for s in shown_strings(figure)]
    tags = {tag.lower() for s in texts for tag in TAG.findall(s)}
    assert tags <= OWN_TAGS, builder
    # Our own line breaks (wrapped labels) may fall anywhere in a long name.
    assert [s for s in texts if MARKED.search(s.replace("<br>", ""))] == [], builder
    assert not any("&amp;amp;" in s or "&amp;lt;" in s for s in texts), builder
    if builder not in WITHOUT_TEXT:
        # The hostile text reached the figure, escaped (a long message is broken
        # into lines, even inside a long word).
        joined = "\n".join(texts).replace("<br>", "")
        assert "&gt;LINK49&lt;/a&gt;" in joined, builder
        assert "&lt;b&gt;BOLD&lt;/b&gt;" in joined, builder


@pytest.mark.parametrize("builder", sorted(figure_builders()))
def test_click_ids_are_never_shown(builder):
    """Ids stay raw in customdata[0] for a click, and no template shows them."""
    for figure in figures()[builder]:
        for trace in json.loads(figure.to_json())["data"]:
            custom = trace.get("customdata") or []
            first = custom[0] if custom else None
            if isinstance(first, list):
                first = first[0]
            if not (isinstance(first, str) and first.startswith(CLICK_IDS)):
                continue
            for key in ("hovertemplate", "texttemplate"):
                template = trace.get(key) or ""
                assert "%{customdata}" not in template, builder
                assert "%{customdata[0]" not in template, builder


@pytest.mark.parametrize(
    "builder, trace",
    [
        ("action_items.overdue_by_client_figure", 0),
        ("meetings.attendance_by_client_figure", 0),
        ("budget.burn_ratio_figure", 0),
        ("churn.churned_by_segment", 0),
    ],
)
def test_a_click_still_reads_the_raw_client_id(builder, trace):
    data = figures()[builder][0].data[trace]
    ids = {row[0] if isinstance(row, list | tuple) else row for row in data.customdata}
    assert ids <= {f"client:{cid}" for cid in IDS}
    assert ids & {"client:C<b>1", "client:C&3"}


def test_as_text_escapes_once_and_keeps_plain_text():
    assert as_text(AMPERSAND) == "Smith &amp; Co &#34;quoted&#34; &#39;single&#39;"
    assert as_text("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert as_text("Acme 2026-Q3 客户") == "Acme 2026-Q3 客户"
    assert as_texts(["a&b", None]) == ["a&amp;b", None]


def test_a_long_message_is_wrapped_by_its_text_not_its_entities():
    # 18 characters of text ("&" is one, though "&amp;" is five): one line of 18.
    assert wrapped("Smith & Co Limited", 18) == "Smith &amp; Co Limited"
    # The space stays at the end of the line: without the breaks, the text.
    assert wrapped("Smith & Co Limited<", 12) == "Smith &amp; Co <br>Limited&lt;"
    assert wrapped("<b>", None) == "&lt;b&gt;"
