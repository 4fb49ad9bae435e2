"""Rules between columns and between rows of the import contract, one test each."""

from __future__ import annotations

import pytest

from data.importer import import_files
from tests.data.import_helpers import (
    ACTIONS_HEADER,
    ATTENDEES_HEADER,
    CLIENTS,
    CLIENTS_HEADER,
    MEETING,
    MEETINGS_HEADER,
    PROJECT,
    PROJECTS_HEADER,
    csv_bytes,
    lines,
    problems_of,
)

ROW_CASES = [
    (
        "churned_on not after onboarded_on",
        {"clients.csv": lines(CLIENTS_HEADER, "C2,Beta,smb,2024-01-01,2024-01-01,")},
        "clients.csv line 2, column churned_on: must be after onboarded_on",
    ),
    (
        "churn_reason without churned_on",
        {"clients.csv": lines(CLIENTS_HEADER, "C2,Beta,smb,2024-01-01,,Price")},
        "clients.csv line 2, column churn_reason: is only allowed when churned_on"
        " is given",
    ),
    (
        "held meeting without actual_minutes",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING.replace("held,60", "held,"))},
        "meetings.csv line 2, column actual_minutes: is required when status is held",
    ),
    (
        "cancelled meeting with actual_minutes",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING.replace("held", "cancelled"))},
        "meetings.csv line 2, column actual_minutes: must be empty when status is"
        " cancelled",
    ),
    (
        "objectives_met above objectives_set",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING.replace(",3,2,", ",3,4,"))},
        "meetings.csv line 2, column objectives_met: must not exceed objectives_set",
    ),
    (
        "objectives_met without objectives_set",
        {"meetings.csv": lines(MEETINGS_HEADER, MEETING.replace(",3,2,", ",,2,"))},
        "meetings.csv line 2, column objectives_met: needs objectives_set",
    ),
    (
        "due_on before created_on",
        {
            "action_items.csv": lines(
                ACTIONS_HEADER, "A1,C1,,Call back,Ann,2025-02-10,2025-02-09,"
            )
        },
        "action_items.csv line 2, column due_on: must not be before created_on",
    ),
    (
        "completed_on before created_on",
        {
            "action_items.csv": lines(
                ACTIONS_HEADER, "A1,C1,,Call back,Ann,2025-02-10,2025-02-20,2025-02-01"
            )
        },
        "action_items.csv line 2, column completed_on: must not be before created_on",
    ),
    (
        "end_on before start_on",
        {
            "projects.csv": lines(
                PROJECTS_HEADER, PROJECT.replace("2025-06-30", "2024-12-31")
            )
        },
        "projects.csv line 2, column end_on: must not be before start_on",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"),
    [pytest.param(files, expected, id=name) for name, files, expected in ROW_CASES],
)
def test_rule_between_columns_is_rejected(engine, files, expected):
    assert problems_of(engine, files) == [expected]


REFERENCE_CASES = [
    (
        "invoice of an unknown client",
        {
            "invoices.csv": lines(
                "external_id,client_external_id,issued_on,amount", "I1,C9,2025-01-31,10"
            )
        },
        "invoices.csv line 2, column client_external_id: 'C9' is not a known client"
        " external_id (neither in clients.csv of this import nor in the database)",
    ),
    (
        "attendee of an unknown meeting",
        {"attendees.csv": lines(ATTENDEES_HEADER, "M9,Ann,client,true")},
        "attendees.csv line 2, column meeting_external_id: 'M9' is not a known"
        " meeting external_id (neither in meetings.csv of this import nor in the"
        " database)",
    ),
    (
        "action item of an unknown meeting",
        {
            "action_items.csv": lines(
                ACTIONS_HEADER, "A1,C1,M9,Call back,Ann,2025-02-10,2025-02-20,"
            )
        },
        "action_items.csv line 2, column meeting_external_id: 'M9' is not a known"
        " meeting external_id (neither in meetings.csv of this import nor in the"
        " database)",
    ),
    (
        "spend of an unknown project",
        {
            "spend.csv": lines(
                "project_external_id,spent_on,amount,category",
                "P9,2025-02-01,10.00,labor",
            )
        },
        "spend.csv line 2, column project_external_id: 'P9' is not a known project"
        " external_id (neither in projects.csv of this import nor in the database)",
    ),
    (
        "duplicate external_id in a file",
        {
            "clients.csv": lines(
                CLIENTS_HEADER,
                "C1,Acme,smb,2024-01-01,,",
                "C2,Beta,smb,2024-01-01,,",
                "C1,Acme 2,smb,2024-01-01,,",
            )
        },
        "clients.csv line 4, column external_id: external_id 'C1' already appears on"
        " line 2",
    ),
    (
        "duplicate attendee in a file",
        {
            "meetings.csv": lines(MEETINGS_HEADER, MEETING),
            "attendees.csv": lines(
                ATTENDEES_HEADER,
                "M1,Ann,client,true",
                "M1,Ann,internal,true",
                "M1,Ann,client,false",
            ),
        },
        "attendees.csv line 4: attendee ('M1', 'client', 'Ann') (meeting, side, name)"
        " already appears on line 2",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(files, expected, id=name)
        for name, files, expected in REFERENCE_CASES
    ],
)
def test_cross_row_rule_is_rejected(engine, files, expected):
    assert problems_of(engine, files) == [expected]


def test_reference_to_a_client_already_in_the_database_is_accepted(engine):
    import_files(engine, {"clients.csv": CLIENTS.encode()}, timezone="UTC")
    invoices = csv_bytes(
        "external_id,client_external_id,issued_on,amount", "I1,C1,2025-01-31,10"
    )
    report = import_files(engine, {"invoices.csv": invoices}, timezone="UTC")
    assert report.entities["invoices"].inserted == 1
