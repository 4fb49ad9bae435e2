"""Row rules: the header, every cell, and the rules between columns of one row."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from functools import partial

from data.controls import control_problem
from data.importer.cells import CellError, parser_for
from data.importer.contract import (
    DEFAULT_MILESTONE_WEIGHT,
    DEFAULT_VISIBILITY,
    SURVEY_SCORE_RANGES,
    Entity,
)
from data.importer.targets import target_row_issues

Issue = tuple[str | None, str]  # (column or None, what is wrong)


def header_issues(entity: Entity, header: list[str]) -> list[Issue]:
    """Empty, duplicate, unknown and missing required columns of a header row."""
    issues: list[Issue] = []
    known = set(entity.column_names)
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if name == "":
            issues.append((None, f"column {position} of the header has no name"))
        elif name in seen:
            issues.append((name, "appears twice in the header"))
        elif name not in known:
            issues.append(
                (name, f"unknown column; {entity.file_name} has {_listed(entity)}")
            )
        seen.add(name)
    if len(header) == 1 and ";" in header[0]:
        issues.append((None, "the header looks ';'-separated; use ',' between columns"))
    for name in entity.required:
        if name not in seen:
            issues.append((name, "required column is missing from the header"))
    return issues


def _listed(entity: Entity) -> str:
    return ", ".join(entity.column_names)


class RowChecker:
    """Turns one row's cells into a staging record and the row's issues."""

    def __init__(
        self,
        entity: Entity,
        header: list[str],
        tz: zoneinfo.ZoneInfo,
        *,
        pad_short: bool = False,
        fiscal_start_month: int = 1,
    ):
        # A CSV row must have a value (maybe empty) per column; workbook rows end
        # at their last non-empty cell, so they are padded.
        self.pad_short = pad_short
        self.entity = entity
        self.width = len(header)
        index = {name: i for i, name in enumerate(header) if name}
        self.cells = [
            (index[c.name], c.name, c.stored_as, c.required, parser_for(c, tz))
            for c in entity.columns
            if c.name in index
        ]
        self.absent = [c.stored_as for c in entity.columns if c.name not in index]
        self.stored = [c.stored_as for c in entity.columns]
        self.complete = all(name in index for name in entity.required)
        self.rules = ROW_RULES.get(entity.name)
        if entity.name == "targets":
            # Period labels are read with the fiscal year the dashboard uses.
            self.rules = partial(
                target_row_issues, fiscal_start_month=fiscal_start_month
            )

    def check(self, values: list[object]) -> tuple[dict[str, object], list[Issue]]:
        """The record (stored column names -> values) and what is wrong in the row."""
        issues: list[Issue] = []
        count = len(values)
        if count != self.width:
            extra = values[self.width :]
            short = count < self.width and not self.pad_short
            if short or any(v != "" for v in extra):
                # The values may be shifted: checking them one by one would mislead.
                message = f"has {count} values but the header has {self.width}"
                return dict.fromkeys(self.stored), [(None, message)]
            values = (values + [""] * self.width)[: self.width]
        record: dict[str, object] = dict.fromkeys(self.absent)
        for position, name, stored, required, parse in self.cells:
            raw = values[position]
            if raw == "" or raw is None:
                record[stored] = None
                if required:
                    issues.append((name, "is required but empty"))
                continue
            if type(raw) is str and (problem := control_problem(raw, in_text=True)):
                # PostgreSQL cannot store NUL; no control character belongs in data.
                record[stored] = None
                issues.append((name, problem))
                continue
            try:
                record[stored] = parse(raw)
            except CellError as exc:
                record[stored] = None
                issues.append((name, str(exc)))
        if not issues and self.complete and self.rules is not None:
            issues.extend(self.rules(record))
        return record, issues


def _clients(r: dict) -> list[Issue]:
    issues: list[Issue] = []
    churned = r["churned_on"]
    if churned is not None and churned <= r["onboarded_on"]:
        issues.append(("churned_on", "must be after onboarded_on"))
    if r["churn_reason"] is not None and churned is None:
        issues.append(("churn_reason", "is only allowed when churned_on is given"))
    return issues


def _meetings(r: dict) -> list[Issue]:
    issues: list[Issue] = []
    held = r["status"] == "held"
    if held and r["actual_minutes"] is None:
        issues.append(("actual_minutes", "is required when status is held"))
    elif not held and r["actual_minutes"] is not None:
        issues.append(("actual_minutes", f"must be empty when status is {r['status']}"))
    met, planned = r["objectives_met"], r["objectives_set"]
    if met is not None:
        if planned is None:
            issues.append(("objectives_met", "needs objectives_set"))
        elif met > planned:
            issues.append(("objectives_met", "must not exceed objectives_set"))
    return issues


def _action_items(r: dict) -> list[Issue]:
    issues: list[Issue] = []
    if r["due_on"] < r["created_on"]:
        issues.append(("due_on", "must not be before created_on"))
    if r["completed_on"] is not None and r["completed_on"] < r["created_on"]:
        issues.append(("completed_on", "must not be before created_on"))
    if r["visibility"] is None:
        r["visibility"] = DEFAULT_VISIBILITY
    return issues


def _projects(r: dict) -> list[Issue]:
    if r["end_on"] < r["start_on"]:
        return [("end_on", "must not be before start_on")]
    return []


def _milestones(r: dict) -> list[Issue]:
    if r["weight"] is None:
        r["weight"] = DEFAULT_MILESTONE_WEIGHT
    return []


def _surveys(r: dict) -> list[Issue]:
    low, high = SURVEY_SCORE_RANGES[r["kind"]]
    if not low <= r["score"] <= high:
        return [("score", f"must be {low} to {high} for a {r['kind']} survey")]
    return []


ROW_RULES: dict[str, Callable[[dict], list[Issue]]] = {
    "clients": _clients,
    "meetings": _meetings,
    "action_items": _action_items,
    "projects": _projects,
    "milestones": _milestones,
    "surveys": _surveys,
}
