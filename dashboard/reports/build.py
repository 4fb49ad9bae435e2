"""Build the report model from the dashboard's own queries and KPI functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import Connection

from dashboard.figures.card_values import (
    HEADLINE_KEYS,
    format_change,
    format_value,
    target_parts,
)
from dashboard.kernel.catalog import INTERNAL_KEYS, KPI_BY_KEY
from dashboard.kernel.filters import Filters
from dashboard.kernel.formatting import format_day, format_period
from dashboard.kernel.i18n import join_list, translator
from dashboard.kernel.kpi_text import DEFAULT_UNDEFINED_REASON, TITLES
from dashboard.kernel.kpi_text import UNDEFINED_REASONS as REASONS
from dashboard.kernel.periods import Period, Window
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import compute_kpis, kpi_report
from dashboard.kpis.context import KpiContext
from dashboard.kpis.targets import view_targets
from dashboard.metrics.budget import project_figures
from dashboard.metrics.changes import changes
from dashboard.quality.checks import run_checks
from dashboard.quality.summary import appendix_lines
from dashboard.reports import charts, limits, sections
from dashboard.reports.loaders import (
    client_names,
    has_owner,
    health,
    next_meeting,
    trends,
)
from dashboard.reports.matching import matching_rules
from dashboard.reports.model import (
    AUDIENCES,
    Appendix,
    KpiRow,
    NextSteps,
    Progress,
    Report,
    ReportError,
    Summary,
)
from dashboard.reports.problems import find_problems
from dashboard.reports.sentences import summary_sentences
from data.queries.budget import project_inputs
from data.queries.budget_detail import project_milestones, spend_by_category
from data.queries.client_detail import open_action_items
from data.queries.satisfaction_detail import nps_bands

AHEAD_DAYS = 90


# A one-client report shows the client page's figures: not the portfolio's logo
# counts (active, new and lost clients, logo retention and churn: "1, 0, 0"
# says nothing about one client) nor CAC (undefined with a client filter,
# METRICS.md), but the client's meeting cost (internal only).
ONE_CLIENT_LEFT_OUT = frozenset(
    {k for k in HEADLINE_KEYS if KPI_BY_KEY[k].topic == "clients"} | {"cac"}
)
ONE_CLIENT_ADDED = ("meeting_cost",)


def report_keys(audience: str, clients: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The figures of the progress table: the headline cards' figures (for one
    client, the client page's), without the internal-only ones for a client."""
    keys = HEADLINE_KEYS
    if len(clients) == 1:
        keys = (*(k for k in keys if k not in ONE_CLIENT_LEFT_OUT), *ONE_CLIENT_ADDED)
    if audience == "client":
        keys = tuple(k for k in keys if k not in INTERNAL_KEYS)
    return keys


def _subject(names: list[str], owner: str | None, lang: str) -> str:
    _ = translator(lang)
    if names:
        return join_list(names, lang)
    if owner:
        return _("The clients of {owner}", owner=owner)
    return _("All clients")


def _kpi_rows(
    report: dict, year: dict, keys, found, lang: str, currency: str, targets: dict
):
    _ = translator(lang)
    previous = report["previous"]
    rows = []
    for key in keys:
        delta = found[key]
        change = None
        if delta.direction is not None:
            change = (
                _("new")
                if delta.value is None
                else format_change(delta.value, delta.unit, lang)
            )
        value = report.get(key)
        reason = None
        if value is None:
            reason = _(REASONS.get(key, DEFAULT_UNDEFINED_REASON))
        target, status = target_parts(key, value, targets.get(key), lang, currency)
        rows.append(
            KpiRow(
                key=key,
                title=_(TITLES[key]),
                value=format_value(key, value, lang, currency),
                previous=format_value(key, previous.get(key), lang, currency),
                change=change,
                verdict=delta.verdict if change else None,
                year_earlier=format_value(key, year.get(key), lang, currency),
                undefined_reason=reason,
                number=value,
                target=target,
                target_status=status,
            )
        )
    return tuple(rows)


def _data_issues(conn, settings, filters, scope, lang) -> tuple[str, ...] | None:
    """The failing data-quality checks for an internal report; None for a
    client-facing one (a client's report, presenting)."""
    if not scope.internal:
        return None
    found = run_checks(conn, settings=settings, filters=filters, scope=scope)
    return appendix_lines(found, lang)


def build_report(
    conn: Connection,
    *,
    settings: Settings,
    scope: Scope,
    period: Period,
    lang: str,
    audience: str,
    clients: tuple[str, ...] = (),
    owner: str | None = None,
) -> Report:
    """The report for the clients (or the owner's book, or all) the viewer's
    `scope` may see; raise ReportError for a request it cannot serve."""
    _ = translator(lang)
    if audience not in AUDIENCES:
        raise ReportError(f"audience {audience!r} is not one of client, internal")
    if audience == "internal" and not scope.internal:
        raise ReportError("this login may only see the client report")
    if audience == "client" and len(clients) != 1:
        raise ReportError("a report for a client names exactly one client")
    scope = replace(scope, internal=scope.internal and audience == "internal")
    names = client_names(conn, scope, clients, owner)
    unknown = [c for c in clients if c not in names]
    if unknown:
        raise ReportError(f"unknown client {', '.join(unknown)}")
    if owner is not None and not has_owner(conn, scope, owner):
        raise ReportError(f"unknown owner {owner!r}")
    currency = settings.currency
    filters = Filters(period=period, clients=tuple(clients), owner=owner)
    ctx = KpiContext.for_period(settings, filters, scope)
    as_of, t = ctx.as_of, ctx.t
    keys = report_keys(audience, tuple(clients))
    report = kpi_report(conn, settings=settings, filters=filters, scope=scope)
    year_ctx = ctx.year_before()
    year = compute_kpis(conn, year_ctx, keys)
    previous_label = report["previous"]["period"]
    found = changes({k: report[k] for k in (*keys, "time_elapsed")}, report["previous"])
    found.pop("time_elapsed")
    scored = (None, None)
    if audience == "internal":
        scored = health(conn, settings, filters, scope, lang)
    period_text = format_period(period.label, lang)
    opening = _(
        "This report covers {subject} for {period}, from {start} to {end}.",
        subject=_subject([names[c] for c in clients], owner, lang),
        period=period_text,
        start=format_day(ctx.window.start, lang),
        end=format_day(t, lang),
    )
    inputs = project_inputs(conn=conn, filters=filters, scope=scope, window=ctx.window)
    figures = project_figures(inputs, t)
    milestones = project_milestones(
        conn=conn, filters=filters, scope=scope, window=ctx.window
    )
    counts = sections.milestone_counts(milestones, t)
    projects = limits.worst_first(
        sections.project_rows(figures, counts, names, lang, currency), len(clients)
    )
    items = open_action_items(conn=conn, filters=filters, scope=scope, as_of=as_of)
    actions = sections.action_rows(items, as_of, lang)
    bands = nps_bands(
        conn=conn, filters=filters, scope=scope, windows={"p": ctx.window}
    )
    ahead = Window(as_of, as_of + dt.timedelta(days=AHEAD_DAYS))
    upcoming = project_milestones(conn=conn, filters=filters, scope=scope, window=ahead)
    problems = find_problems(
        found=[found[k] for k in keys],
        report=report,
        projects=projects,
        detractors=int(bands.loc["p", "detractors"]),
        actions=actions,
        settings=settings,
        lang=lang,
    )
    full = Report(
        subject=_subject([names[c] for c in clients], owner, lang),
        client_ids=tuple(clients),
        period=period_text,
        previous_period=format_period(previous_label, lang),
        year_earlier_period=format_period(year_ctx.filters.period.label, lang),
        lang=lang,
        audience=audience,  # type: ignore[arg-type]
        summary=Summary(
            health_score=scored[0],
            health_band=scored[1],
            sentences=summary_sentences(
                (found[k] for k in keys),
                opening=opening,
                previous_period=previous_label,
                lang=lang,
                currency=currency,
            ),
        ),
        progress=Progress(
            kpis=_kpi_rows(
                report,
                year,
                keys,
                found,
                lang,
                currency,
                view_targets(conn, filters=filters, scope=scope),
            ),
            trends=trends(conn, settings, filters, scope, report, lang),
            projects=tuple(row for row, _client in projects),
            allocation=charts.allocation(
                spend_by_category(
                    conn=conn, filters=filters, scope=scope, window=ctx.window
                ),
                lang,
                currency,
            ),
            schedule=charts.schedule(
                inputs, milestones, t, names, lang, with_client=len(clients) != 1
            ),
        ),
        problems=problems,
        next_steps=NextSteps(
            actions=tuple(actions),
            milestones=tuple(
                sections.upcoming_milestones(upcoming, as_of, ahead.t, lang)
            ),
            next_meeting=next_meeting(conn, settings, filters, scope, lang),
        ),
        appendix=Appendix(
            definitions=sections.definitions(keys, lang),
            samples=sections.samples(report, keys, lang),
            filters=_subject([names[c] for c in clients], owner, lang),
            timezone=settings.timezone,
            as_of=format_day(as_of, lang),
            window=_(
                "{start} to {end}",
                start=format_day(ctx.window.start, lang),
                end=format_day(t, lang),
            ),
            thresholds=sections.thresholds(settings, lang),
            matching=matching_rules(lang),
            data_issues=_data_issues(conn, settings, filters, scope, lang),
        ),
    )
    return limits.shorten(full, filters)
