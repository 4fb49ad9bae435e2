"""Helpers for the import and export tests: small files and full table dumps."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select

from data.importer import ImportFailed, import_files
from data.importer.contract import ENTITIES
from data.importer.write import foreign_key
from data.models import ENTITY_TABLES

CLIENTS_HEADER = "external_id,name,segment,onboarded_on,churned_on,churn_reason"
MEETING = "M1,C1,qbr,2025-01-14T10:00:00+01:00,60,held,60,3,2,100.00,4"
ATTENDEES_HEADER = "meeting_external_id,name,side,attended"
ACTIONS_HEADER = (
    "external_id,client_external_id,meeting_external_id,title,owner,"
    "created_on,due_on,completed_on"
)
PROJECTS_HEADER = "external_id,client_external_id,name,start_on,end_on,budget"
PROJECT = "P1,C1,Rollout,2025-01-01,2025-06-30,1000"
SURVEYS_HEADER = "external_id,client_external_id,responded_on,kind,score,comment"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
CLIENTS = "external_id,name,segment,onboarded_on\nC1,Acme,smb,2024-01-01\n"
MEETINGS_HEADER = (
    "external_id,client_external_id,kind,scheduled_start,planned_minutes,status,"
    "actual_minutes,objectives_set,objectives_met,cost,feedback_score"
)


def csv_bytes(*lines: str, bom: bool = False) -> bytes:
    """CSV file content from lines of text, UTF-8, optionally with a BOM."""
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


def sample_files() -> dict[str, bytes]:
    """The files of data/sample, by name."""
    return {path.name: path.read_bytes() for path in sorted(SAMPLE.glob("*.csv"))}


def dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every entity table, ids included, sorted by id."""
    with engine.connect() as conn:
        return {
            table.name: sorted(tuple(row) for row in conn.execute(select(table)))
            for table in ENTITY_TABLES
        }


def contents(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every entity without surrogate ids: references as external_ids.

    Two databases with equal contents hold the same data, whatever ids they gave.
    """
    result = {}
    with engine.connect() as conn:
        for entity in ENTITIES:
            table = entity.table
            columns, joined = [], table
            for column in entity.columns:
                if column.refers_to is None:
                    columns.append(table.c[column.stored_as])
                    continue
                target = next(e for e in ENTITIES if e.name == column.refers_to)
                alias = target.table.alias()
                joined = joined.outerjoin(
                    alias, alias.c.id == table.c[foreign_key(column.name)]
                )
                columns.append(alias.c.external_id)
            rows = conn.execute(select(*columns).select_from(joined))
            result[entity.name] = sorted((tuple(row) for row in rows), key=_sort_key)
    return result


def _sort_key(row: tuple) -> tuple:
    return tuple((value is None, str(value)) for value in row)


def wipe(engine: Engine) -> None:
    """Delete every entity row, children first."""
    with engine.begin() as conn:
        for table in reversed(ENTITY_TABLES):
            conn.execute(delete(table))


def problems_of(engine, files: dict[str, str]) -> list[str]:
    """Import the files (with one valid client C1 unless given); the problems."""
    given = {"clients.csv": CLIENTS} | files
    contents = {name: text.encode("utf-8") for name, text in given.items()}
    with pytest.raises(ImportFailed) as failed:
        import_files(engine, contents, timezone="UTC")
    return [str(problem) for problem in failed.value.problems]


def lines(*rows: str) -> str:
    """CSV text from lines."""
    return "\n".join(rows) + "\n"
