"""Churn figures from hand-made frames: bars, axes, client clicks, empty states."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.figures.churn import churn_reasons, churned_by_segment, lost_trend

PERIODS = ["2026-Q1", "2026-Q2", "2026-Q3"]


def test_lost_clients_bars_and_churn_rate_on_the_right_axis():
    trend = pd.DataFrame(
        {"lost_clients": [2, 0, 5], "churn_rate": [0.04, 0.0, None]}, index=PERIODS
    ).astype(object)
    figure = lost_trend(trend, "all clients", "en", "light")
    bars, line = figure.data
    # The rate axis starts at 0 and leaves room above the highest rate (4%).
    assert list(figure.layout.yaxis2.range) == pytest.approx([0, 0.048])
    assert list(bars.y) == [2.0, 0.0, 5.0]
    assert [list(row) for row in bars.customdata] == [
        [f"period:{p}", p, count]
        for p, count in zip(PERIODS, ["2", "0", "5"], strict=True)
    ]
    assert line.yaxis == "y2"
    assert list(line.y) == [0.04, 0.0, None]
    assert [row[2] for row in line.customdata] == ["4.0%", "0.0%", "—"]
    assert "Churn rate: %{customdata[2]}" in line.hovertemplate
    # Ticked at round rates up to the highest (4%): 0, 1, 2, 3, 4%.
    assert list(figure.layout.yaxis2.ticktext) == ["0%", "1%", "2%", "3%", "4%"]


def test_lost_trend_empty_names_the_filter():
    trend = pd.DataFrame(
        {"lost_clients": [None], "churn_rate": [None]}, index=["2026-Q3"]
    ).astype(object)
    figure = lost_trend(trend, "Acme", "en", "light")
    assert figure.layout.annotations[0].text == ("No clients in these periods for Acme")


def test_reasons_are_stacked_by_segment_and_a_missing_reason_is_named():
    # price: 2 smb + 1 enterprise = 3; no reason: 1 enterprise.
    by_reason = pd.DataFrame(
        {"churn_reason": ["price", None, "price"],
         "segment": ["smb", "enterprise", "enterprise"], "clients": [2, 1, 1]}
    )  # fmt: skip
    figure = churn_reasons(by_reason, "all clients", "2026-Q3", "en", "light")
    enterprise, smb = figure.data
    assert enterprise.name == "Enterprise" and smb.name == "SMB"
    # Fewest first (bottom up in a horizontal bar chart).
    assert list(enterprise.y) == ["No reason given", "price"]
    assert list(enterprise.x) == [1, 1]
    assert list(smb.x) == [0, 2]
    # Each segment keeps its colour and pattern in every chart.
    assert (enterprise.marker.pattern.shape, smb.marker.pattern.shape) == ("", ".")
    assert figure.layout.barmode == "stack"


def test_lost_clients_are_blocks_per_segment_that_filter_on_click():
    clients = pd.DataFrame(
        {"external_id": ["C3", "C1", "C2"], "name": ["Gamma", "Acme", "Beta"],
         "segment": ["enterprise", "smb", "smb"],
         "churn_reason": [None, "price", "price"],
         "churned_on": [dt.date(2026, 7, 20), dt.date(2026, 7, 10),
                        dt.date(2026, 8, 1)]}
    )  # fmt: skip
    figure = churned_by_segment(clients, "all clients", "2026-Q3", "en", "light")
    blocks = figure.data[0]
    assert list(blocks.y) == ["Enterprise", "SMB", "SMB"]
    assert list(blocks.base) == [0, 0, 1]
    assert list(blocks.marker.pattern.shape) == ["", ".", "."]
    assert list(blocks.text) == ["Gamma", "Acme", "Beta"]
    assert [row[0] for row in blocks.customdata] == ["client:C3", "client:C1",
                                                      "client:C2"]  # fmt: skip
    assert list(blocks.customdata[0][2:]) == ["No reason given", "Jul 20, 2026"]
    assert [a.text for a in figure.layout.annotations] == ["1 lost", "2 lost"]


def test_no_lost_clients_says_so_in_chinese():
    empty = pd.DataFrame(
        columns=["external_id", "name", "segment", "churn_reason", "churned_on"]
    )
    figure = churned_by_segment(empty, "Acme", "2026-Q3", "zh", "dark")
    assert figure.layout.annotations[0].text == "Acme 在 2026-Q3 没有流失客户"
