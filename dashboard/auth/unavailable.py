"""A database outage outside the dashboard's callbacks: 503 with a friendly page
(or JSON for the page's scripts), one log line and no traceback."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, make_response, request
from sqlalchemy.exc import SQLAlchemyError

from dashboard.auth.outage import DatabaseDown
from dashboard.auth.pages import html_lang, page_language, page_theme, render
from dashboard.kernel.i18n import translator

log = logging.getLogger(__name__)
MESSAGE = "The database cannot be reached right now. Please try again in a moment."
RETRY_AFTER_SECONDS = "10"
# Requests of the page's scripts get JSON, never HTML.
SCRIPT_PREFIXES = ("/_dash-", "/_reload-hash")


def database_down_response() -> Response:
    """503 with Retry-After: the friendly page in the request's language and
    theme, or JSON for the page's scripts."""
    if request.path.startswith(SCRIPT_PREFIXES):
        response = jsonify(error="the database does not answer; try again shortly")
    else:
        next_path = request.args.get("next") or request.form.get("next") or "/"
        lang = page_language(
            request.args.get("lang") or request.form.get("lang"), next_path
        )
        _ = translator(lang)
        theme = request.args.get("theme") or request.form.get("theme")
        html = render(
            "unavailable.html",
            title=_("Client Review Dashboard"),
            product=_("Client Review Dashboard"),
            html_lang=html_lang(lang),
            theme=page_theme(theme, next_path),
            message=_(MESSAGE),
            back=_("Back to the dashboard"),
            back_href="/?lang=zh" if lang == "zh" else "/",
        )
        response = make_response(html)
        response.headers["Cache-Control"] = "no-store"
    response.status_code = 503
    response.headers["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def _on_database_error(error: Exception) -> Response:
    log.warning(
        "the database does not answer: %s %s answered 503 (%s)",
        request.method,
        request.path,
        type(error).__name__,
    )
    return database_down_response()


def install_outage_handler(server: Flask) -> None:
    """Answer any database failure a view does not handle with 503."""
    server.register_error_handler(SQLAlchemyError, _on_database_error)
    server.register_error_handler(DatabaseDown, _on_database_error)
