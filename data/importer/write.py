"""Writing staged rows: upsert by external_id, or replace what a file covers."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Table,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    not_,
    select,
    update,
)
from sqlalchemy.sql import Subquery

from data.importer.contract import BY_NAME, Entity
from data.importer.report import EntityCounts


def foreign_key(column_name: str) -> str:
    """The model column a reference column lands in: client_external_id -> client_id."""
    return column_name.removesuffix("_external_id") + "_id"


def resolved(entity: Entity, stage: Table) -> Subquery:
    """The staged rows with references turned into ids, named as the model's columns."""
    columns = [stage.c.line]
    joined = stage
    for column in entity.columns:
        value = stage.c[column.stored_as]
        if column.refers_to is None:
            columns.append(value)
            continue
        target = BY_NAME[column.refers_to].table.alias(f"ref_{column.refers_to}")
        joined = joined.join(
            target, target.c.external_id == value, isouter=not column.required
        )
        columns.append(target.c.id.label(foreign_key(column.name)))
    return select(*columns).select_from(joined).subquery("staged")


def _count(conn: Connection, query) -> int:
    return conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def upsert(conn: Connection, entity: Entity, stage: Table) -> EntityCounts:
    """Insert new external_ids, update changed rows, leave identical rows alone."""
    target = entity.table
    rows = resolved(entity, stage)
    names = [c.name for c in rows.c if c.name != "line"]
    data = [name for name in names if name != "external_id"]
    matched = rows.c.external_id == target.c.external_id
    same = and_(*[target.c[n].is_not_distinct_from(rows.c[n]) for n in data])
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
            .values({name: rows.c[name] for name in data})
            .where(matched, not_(same))
        )
    if counts.inserted:
        fresh = select(*[rows.c[n] for n in names]).order_by(rows.c.line)
        if existing:  # else every staged row is new: no need to look each one up
            fresh = fresh.where(~exists().where(matched))
        conn.execute(insert(target).from_select(names, fresh))
    return counts


def replace_attendees(conn: Connection, entity: Entity, stage: Table) -> EntityCounts:
    """Each meeting in the file gets exactly the file's attendee list."""
    target = entity.table
    rows = resolved(entity, stage)
    person = and_(
        target.c.meeting_id == rows.c.meeting_id,
        target.c.side == rows.c.side,
        target.c.name == rows.c.name,
    )
    counts = EntityCounts(rows=_count(conn, select(stage.c.line)))
    existing = _count(conn, select(rows.c.line).join(target, person))
    counts.unchanged = _count(
        conn,
        select(rows.c.line)
        .join(target, person)
        .where(target.c.attended == rows.c.attended),
    )
    counts.updated = existing - counts.unchanged
    counts.inserted = counts.rows - existing
    listed = target.c.meeting_id.in_(select(rows.c.meeting_id))
    dropped = listed & ~exists().where(person)
    counts.deleted = _count(conn, select(target.c.id).where(dropped))
    if counts.deleted:
        conn.execute(delete(target).where(dropped))
    if counts.updated:
        conn.execute(
            update(target)
            .values(attended=rows.c.attended)
            .where(person, target.c.attended != rows.c.attended)
        )
    if counts.inserted:
        names = ["meeting_id", "name", "side", "attended"]
        fresh = (
            select(*[rows.c[n] for n in names])
            .where(~exists().where(person))
            .order_by(rows.c.line)
        )
        conn.execute(insert(target).from_select(names, fresh))
    return counts


def replace_covered(
    conn: Connection, entity: Entity, stage: Table, metadata: MetaData
) -> EntityCounts:
    """Spend rows: the file replaces the stored rows in the date range it covers.

    For spend the range is per project (min..max spent_on of that project's rows);
    for acquisition spend it is the file's min..max spent_on. Rows are matched as a
    multiset, so identical rows stay untouched and only the difference is written.
    """
    target = entity.table
    rows = resolved(entity, stage)
    scope = ["project_id"] if "project_id" in rows.c else []
    keys = [c.name for c in rows.c if c.name not in ("line", *scope)]
    spans = (
        select(
            *[rows.c[n] for n in scope],
            func.min(rows.c.spent_on).label("first_day"),
            func.max(rows.c.spent_on).label("last_day"),
        )
        .group_by(*[rows.c[n] for n in scope])
        .subquery("spans")
    )
    in_span = and_(
        target.c.spent_on.between(spans.c.first_day, spans.c.last_day),
        *[target.c[n] == spans.c[n] for n in scope],
    )
    group = [*scope, *keys]
    prefix = f"import_{entity.name}"
    incoming = _numbered(conn, metadata, f"{prefix}_incoming", rows, group, "line")
    stored_rows = (
        select(target.c.id, *[target.c[n] for n in group])
        .join(spans, in_span)
        .subquery("stored_rows")
    )
    stored = _numbered(conn, metadata, f"{prefix}_stored", stored_rows, group, "id")
    pair = and_(
        incoming.c.rn == stored.c.rn,
        *[incoming.c[n].is_not_distinct_from(stored.c[n]) for n in group],
    )
    counts = EntityCounts(rows=_count(conn, select(stage.c.line)))
    counts.unchanged = _count(conn, select(incoming.c.rn).join(stored, pair))
    counts.inserted = counts.rows - counts.unchanged
    gone = select(stored.c.id).where(~exists().where(pair))
    counts.deleted = _count(conn, gone)
    if counts.deleted:
        conn.execute(delete(target).where(target.c.id.in_(gone)))
    if counts.inserted:
        fresh = (
            select(*[incoming.c[n] for n in group])
            .where(~exists().where(pair))
            .order_by(incoming.c.id)
        )
        conn.execute(insert(target).from_select(group, fresh))
    return counts


def _numbered(
    conn: Connection,
    metadata: MetaData,
    name: str,
    rows: Subquery,
    group: list[str],
    order: str,
) -> Table:
    """Materialise rows with a number within each group of equal values.

    `id` holds the `order` column (the file line, or the stored row's id).
    """
    table = Table(
        name,
        metadata,
        *[Column(n, rows.c[n].type) for n in group],
        Column("id", Integer),
        Column("rn", Integer),
        prefixes=["TEMPORARY"],
    )
    table.create(conn)
    values = [rows.c[n] for n in group]
    number = func.row_number().over(partition_by=values, order_by=rows.c[order])
    row_id = rows.c[order].label("id")  # file line or stored id: the row order
    columns = [*values, row_id, number]
    names = [*group, "id", "rn"]
    conn.execute(insert(table).from_select(names, select(*columns)))
    return table
