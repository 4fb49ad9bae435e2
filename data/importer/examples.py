"""The example row of each entity: row 2 of the upload template.

An import skips a file's or sheet's first data row while it is exactly the
example (any cell changed, it is data like every other row), so a template
filled below its example imports as it is; nobody has to remember to delete it.
Example external ids start with EXAMPLE- so no real row is ever taken for one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from data.importer.contract import BY_NAME

EXAMPLES: dict[str, dict[str, str]] = {
    "clients": {
        "external_id": "EXAMPLE-C1",
        "name": "Example Client Ltd",
        "segment": "smb",
        "industry": "Retail",
        "region": "EMEA",
        "owner": "Alice Martin",
        "onboarded_on": "2025-01-15",
        "churned_on": "",
        "churn_reason": "",
    },
    "invoices": {
        "external_id": "EXAMPLE-INV1",
        "client_external_id": "EXAMPLE-C1",
        "issued_on": "2025-01-31",
        "amount": "1250.5",
        "product": "Platform licence",
    },
    "meetings": {
        "external_id": "EXAMPLE-M1",
        "client_external_id": "EXAMPLE-C1",
        "kind": "qbr",
        "scheduled_start": "2025-02-11T10:00:00+01:00",
        "planned_minutes": "60",
        "status": "held",
        "actual_minutes": "55",
        "objectives_set": "3",
        "objectives_met": "2",
        "cost": "450",
        "feedback_score": "4.5",
    },
    "attendees": {
        "meeting_external_id": "EXAMPLE-M1",
        "name": "Alice Martin",
        "side": "internal",
        "attended": "true",
    },
    "action_items": {
        "external_id": "EXAMPLE-A1",
        "client_external_id": "EXAMPLE-C1",
        "meeting_external_id": "EXAMPLE-M1",
        "title": "Send the renewal proposal",
        "owner": "Alice Martin",
        "created_on": "2025-02-11",
        "due_on": "2025-02-28",
        "completed_on": "",
        "visibility": "shared",
        "side": "client",
    },
    "projects": {
        "external_id": "EXAMPLE-P1",
        "client_external_id": "EXAMPLE-C1",
        "name": "Data warehouse migration",
        "start_on": "2025-01-06",
        "end_on": "2025-06-30",
        "budget": "80000",
    },
    "spend": {
        "project_external_id": "EXAMPLE-P1",
        "spent_on": "2025-01-15",
        "amount": "6400",
        "category": "labor",
    },
    "milestones": {
        "external_id": "EXAMPLE-MS1",
        "project_external_id": "EXAMPLE-P1",
        "name": "Source systems mapped",
        "planned_on": "2025-01-31",
        "completed_on": "2025-02-03",
        "weight": "1",
    },
    "surveys": {
        "external_id": "EXAMPLE-S1",
        "client_external_id": "EXAMPLE-C1",
        "responded_on": "2025-01-20",
        "kind": "nps",
        "score": "9",
        "comment": "Great follow-up after the QBR",
    },
    "acquisition_spend": {
        "spent_on": "2025-01-31",
        "channel": "EXAMPLE-Paid search",
        "amount": "5400",
        "segment": "smb",
    },
    "targets": {
        "kpi": "attendance_rate",
        "period": "2025-Q1",
        "value": "0.85",
        "client_external_id": "EXAMPLE-C1",
        "segment": "",
        "note": "Agreed at the QBR",
    },
}


def plain(value: object) -> str:
    """A cell as the text it stands for: workbook dates, numbers and booleans
    read the same as their CSV spelling (2025-01-15, 1250.5, true)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def is_example(entity: str, header: list[str], values: list[object]) -> bool:
    """Whether a row is exactly the entity's example row (cells in `header` order;
    a column the file leaves out must be empty in the example)."""
    example = EXAMPLES[entity]
    cells = dict(zip(header, values, strict=False))
    if any(name not in example for name in header if name):
        return False
    return all(plain(cells.get(name)) == text for name, text in example.items())


def without_example(
    entity: str, header: list[str], rows: Iterator[tuple[int, list[object]]]
) -> Iterator[tuple[int, list[object]]]:
    """The rows, less the first one when it is the unchanged example row."""
    for index, (number, values) in enumerate(rows):
        if index == 0 and entity in BY_NAME and is_example(entity, header, values):
            continue
        yield number, values
