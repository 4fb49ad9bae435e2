"""/data/quality and /data/quality/<check>.csv: the checks for the viewer's scope
and the dashboard's filters (the page's query), for admins, managers and account
managers (their own clients); never for a client's login or while presenting."""

from __future__ import annotations

from flask import Flask, Response, abort, g, request

from callbacks.resolved_view import resolve_view
from dashboard.auth import audit
from dashboard.auth.clock import utc_now
from dashboard.auth.pages import html_lang, page_response, render
from dashboard.auth.roles import ROLES_WHO_PRESENT, own_scope
from dashboard.boundary.requests import refused
from dashboard.downloads import NOTHING, filters_text
from dashboard.kernel.i18n import translator
from dashboard.kernel.quality_text import CHECKS, QUALITY_PATH
from dashboard.kernel.urlstate import DEFAULT_TAB, to_query
from dashboard.quality import text
from dashboard.quality.checks import check_rows, run_checks
from dashboard.services import Services
from data.table_files import csv_bytes

PREVIEW_ROWS = 20


def _viewer():
    """The logged-in admin, manager or account manager, not presenting; else 403."""
    user = g.get("crd_user")
    if user is None or user.role not in ROLES_WHO_PRESENT or user.is_presenting:
        abort(403)
    return user


def _view(services: Services, conn, user):
    query = request.query_string.decode("utf-8", "replace")
    scope = own_scope(user)
    settings = services.settings
    return scope, resolve_view(query, conn=conn, scope=scope, settings=settings)


def _check_rows(quality, conn, services, view, scope, lang) -> list[dict]:
    rows = []
    # The failing checks first (most severe first, as CHECKS lists them).
    for result in sorted(quality.checks, key=lambda check: not check.failed):
        preview = None
        if result.failed:
            frame = check_rows(
                conn, result.check, settings=services.settings,
                filters=view.filters, scope=scope, limit=PREVIEW_ROWS,
            )  # fmt: skip
            preview = {
                "columns": [text.column_label(c, lang) for c in frame.columns],
                "rows": [
                    [
                        text.cell_text(c, v, lang)
                        for c, v in zip(frame.columns, row, strict=True)
                    ]
                    for row in frame.itertuples(index=False)
                ],
            }
        rows.append(
            {
                "id": result.check,
                "severity": result.severity,
                "severity_text": text.severity_label(result.severity, lang),
                "title": text.check_title(result.check, lang),
                "explanation": text.check_explanation(result.check, lang),
                "count": result.count,
                "kpis": text.kpi_titles(result.kpis, lang),
                "preview": preview,
            }
        )
    return rows


def _feed_rows(quality, lang: str) -> list[dict]:
    words = text.page_text(lang)
    return [
        {
            "name": text.feed_label(feed.feed, lang),
            "newest": text.cell_text("newest_row_on", feed.newest, lang),
            "age": text.NONE if feed.age_days is None else feed.age_days,
            "limit": feed.limit_days,
            "quiet": feed.quiet,
            "status": words["quiet"] if feed.quiet
            else words["no_rows"] if feed.newest is None else words["fine"],
        }
        for feed in quality.feeds
    ]  # fmt: skip


def quality_page(services: Services) -> Response:
    """GET /data/quality: every check with its severity, rows and figures."""
    user = _viewer()
    with services.engine.connect() as conn:
        scope, view = _view(services, conn, user)
        lang, theme = view.lang, view.theme
        _ = translator(lang)
        checks, feeds, summary = [], [], ""
        if view.filters is not None:
            quality = run_checks(
                conn, settings=services.settings, filters=view.filters, scope=scope
            )
            checks = _check_rows(quality, conn, services, view, scope, lang)
            feeds = _feed_rows(quality, lang)
            summary = text.summary_line(len(quality.failed), len(CHECKS), lang)
    filters_only = view.state.with_(period=None, tab=DEFAULT_TAB)
    html = render(
        "quality.html",
        title=_("Data quality"),
        html_lang=html_lang(lang), theme=theme, lang=lang,
        back_href="/" + to_query(view.state.with_()),
        csv_query=to_query(filters_only), checks=checks, feeds=feeds,
        summary=summary, notices=[_(m, **v) for m, v in view.notices],
        as_of=_("As of {date}", date=text.cell_text("as_of", view.as_of, lang)),
        text=text.page_text(lang),
    )  # fmt: skip
    return page_response(html)


def rows_csv(services: Services, check: str) -> Response:
    """GET /data/quality/<check>.csv: the check's rows within the scope, audited."""
    user = _viewer()
    if check not in CHECKS:
        return refused(404, "there is no such check")
    with services.engine.connect() as conn:
        scope, view = _view(services, conn, user)
        if view.filters is None or view.notices:
            message, values = (view.notices or ((NOTHING, {}),))[0]
            return refused(400, translator(view.lang)(message, **values))
        frame = check_rows(
            conn, check, settings=services.settings, filters=view.filters, scope=scope
        )
    with services.engine.begin() as conn:
        audit.record(
            conn, "export", at=utc_now(), username=user.username,
            address=request.remote_addr,
            detail=f"data quality check={check} {filters_text(view.filters)}"
            f" rows={len(frame)}",
        )  # fmt: skip
    return Response(
        csv_bytes(frame),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{check}.csv"'},
    )


def register_quality_pages(server: Flask, services: Services) -> None:
    """Add the data-quality page and its downloads."""
    server.add_url_rule(QUALITY_PATH, "data_quality", lambda: quality_page(services))
    server.add_url_rule(
        QUALITY_PATH + "/<check>.csv",
        "data_quality_rows",
        lambda check: rows_csv(services, check),
    )
