"""Keep the rollup tables right: `refresh_rollups` in the transaction of every write.

For the clients given (or all), the rollup rows are deleted and aggregated again
from the raw rows: day rows first, then month rows summed from the day rows. A
one-client refresh touches that client's rows only, so a review capture stays
fast. Meetings are bucketed by local start date in the rollups' time zone (the
one stored in `rollup_state`, or the one given, which rebuilds everything when it
changes).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Collection, Iterable

from sqlalchemy import (
    Connection,
    Date,
    Table,
    and_,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    true,
)
from sqlalchemy.sql.elements import ColumnElement

from data.models import (
    ROLLUP_TABLES,
    ActionItem,
    Invoice,
    Meeting,
    Project,
    RollupActionItems,
    RollupMeetings,
    RollupRevenue,
    RollupSpend,
    RollupSpendCategories,
    RollupState,
    RollupSurveys,
    Spend,
    SurveyResponse,
)
from data.models.rollups import DAY, KEY_COLUMNS, MONTH, sum_columns
from data.queries.meetings import count_where
from data.queries.satisfaction import survey_count_columns
from data.queries.visibility import SHARED
from data.rollup_meetings import meeting_days
from data.version import bump_data_version, record_rollup_change

DEFAULT_TIMEZONE = "UTC"
CHUNK_CLIENTS = 500  # ids per IN list (SQLite limits bound parameters)
# Writes a rollup's day rows for some clients (None: all), in a time zone.
DayRows = Callable[[Connection, list[int] | None, str], None]


def refresh_rollups(
    conn: Connection,
    client_ids: Iterable[int] | None,
    *,
    timezone: str | None = None,
    tables: Collection[str] | None = None,
    bump: bool = True,
) -> None:
    """Aggregate the rollups again for these clients (None: all), in the caller's
    transaction. `timezone` (default: the rollups' own, else UTC) buckets the
    meetings; a new one rebuilds every client. `tables` names the rollups to
    refresh (default: all; a migration fills those it creates). Refreshes of
    concurrent writes wait for each other (PostgreSQL: the state row is locked
    until commit). The data version moves with them (once per transaction), so
    views are computed again, and the version records the clients refreshed,
    whose rollup rows a server holding them reads again
    (data/queries/held_rollups.py); `bump` false does neither (a migration that
    fills new rollups, which nothing has read yet)."""
    if bump:
        bump_data_version(conn)
    chosen = [t for t in ROLLUP_TABLES if tables is None or t.name in tables]
    stored = conn.execute(
        select(RollupState.timezone).where(RollupState.id == 1).with_for_update()
    ).scalar_one_or_none()
    wanted = timezone or stored or DEFAULT_TIMEZONE
    zoneinfo.ZoneInfo(wanted)  # an unknown zone fails before anything is written
    if wanted != stored:
        client_ids = None
        _store_timezone(conn, wanted, exists=stored is not None)
    ids = None if client_ids is None else sorted(set(client_ids))
    if bump:
        record_rollup_change(conn, ids)
    if ids is None:
        _refresh(conn, chosen, None, wanted)
        return
    for start in range(0, len(ids), CHUNK_CLIENTS):
        _refresh(conn, chosen, ids[start : start + CHUNK_CLIENTS], wanted)


def _store_timezone(conn: Connection, timezone: str, *, exists: bool) -> None:
    table = RollupState.__table__
    if exists:
        conn.execute(table.update().where(table.c.id == 1).values(timezone=timezone))
    else:
        conn.execute(table.insert().values(id=1, timezone=timezone))


def _refresh(
    conn: Connection, tables: list[Table], ids: list[int] | None, timezone: str
) -> None:
    for table in tables:
        conn.execute(delete(table).where(_of_clients(table.c.client_id, ids)))
    for table in tables:
        DAY_ROWS[table.name](conn, ids, timezone)
    for table in tables:
        _months_from_days(conn, table, ids)


def _of_clients(column: ColumnElement, ids: list[int] | None) -> ColumnElement[bool]:
    return true() if ids is None else column.in_(ids)


def month_start(conn: Connection, day: ColumnElement) -> ColumnElement:
    """SQL: the first day of the day's month."""
    if conn.dialect.name == "sqlite":
        return func.date(day, "start of month")
    return cast(func.date_trunc("month", day), Date)


def _months_from_days(conn: Connection, table: Table, ids: list[int] | None) -> None:
    keys = [c for c in table.c if c.name in KEY_COLUMNS]
    measures = sum_columns(table)
    month = month_start(conn, table.c.day)
    days = (
        select(
            literal(MONTH).label("grain"),
            month.label("day"),
            *keys,
            *[func.sum(c).label(c.name) for c in measures],
        )
        .where(table.c.grain == DAY, _of_clients(table.c.client_id, ids))
        .group_by(month, *keys)
    )
    names = ["grain", "day", *(c.name for c in keys), *(c.name for c in measures)]
    conn.execute(insert(table).from_select(names, days))


def _meeting_days(conn: Connection, ids: list[int] | None, timezone: str) -> None:
    meeting_days(conn, _of_clients(Meeting.client_id, ids), ids, timezone)


def _insert_days(
    conn: Connection,
    table: Table,
    ids: list[int] | None,
    *,
    day: ColumnElement,
    client: ColumnElement,
    measures: dict[str, ColumnElement],
    keys: tuple[ColumnElement, ...] = (),
    join: tuple[Table, ColumnElement] | None = None,
) -> None:
    """Write `table`'s day rows for these clients (None: all): per `day`,
    `client` and `keys` (columns named as the table's), the `measures` by name."""
    rows = select(literal(DAY), day, client, *keys, *measures.values())
    if join is not None:
        rows = rows.join(*join)
    rows = rows.where(_of_clients(client, ids)).group_by(day, client, *keys)
    names = ["grain", "day", "client_id", *(k.key for k in keys), *measures]
    conn.execute(insert(table).from_select(names, rows))


def _revenue_days(conn: Connection, ids: list[int] | None, timezone: str) -> None:
    _insert_days(
        conn,
        RollupRevenue.__table__,
        ids,
        day=Invoice.issued_on,
        client=Invoice.client_id,
        measures={"amount_cents": func.sum(Invoice.amount_cents)},
    )


def _survey_days(conn: Connection, ids: list[int] | None, timezone: str) -> None:
    _insert_days(
        conn,
        RollupSurveys.__table__,
        ids,
        day=SurveyResponse.responded_on,
        client=SurveyResponse.client_id,
        measures={c.name: c for c in survey_count_columns()},
    )


def _action_item_days(conn: Connection, ids: list[int] | None, timezone: str) -> None:
    completed = ActionItem.completed_on
    on_time = completed <= ActionItem.due_on
    shared = ActionItem.visibility == SHARED
    _insert_days(
        conn,
        RollupActionItems.__table__,
        ids,
        day=ActionItem.due_on,
        client=ActionItem.client_id,
        measures={
            "due": func.count(),
            "completed": func.count(completed),
            "on_time": count_where(on_time),
            "shared_due": count_where(shared),
            "shared_completed": count_where(and_(shared, completed.is_not(None))),
            "shared_on_time": count_where(and_(shared, on_time)),
        },
    )


def _spend_days(table: Table, *keys: ColumnElement) -> DayRows:
    """What writes `table`'s day rows: Σ spend cents per day, the project's
    client and `keys` (columns of `spend` named as the table's)."""

    def write(conn: Connection, ids: list[int] | None, timezone: str) -> None:
        _insert_days(
            conn,
            table,
            ids,
            day=Spend.spent_on,
            client=Project.client_id,
            measures={"amount_cents": func.sum(Spend.amount_cents)},
            keys=keys,
            join=(Project, Project.id == Spend.project_id),
        )

    return write


# Per rollup table: what writes its day rows from the raw rows (for the clients
# given, None: all; meeting days in the time zone given).
DAY_ROWS: dict[str, DayRows] = {
    RollupMeetings.__tablename__: _meeting_days,
    RollupRevenue.__tablename__: _revenue_days,
    RollupSurveys.__tablename__: _survey_days,
    RollupActionItems.__tablename__: _action_item_days,
    RollupSpend.__tablename__: _spend_days(RollupSpend.__table__, Spend.project_id),
    RollupSpendCategories.__tablename__: _spend_days(
        RollupSpendCategories.__table__, Spend.category
    ),
}
