"""`targets.csv`: the row rules and the write, keyed by (kpi, period, client or
segment) instead of an external_id (rules: dashboard/kernel/targets.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Connection,
    Table,
    and_,
    case,
    exists,
    func,
    insert,
    literal,
    not_,
    select,
    update,
)

from dashboard.kernel.periods import PeriodError
from dashboard.kernel.targets import (
    kpi_problem,
    period_label,
    scope_problem,
    value_problem,
)
from data.importer.contract import Entity
from data.importer.report import EntityCounts
from data.importer.write import resolved

IMPORTED_BY = "import"  # `set_by` of targets written by an import


def target_row_issues(r: dict, fiscal_start_month: int) -> list[tuple[str, str]]:
    """What is wrong in one checked row; the period label is made canonical."""
    issues: list[tuple[str, str]] = []
    if problem := kpi_problem(r["kpi"]):
        issues.append(("kpi", problem))
    try:
        r["period"] = period_label(r["period"], fiscal_start_month)
    except PeriodError as exc:
        issues.append(("period", str(exc)))
    client, segment = r["client_external_id"], r["segment"]
    if problem := scope_problem(r["kpi"], client=client, segment=segment):
        column = "segment" if segment is not None else "client_external_id"
        issues.append((column, problem))
    known = not issues or issues[0][0] != "kpi"
    if known and (problem := value_problem(r["kpi"], r["value"])):
        issues.append(("value", problem))
    return issues


def describe_target(kpi: str, period: str, client: str | None, segment: str | None):
    """`nps 2026-Q4 of client 'C-001'` for a duplicate-row message."""
    if client is not None:
        whom = f"client {client!r}"
    elif segment is not None:
        whom = f"segment {segment}"
    else:
        whom = "the portfolio"
    return f"{kpi} {period} of {whom}"


def upsert_targets(conn: Connection, entity: Entity, stage: Table) -> EntityCounts:
    """Insert new (kpi, period, client or segment) targets; update the value and
    note of known ones (their version grows by one, set by `import`); leave
    identical ones alone."""
    target = entity.table
    rows = resolved(entity, stage)
    matched = and_(
        target.c.kpi == rows.c.kpi,
        target.c.period == rows.c.period,
        target.c.client_id.is_not_distinct_from(rows.c.client_id),
        target.c.segment.is_not_distinct_from(rows.c.segment),
    )
    same = and_(
        target.c.value == rows.c.value,
        target.c.note.is_not_distinct_from(rows.c.note),
    )
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    counts = EntityCounts(rows=_count(conn, select(stage.c.line)))
    existing, unchanged = conn.execute(
        select(func.count(), func.coalesce(func.sum(case((same, 1), else_=0)), 0))
        .select_from(rows)
        .join(target, matched)
    ).one()
    counts.unchanged = unchanged
    counts.updated = existing - unchanged
    counts.inserted = counts.rows - existing
    if counts.updated:
        conn.execute(
            update(target)
            .values(
                value=rows.c.value,
                note=rows.c.note,
                set_by=IMPORTED_BY,
                set_at=at,
                version=target.c.version + 1,
            )
            .where(matched, not_(same))
        )
    if counts.inserted:
        scope = case(
            (rows.c.client_id.is_not(None), "client"),
            (rows.c.segment.is_not(None), "segment"),
            else_="portfolio",
        )
        names = ["scope", "client_id", "segment", "kpi", "period", "value", "note"]
        fresh = (
            select(
                scope,
                rows.c.client_id,
                rows.c.segment,
                rows.c.kpi,
                rows.c.period,
                rows.c.value,
                rows.c.note,
                literal(IMPORTED_BY),
                literal(at),
                literal(1),
            )
            .where(~exists().where(matched))
            .order_by(rows.c.line)
        )
        names += ["set_by", "set_at", "version"]
        conn.execute(insert(target).from_select(names, fresh))
    return counts


def _count(conn: Connection, query) -> int:
    return conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
