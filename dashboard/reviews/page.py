"""The review page: the agenda (changed since last review, then the client
report's sections) walked item by item, with the capture panels beside it; and
an ended review's outcome. Built only from what the client may see, except the
manager's own entries when not presenting."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy import Connection, select

from dashboard.kernel.catalog import KPI_BY_KEY
from dashboard.kernel.filters import last_complete_period
from dashboard.kernel.formatting import format_day, format_period
from dashboard.kernel.i18n import LANGUAGES, translator
from dashboard.kernel.kpi_text import TITLES
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kernel.targets import PORTFOLIO_ONLY, TARGET_KEYS
from dashboard.kernel.urlstate import client_href
from dashboard.reports.build import build_report
from dashboard.reports.html import render_body
from dashboard.reports.svg_charts import dark_css
from dashboard.reviews import outcome
from dashboard.reviews.changes import SinceLastReview, since_last_review
from dashboard.reviews.records import ReviewRecord
from dashboard.reviews.text import AGENDA, page_text
from data.models import Target

CLIENT_TARGET_KEYS = tuple(k for k in TARGET_KEYS if k not in PORTFOLIO_ONLY)


@functools.cache
def environment() -> Environment:
    """The review templates; every value is HTML-escaped."""
    return Environment(
        loader=PackageLoader("dashboard.reviews", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


@dataclass(frozen=True)
class Viewer:
    """Who looks at the review page and what they may do there."""

    lang: str
    theme: str
    csrf_token: str
    may_edit: bool  # a manager of this client (presenting or not)
    internal: bool  # internal entries shown: an internal viewer, not presenting
    presenting: bool


@dataclass
class Notice:
    """A message over the capture panels: saved, or what is wrong."""

    kind: str  # success, danger, warning
    lines: list[str] = field(default_factory=list)
    panel: str | None = None  # the panel to open
    values: dict[str, str] = field(default_factory=dict)


def _targets(conn: Connection, review: ReviewRecord) -> list[dict]:
    rows = conn.execute(
        select(Target.kpi, Target.period, Target.value, Target.version)
        .where(Target.client_id == review.client_id)
        .order_by(Target.period.desc(), Target.kpi)
        .limit(12)
    ).all()
    return [
        {"kpi": r.kpi, "period": r.period, "value": f"{r.value:g}",
         "version": r.version}
        for r in rows if r.kpi in CLIENT_TARGET_KEYS
    ]  # fmt: skip


def _since(since: SinceLastReview | None, lang: str) -> dict | None:
    """Plain values of what changed since the last review."""
    if since is None:
        return None
    _ = translator(lang)
    state = {True: _("met"), False: _("missed"), None: _("not measurable yet")}
    return {
        "heading": _("Since the review of {period} on {day}",
                     period=format_period(since.review.period, lang),
                     day=format_day(since.review.ended_at, lang)),
        "figures": [(f.title, f.then, f.now, f.changed) for f in since.figures],
        "items": [(i.item.title, i.item.owner, i.text(lang), i.status)
                  for i in since.items],
        "targets_heading": _("Targets for {period}",
                             period=format_period(since.period, lang)),
        "targets": [(t.title, t.target, t.value, state[t.met], t.met)
                    for t in since.targets],
        "problems": list(since.new_problems),
    }  # fmt: skip


def changes_for(
    conn: Connection,
    settings: Settings,
    client: str,
    scope: Scope,
    lang: str,
) -> dict | None:
    """What changed since the client's last review, as plain values (figures
    read for the last complete quarter)."""
    period = last_complete_period(settings.today(), settings.fiscal_year_start_month)
    found = since_last_review(
        conn, settings, client, scope=scope, period=period, lang=lang,
        today=settings.today(),
    )  # fmt: skip
    return _since(found, lang)


def _item(item: outcome.Item, lang: str) -> dict:
    _ = translator(lang)
    return {
        "id": item.id,
        "title": item.title,
        "line": _("owner {owner}, due {due}", owner=item.owner,
                  due=format_day(item.due_on, lang)),
        "side": {"client": _("(client)"), "internal": _("(us)")}.get(item.side, ""),
        "internal": item.visibility == "internal",
        "done": item.completed_on is not None,
    }  # fmt: skip


def render_review(
    conn: Connection,
    settings: Settings,
    review: ReviewRecord,
    viewer: Viewer,
    *,
    step: int,
    now: dt.datetime,
    notice: Notice | None = None,
) -> str:
    """The review page as HTML (an open review: agenda and capture; an ended
    one: its outcome)."""
    lang = viewer.lang
    _ = translator(lang)
    text = page_text(lang)
    client_scope = Scope.for_client(review.client, internal=False)
    step = min(max(step, 0), len(AGENDA) - 1)
    query = ("&lang=zh" if lang == "zh" else "") + (
        "&theme=dark" if viewer.theme == "dark" else ""
    )
    values: dict[str, object] = {
        "review": review,
        "viewer": viewer,
        "text": text,
        "notice": notice,
        "html_lang": "zh-Hans" if lang == "zh" else "en",
        "period": format_period(review.period, lang),
        "started": review.started_at.strftime("%H:%M"),
        "minutes": max(1, round((now - review.started_at).total_seconds() / 60)),
        "people": outcome.people(conn, review.meeting_id),
        "meeting": outcome.meeting_outcome(conn, review.meeting_id),
        "notes": outcome.notes(conn, review.id, internal=viewer.internal),
        "agreed": [
            _item(i, lang)
            for i in outcome.agreed_items(
                conn, review.meeting_id, internal=viewer.internal
            )
        ],
        "languages": {c: n for c, n in LANGUAGES.items() if c != lang},
        "targets": _targets(conn, review),
        "target_titles": {k: _(TITLES.get(k, k)) for k in CLIENT_TARGET_KEYS},
        "target_signs": {
            k: "≤" if KPI_BY_KEY[k].better == "lower" else "≥"
            for k in CLIENT_TARGET_KEYS
        },
        "agenda": [(key, _(title)) for key, title in AGENDA],
        "agenda_titles": {key: _(title) for key, title in AGENDA},
        "client_href": client_href(review.client, lang, viewer.theme),
        "query": query,
        "step": step,
        "dark_css": Markup(dark_css()),
    }
    if review.is_open:
        report = build_report(
            conn, settings=settings, scope=client_scope,
            period=parse_period(review.period, settings.fiscal_year_start_month),
            lang=lang, audience="client", clients=(review.client,),
        )  # fmt: skip
        values |= {
            "body": render_body(report),
            "since": changes_for(conn, settings, review.client, client_scope, lang)
            if step == 0
            else None,
            "open_items": [
                _item(i, lang)
                for i in outcome.open_items(
                    conn, review.client_id, internal=viewer.internal
                )
            ],
            "target_kpis": [(k, _(TITLES.get(k, k))) for k in CLIENT_TARGET_KEYS],
            "next_period": parse_period(review.period).shifted(1).label,
            "sections": [key for key, _title in AGENDA],
        }
    template = "review.html" if review.is_open else "review_outcome.html"
    return environment().get_template(template).render(**values)
