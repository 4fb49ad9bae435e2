"""Changed since the last review: each headline figure of its finalised report
then and now, the action items agreed in it and their status now, the client's
targets met or missed, and the problems that are new since."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Connection, select

from dashboard.figures.card_values import format_value
from dashboard.kernel.catalog import KPI_BY_KEY
from dashboard.kernel.formatting import format_day
from dashboard.kernel.i18n import translator
from dashboard.kernel.periods import Period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kernel.targets import TARGET_KEYS
from dashboard.reports.build import build_report
from dashboard.reports.model import Report
from dashboard.reviews.outcome import Item, agreed_items
from dashboard.reviews.records import ReviewRecord, last_ended_review
from dashboard.reviews.start import client_in_scope
from data.models import Target
from data.models.reports import ReportSnapshot


@dataclass(frozen=True)
class FigureThenNow:
    """One headline figure of the last review's report and now."""

    key: str
    title: str
    then: str  # as written in the finalised report (its language)
    now: str
    changed: bool  # the number moved (or became defined or undefined)


@dataclass(frozen=True)
class ItemNow:
    """An action item agreed at the last review and where it stands today:
    done (on time or late), open (not due yet) or late (open past its due day)."""

    item: Item
    status: str  # done_on_time, done_late, open, late

    def text(self, lang: str) -> str:
        """The status in words."""
        _ = translator(lang)
        due = format_day(self.item.due_on, lang)
        return {
            "done_on_time": _("done on time"),
            "done_late": _("done late"),
            "open": _("open, due {due}", due=due),
            "late": _("late: open, was due {due}", due=due),
        }[self.status]


@dataclass(frozen=True)
class TargetNow:
    """A target of the client for the period and whether it is met now."""

    key: str
    title: str
    target: str
    value: str
    met: bool | None  # None: the figure is undefined


@dataclass(frozen=True)
class SinceLastReview:
    """What changed since the client's last finalised review."""

    review: ReviewRecord
    period: str  # the period the figures are now read for
    figures: tuple[FigureThenNow, ...]
    items: tuple[ItemNow, ...]
    targets: tuple[TargetNow, ...]
    new_problems: tuple[str, ...]


def item_status(item: Item, today: dt.date) -> str:
    """done_on_time, done_late, open or late (by the due day, METRICS.md)."""
    if item.completed_on is not None:
        return "done_on_time" if item.completed_on <= item.due_on else "done_late"
    return "open" if item.due_on >= today else "late"


def target_met(key: str, value: float | None, target: float) -> bool | None:
    """Whether a value meets the target by the KPI's direction (higher: at
    least the target, lower: at most); None for an undefined value."""
    if value is None:
        return None
    if KPI_BY_KEY[key].better == "lower":
        return value <= target
    return value >= target


def _figures(then_json: str, now: Report) -> tuple[FigureThenNow, ...]:
    then = {row["key"]: row for row in json.loads(then_json)["progress"]["kpis"]}
    return tuple(
        FigureThenNow(
            row.key, row.title, then[row.key]["value"], row.value,
            then[row.key]["number"] != row.number,
        )
        for row in now.progress.kpis
        if row.key in then
    )  # fmt: skip


def _targets(
    conn: Connection, client_id: int, now: Report, lang: str, currency: str
) -> tuple[TargetNow, ...]:
    rows = conn.execute(
        select(Target.kpi, Target.value).where(
            Target.client_id == client_id, Target.period == now.period
        )
    ).all()
    by_key = {row.key: row for row in now.progress.kpis}
    found = []
    for kpi, value in sorted(rows):
        row = by_key.get(kpi)
        if row is None or kpi not in TARGET_KEYS:
            continue
        found.append(
            TargetNow(
                kpi, row.title, format_value(kpi, value, lang, currency), row.value,
                target_met(kpi, row.number, value),
            )
        )  # fmt: skip
    return tuple(found)


def _new_problems(then_json: str, now: Report) -> tuple[str, ...]:
    then = {p["rule"] for p in json.loads(then_json)["problems"]}
    return tuple(p.text for p in now.problems if p.rule not in then)


def since_last_review(
    conn: Connection,
    settings: Settings,
    client: str,
    *,
    scope: Scope,
    period: Period,
    lang: str,
    today: dt.date,
) -> SinceLastReview | None:
    """What changed since the client's last finalised review, as the viewer may
    see it (client-safe figures; internal items only for an internal scope);
    None when the client has had no review yet. Figures are read for `period`."""
    client_id, _name = client_in_scope(conn, client, scope)
    last = last_ended_review(conn, client_id)
    if last is None:
        return None
    then_json = conn.execute(
        select(ReportSnapshot.model_json).where(ReportSnapshot.id == last.snapshot_id)
    ).scalar_one_or_none()
    if then_json is None:
        return None
    now = build_report(
        conn, settings=settings, scope=Scope.for_client(client, internal=False),
        period=period, lang=lang, audience="client", clients=(client,),
    )  # fmt: skip
    items = agreed_items(conn, last.meeting_id, internal=scope.internal)
    return SinceLastReview(
        review=last,
        period=now.period,
        figures=_figures(then_json, now),
        items=tuple(ItemNow(i, item_status(i, today)) for i in items),
        targets=_targets(conn, client_id, now, lang, settings.currency),
        new_problems=_new_problems(then_json, now),
    )
