"""Every cell rule of the import contract rejects a bad value with its message."""

from __future__ import annotations

import pytest

from tests.data.import_helpers import (
    ATTENDEES_HEADER,
    CLIENTS_HEADER,
    MEETING,
    MEETINGS_HEADER,
    PROJECT,
    PROJECTS_HEADER,
    SURVEYS_HEADER,
    lines,
    problems_of,
)

CELL_CASES = [
    # (id, files, the one expected problem)
    (
        "required value empty",
        {"clients.csv": lines(CLIENTS_HEADER, "C2,,smb,2024-01-01,,")},
        "clients.csv line 2, column name: is required but empty",
    ),
    (
        "date not YYYY-MM-DD",
        {"clients.csv": lines(CLIENTS_HEADER, "C2,Beta,smb,01/02/2024,,")},
        "clients.csv line 2, column onboarded_on: '01/02/2024' is not a date"
        " (expected YYYY-MM-DD)",
    ),
    (
        "date not in the calendar",
        {"clients.csv": lines(CLIENTS_HEADER, "C2,Beta,smb,2024-02-30,,")},
        "clients.csv line 2, column onboarded_on: '2024-02-30' is not a real"
        " calendar date",
    ),
    (
        "segment enum",
        {"clients.csv": lines(CLIENTS_HEADER, "C2,Beta,Enterprise,2024-01-01,,")},
        "clients.csv line 2, column segment: 'Enterprise' is not one of enterprise,"
        " mid_market, smb",
    ),
    (
        "datetime not ISO 8601",
        {
            "meetings.csv": lines(
                MEETINGS_HEADER,
                MEETING.replace("2025-01-14T10:00:00+01:00", "14.01.2025 10:00"),
            )
        },
        "meetings.csv line 2, column scheduled_start: '14.01.2025 10:00' is not a"
        " date-time (expected ISO 8601, e.g. 2024-03-05T14:30:00+01:00)",
    ),
    (
        "meeting kind enum",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING.replace("qbr", "lunch"))},
        "meetings.csv line 2, column kind: 'lunch' is not one of qbr,"
        " monthly_review, weekly_sync, workshop, escalation",
    ),
    (
        "meeting status enum",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING.replace("held", "done"))},
        "meetings.csv line 2, column status: 'done' is not one of scheduled, held,"
        " cancelled, no_show",
    ),
    (
        "integer",
        {
            "meetings.csv": lines(
                MEETINGS_HEADER, MEETING.replace(",60,held", ",45.5,held")
            )
        },
        "meetings.csv line 2, column planned_minutes: '45.5' is not a whole number",
    ),
    (
        "feedback above 5",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING[:-1] + "6")},
        "meetings.csv line 2, column feedback_score: '6' is above the maximum of 5",
    ),
    (
        "feedback below 1",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING[:-1] + "0")},
        "meetings.csv line 2, column feedback_score: '0' is below the minimum of 1",
    ),
    (
        "cost negative",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING.replace("100.00", "-1.00"))},
        "meetings.csv line 2, column cost: '-1.00' is below the minimum of 0",
    ),
    (
        "amount with decimal comma",
        {
            "invoices.csv": lines(
                "external_id,client_external_id,issued_on,amount",
                'I1,C1,2025-01-31,"12,50"',
            )
        },
        "invoices.csv line 2, column amount: '12,50' is not an amount"
        " (use '.' as decimal point, no thousands separator)",
    ),
    (
        "more values than columns (an unquoted decimal comma)",
        {
            "invoices.csv": lines(
                "external_id,client_external_id,issued_on,amount",
                "I1,C1,2025-01-31,12,50",
            )
        },
        "invoices.csv line 2: has 5 values but the header has 4",
    ),
    (
        "fewer values than columns",
        {
            "invoices.csv": lines(
                "external_id,client_external_id,issued_on,amount", "I1,C1,2025-01-31"
            )
        },
        "invoices.csv line 2: has 3 values but the header has 4",
    ),
    (
        "amount with thousands separator",
        {
            "invoices.csv": lines(
                "external_id,client_external_id,issued_on,amount",
                'I1,C1,2025-01-31,"1,250.00"',
            )
        },
        "invoices.csv line 2, column amount: '1,250.00' is not an amount"
        " (use '.' as decimal point, no thousands separator)",
    ),
    (
        "amount with more than 2 decimals",
        {
            "invoices.csv": lines(
                "external_id,client_external_id,issued_on,amount",
                "I1,C1,2025-01-31,12.345",
            )
        },
        "invoices.csv line 2, column amount: '12.345' has more than 2 decimal places",
    ),
    (
        "attendee side enum",
        {
            "meetings.csv": lines(MEETINGS_HEADER, MEETING),
            "attendees.csv": lines(ATTENDEES_HEADER, "M1,Ann,vendor,true"),
        },
        "attendees.csv line 2, column side: 'vendor' is not one of client, internal",
    ),
    (
        "attended not a boolean",
        {
            "meetings.csv": lines(MEETINGS_HEADER, MEETING),
            "attendees.csv": lines(ATTENDEES_HEADER, "M1,Ann,client,maybe"),
        },
        "attendees.csv line 2, column attended: 'maybe' is not true/false"
        " (also 1/0, yes/no)",
    ),
    (
        "spend category enum",
        {
            "projects.csv": lines(PROJECTS_HEADER, PROJECT),
            "spend.csv": lines(
                "project_external_id,spent_on,amount,category",
                "P1,2025-02-01,10.00,food",
            ),
        },
        "spend.csv line 2, column category: 'food' is not one of labor, travel,"
        " software, subcontract, other",
    ),
    (
        "survey kind enum",
        {"surveys.csv": lines(SURVEYS_HEADER, "S1,C1,2025-02-01,ces,3,")},
        "surveys.csv line 2, column kind: 'ces' is not one of nps, csat",
    ),
    (
        "nps above 10",
        {"surveys.csv": lines(SURVEYS_HEADER, "S1,C1,2025-02-01,nps,11,")},
        "surveys.csv line 2, column score: must be 0 to 10 for a nps survey",
    ),
    (
        "csat below 1",
        {"surveys.csv": lines(SURVEYS_HEADER, "S1,C1,2025-02-01,csat,0,")},
        "surveys.csv line 2, column score: must be 1 to 5 for a csat survey",
    ),
    (
        "budget not above 0",
        {"projects.csv": lines(PROJECTS_HEADER, PROJECT.replace(",1000", ",0"))},
        "projects.csv line 2, column budget: '0' must be greater than 0",
    ),
    (
        "weight not above 0",
        {
            "projects.csv": lines(PROJECTS_HEADER, PROJECT),
            "milestones.csv": lines(
                "external_id,project_external_id,name,planned_on,completed_on,weight",
                "MS1,P1,Beta,2025-03-01,,-1",
            ),
        },
        "milestones.csv line 2, column weight: '-1' must be greater than 0",
    ),
    (
        "acquisition segment enum",
        {
            "acquisition_spend.csv": lines(
                "spent_on,channel,amount,segment", "2025-01-31,Events,10.00,startup"
            )
        },
        "acquisition_spend.csv line 2, column segment: 'startup' is not one of"
        " enterprise, mid_market, smb",
    ),
    (
        "text longer than the column",
        {"clients.csv": lines(CLIENTS_HEADER, "C" * 65 + ",Beta,smb,2024-01-01,,")},
        "clients.csv line 2, column external_id: is 65 characters long, at most 64"
        " allowed",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"),
    [pytest.param(files, expected, id=name) for name, files, expected in CELL_CASES],
)
def test_cell_rule_is_rejected(engine, files, expected):
    assert problems_of(engine, files) == [expected]
