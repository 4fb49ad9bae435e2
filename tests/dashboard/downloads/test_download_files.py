"""Each tab's chart data as CSV and XLSX: exactly the hand-computed rows, in the
page's language, formula-like texts escaped."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from callbacks.chart_data import readable_frame
from tests.dashboard.downloads.conftest import HOSTILE

Q3 = "?period=2026-Q3"
EARLIER = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]

# One chart per tab, for 2026-Q3 (to 08-15), as computed in conftest's comments.
EXPECTED = {
    # start = A $100 + B $50 a year earlier; A grew by $50, B ($50) churned;
    # end = A's $150.
    "retention-bridge": [
        ["Step", "Amount"],
        ["Start", "150.0"],
        ["Expansion", "50.0"],
        ["Contraction", "0.0"],
        ["Churned", "50.0"],
        ["Credit notes after churn", "0.0"],
        ["End", "150.0"],
    ],
    "churn-reasons": [["Churn reason", "Segment", "Clients"], ["price", "smb", "1"]],
    "meetings-kind-status": [
        ["Kind", "Status", "Meetings"],
        ["monthly_review", "cancelled", "1"],
        ["monthly_review", "held", "1"],
        ["qbr", "held", "1"],
    ],
    # Open and due before 08-15: ann's 08-01 and 08-10, bob's 08-12 (not 08-20).
    "action-items-overdue-owners": [["Owner", "Items"], ["ann", "2"], ["bob", "1"]],
    "budget-categories": [
        ["Category", "Amount"],
        ["labor", "100.0"],
        ["travel", "25.5"],
    ],
    # Q2: A's 8 (passive); Q3: A's 10 (promoter), B's 5 (detractor).
    "satisfaction-nps": [
        ["Period", "NPS responses", "Promoters", "Passives", "Detractors"],
        *([p, "0", "0", "0", "0"] for p in EARLIER),
        ["2026-Q2", "1", "0", "1", "0"],
        ["2026-Q3", "2", "1", "0", "1"],
    ],
}


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download (after checking its BOM)."""
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[object]]:
    """The rows of an XLSX download's only sheet."""
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_a_chart_of_each_tab_downloads_its_hand_computed_rows(admin, key):
    response = admin.get(f"/download/{key}.csv{Q3}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="{key}-2026-Q3.csv"'
    assert csv_rows(response) == EXPECTED[key]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_the_xlsx_holds_the_same_rows_with_numbers_as_numbers(admin, key):
    response = admin.get(f"/download/{key}.xlsx{Q3}")
    assert response.status_code == 200
    rows = xlsx_rows(response)
    # Numbers are stored as numbers (a workbook reads 100.0 back as 100).
    as_text = [
        [v if isinstance(v, str) else str(float(v)) for v in row] for row in rows
    ]
    expected = [
        [t if not t.replace(".", "").isdigit() else str(float(t)) for t in row]
        for row in EXPECTED[key]
    ]
    assert as_text == expected
    assert isinstance(rows[-1][-1], int | float)


def test_a_formula_like_name_comes_out_escaped_in_both_files(admin):
    text = admin.get(f"/download/churn-segments.csv{Q3}")
    assert csv_rows(text)[1] == ["B", "'" + HOSTILE, "smb", "price", "2026-07-20"]
    book = xlsx_rows(admin.get(f"/download/churn-segments.xlsx{Q3}"))
    assert book[1][1] == "'" + HOSTILE


def test_headers_and_steps_follow_the_page_language(admin):
    rows = csv_rows(admin.get(f"/download/budget-categories.csv{Q3}&lang=zh"))
    assert rows[0] == ["类别", "金额"]
    bridge = csv_rows(admin.get(f"/download/retention-bridge.csv{Q3}&lang=zh"))
    assert [row[0] for row in bridge] == [
        "步骤",
        "期初",
        "扩展收入",
        "收缩收入",
        "流失",
        "流失后的贷项通知",
        "期末",
    ]


def test_the_filters_of_the_page_apply(admin):
    # Only B: its QBR; the client filter narrows the frame as on the page.
    rows = csv_rows(admin.get(f"/download/meetings-kind-status.csv{Q3}&client=B"))
    assert rows == [["Kind", "Status", "Meetings"], ["qbr", "held", "1"]]


def test_internal_only_figures_are_dropped_for_an_external_viewer():
    frame = pd.DataFrame({"period": ["2026-Q3"], "cac": [12.5], "nps": [40.0]})
    outside = readable_frame(frame, "en", internal=False)
    assert list(outside.columns) == ["Period", "NPS"]
    inside = readable_frame(frame, "en", internal=True)
    assert list(inside.columns) == ["Period", "Acquisition cost (CAC)", "NPS"]
