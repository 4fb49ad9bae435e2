"""Each callback input has a declared kind, which refuses what the app cannot read."""

from __future__ import annotations

import pytest

from dashboard.boundary import install_callback_checks
from dashboard.boundary.inputs import (
    ADDRESS,
    CLICK,
    COUNT,
    OPTIONS,
    SEARCH,
    undeclared,
)
from data.controls import control_problem, printable

CHIP = '{"kind":["ALL"],"type":"filter-chip","value":["ALL"]}'


def callback_map(*specs: tuple[str, str]) -> dict:
    inputs = [{"id": component, "property": prop} for component, prop in specs]
    return {"out.children": {"inputs": inputs, "state": [], "callback": print}}


def test_inputs_without_a_kind_are_listed_and_stop_the_start():
    known = callback_map(("page-url", "search"), (CHIP, "n_clicks"))
    assert undeclared(known) == []
    unknown = callback_map(("page-url", "search"), ("new-slider", "value"))
    assert undeclared(unknown) == ["new-slider.value"]

    class App:
        callback_map = unknown

    with pytest.raises(RuntimeError, match="new-slider.value"):
        install_callback_checks(App())


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (ADDRESS, ["?client=C1", "/clients/C%201", None], ["?c=%00", "/x%1b", 7, []]),
        (COUNT, [0, 3, None], [True, -1, 1.0, "1"]),
        (CLICK, [{"points": [{"customdata": "client:C1"}]}, {}], [{"points": "x"}]),
        (OPTIONS, [[{"label": "A", "value": "a"}], []], [[{"label": "A"}], ["a"]]),
        (SEARCH, ["acme", "天成", "%_", "x" * 100, None], ["x" * 101, ["a"], 3]),
    ],
    ids=["address", "count", "click", "options", "search"],
)
def test_kinds_accept_what_the_page_sends_and_nothing_else(kind, good, bad):
    assert [kind.accepts(value) for value in good] == [True] * len(good)
    assert [kind.accepts(value) for value in bad] == [False] * len(bad)


def test_control_characters_are_named_and_escaped():
    assert control_problem("ad\x00min") == "contains a control character (NUL)"
    assert control_problem("a\tb") == "contains a control character (U+0009)"
    assert control_problem("a\tb\r\n", in_text=True) is None
    assert control_problem("a\x7f", in_text=True) == (
        "contains a control character (U+007F)"
    )
    assert printable("/clients/C1\x00") == "/clients/C1\\x00"
