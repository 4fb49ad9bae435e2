"""The client page's pure parts: title, health component rows, band names."""

from __future__ import annotations

import datetime as dt

from layouts.client_page import band_label, component_rows, page_title
from layouts.client_sections import days_overdue

HEALTH = {
    "nps": 25.0,
    "satisfaction": 62.5,
    "attendance_rate": 0.8,
    "engagement": 80.0,
    "on_time_rate": None,
    "delivery": None,
    "burn_ratio": 1.125,
    "budget": 87.5,
    "nrr": 1.05,
    "revenue": 100.0,
}


def test_the_title_names_the_client_first():
    assert page_title("Acme <b>", "Client Review Dashboard") == (
        "Acme <b> · Client Review Dashboard"
    )


def test_component_rows_show_what_each_part_is_made_of():
    assert component_rows(HEALTH, "en") == [
        ("Satisfaction", "NPS 25.0", 62.5),
        ("Engagement", "attendance 80.0%", 80.0),
        ("Delivery", "on-time action items no data", None),
        ("Budget", "burn ratio 1.12×", 87.5),
        ("Revenue", "net revenue retention 105.0%", 100.0),
    ]


def test_band_names_in_both_languages():
    assert [band_label(b, "en") for b in ("healthy", "watch", "at_risk", None)] == [
        "Healthy", "Watch", "At risk", "Not scored"
    ]  # fmt: skip
    assert band_label("at_risk", "zh") == "有风险"


def test_days_overdue_is_never_negative():
    due = dt.date(2026, 5, 10)
    assert days_overdue(due, dt.date(2026, 8, 15)) == 97
    assert days_overdue(due, dt.date(2026, 5, 1)) == 0
