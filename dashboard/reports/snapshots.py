"""Finalised reports: an immutable copy of a report's model and HTML, numbered per
report, and what changed in its figures since."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from dashboard.auth import audit
from dashboard.kernel.scope import Scope
from dashboard.reports.commentary import ReportKey, same_report
from dashboard.reports.model import Report
from data.models import Client
from data.models.reports import ReportSnapshot
from data.queries.selection import scope_condition
from data.version import bump_data_version

ATTEMPTS = 8


@dataclass(frozen=True)
class SnapshotInfo:
    """A finalised report as listed: which, which version, who and when."""

    id: int
    client: str
    period: str
    audience: str
    lang: str
    version: int
    created_by: str
    created_at: dt.datetime
    content_hash: str


@dataclass(frozen=True)
class Change:
    """One figure of a finalised report then and now, both as written."""

    title: str
    then: str
    now: str


def model_json(report: Report) -> str:
    """The report's model as JSON (dates as ISO text), keys in a fixed order."""
    return json.dumps(
        dataclasses.asdict(report), ensure_ascii=False, sort_keys=True, default=str
    )


def finalise(
    engine: Engine,
    key: ReportKey,
    report: Report,
    html: str,
    *,
    by: str,
    at: dt.datetime,
    address: str | None = None,
) -> int:
    """Store the report as the next version of its key; audited. Two finalises at
    once cannot share a number: the loser of the unique key tries the next one."""
    for _attempt in range(ATTEMPTS):
        try:
            with engine.begin() as conn:
                version = conn.execute(
                    select(func.coalesce(func.max(ReportSnapshot.version), 0)).where(
                        *same_report(ReportSnapshot, key)
                    )
                ).scalar_one()
                snapshot_id = conn.execute(
                    insert(ReportSnapshot)
                    .values(
                        client=key.client, period=key.period,
                        audience=key.audience, lang=key.lang,
                        version=version + 1, model_json=model_json(report),
                        html=html, created_by=by, created_at=at,
                        content_hash=hashlib.sha256(html.encode()).hexdigest(),
                    )
                    .returning(ReportSnapshot.id)
                ).scalar_one()  # fmt: skip
                audit.record(
                    conn, "report_finalised", at=at, username=by, address=address,
                    detail=f"client={key.client} period={key.period} "
                    f"audience={key.audience} lang={key.lang} version={version + 1}",
                )  # fmt: skip
                bump_data_version(conn)
                return snapshot_id
        except IntegrityError:
            continue
    raise RuntimeError("the report could not be numbered; try again")


def _visible(scope: Scope) -> tuple:
    """What a viewer may open: reports of clients in their scope; only
    client-audience reports without internal figures (a client's login,
    presenting)."""
    where = [
        ReportSnapshot.client.in_(
            select(Client.external_id).where(scope_condition(scope))
        )
    ]
    if not scope.internal:
        where.append(ReportSnapshot.audience == "client")
    return tuple(where)


INFO_COLUMNS = (
    ReportSnapshot.id,
    ReportSnapshot.client,
    ReportSnapshot.period,
    ReportSnapshot.audience,
    ReportSnapshot.lang,
    ReportSnapshot.version,
    ReportSnapshot.created_by,
    ReportSnapshot.created_at,
    ReportSnapshot.content_hash,
)


def snapshot(
    engine: Engine, snapshot_id: int, scope: Scope
) -> tuple[SnapshotInfo, str, str] | None:
    """(info, model JSON, HTML) of a snapshot the viewer may open, else None
    (an unknown id and one outside the scope alike)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(*INFO_COLUMNS, ReportSnapshot.model_json, ReportSnapshot.html).where(
                ReportSnapshot.id == snapshot_id, *_visible(scope)
            )
        ).one_or_none()
    if row is None:
        return None
    return SnapshotInfo(*row[:-2]), row[-2], row[-1]


def history(engine: Engine, client: str, scope: Scope) -> list[SnapshotInfo]:
    """A client's finalised reports the viewer may open, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(*INFO_COLUMNS)
            .where(ReportSnapshot.client == client, *_visible(scope))
            .order_by(ReportSnapshot.created_at.desc(), ReportSnapshot.id.desc())
        ).all()
    return [SnapshotInfo(*row) for row in rows]


def changes_since(then_json: str, now: Report) -> list[Change]:
    """Each figure of the finalised report whose written value differs now."""
    then = {row["key"]: row for row in json.loads(then_json)["progress"]["kpis"]}
    found = []
    for row in now.progress.kpis:
        old = then.get(row.key)
        if old is not None and old["value"] != row.value:
            found.append(Change(title=row.title, then=old["value"], now=row.value))
    return found
