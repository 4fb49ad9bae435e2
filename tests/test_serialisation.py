"""Callback answers are serialised by orjson: Dash uses it when it is installed."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import plotly.io as pio

ROOT = Path(__file__).resolve().parents[1]


def test_orjson_is_a_pinned_requirement_and_installed():
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("orjson==") for line in pins)
    assert importlib.util.find_spec("orjson") is not None


def test_plotly_json_picks_orjson_and_gives_the_same_text():
    assert pio.json.config.default_engine == "auto"
    value = {"x": np.arange(3), "name": "上海", "y": [1.5, None]}
    fast = pio.json.to_json_plotly(value, engine="orjson")
    slow = pio.json.to_json_plotly(value, engine="json")
    assert json.loads(fast) == json.loads(slow)
    # The engines write non-ASCII text differently: the default is orjson's.
    assert fast != slow
    assert pio.json.to_json_plotly(value) == fast
