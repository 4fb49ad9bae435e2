"""The report's actions: comments, Finalise, the PDF, and finalised reports
(`/report/snapshots/<id>`) with what changed since; every one within the viewer's
scope, a forged id answered like an unknown one (404)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from flask import Flask, Response, g, make_response, redirect, request
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from dashboard.auth import csrf
from dashboard.auth.context import auth_context
from dashboard.auth.pages import page_response, page_theme
from dashboard.kernel.formatting import format_moment
from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import report_href
from dashboard.reports.commentary import save_commentary
from dashboard.reports.html import render_html, theme_attribute
from dashboard.reports.page import PDF_PATH, Asked, asked_report, may_edit
from dashboard.reports.page import message_page as message
from dashboard.reports.pdf import PdfUnavailable, html_to_pdf
from dashboard.reports.snapshots import changes_since, finalise, snapshot
from dashboard.reports.tools import COMMENT_PATH, FINALISE_PATH, SNAPSHOTS_PATH
from dashboard.services import Services

log = logging.getLogger(__name__)
UNREACHABLE = "The database cannot be reached."


def _editable(services: Services) -> Asked | Response:
    """The report a POST names, when the viewer may edit it; else why not."""
    if not csrf.session_post_is_valid():
        return message("Invalid or missing CSRF token.", "en", 403)
    found = asked_report(services, request.form)
    if isinstance(found, Response):
        return found
    if not may_edit(services, found):
        _ = translator(found.lang)
        return message(_("You may not change this report."), found.lang, 403)
    return found


def _link(found: Asked) -> str:
    """Back to the report in the language and theme its page had."""
    theme = page_theme(request.form.get("theme"), "")
    return report_href(found.clients, found.period, found.lang, found.audience, theme)


def comment_view(services: Services) -> Response:
    """POST /report/comments: store the section comments, back to the report."""
    found = _editable(services)
    if isinstance(found, Response):
        return found
    _ = translator(found.lang)
    assert found.key is not None  # may_edit checked it
    try:
        with services.engine.begin() as conn:
            save_commentary(
                conn, found.key, request.form, by=g.crd_user.username,
                at=auth_context().now(),
            )  # fmt: skip
    except ValueError as exc:
        return message(_(str(exc)), found.lang, 400)
    except SQLAlchemyError:
        return message(_(UNREACHABLE), found.lang, 503)
    return redirect(_link(found), code=303)


def finalise_view(services: Services) -> Response:
    """POST /report/finalise: keep the report as shown now, open the copy."""
    found = _editable(services)
    if isinstance(found, Response):
        return found
    assert found.key is not None  # may_edit checked it
    try:
        snapshot_id = finalise(
            services.engine, found.key, found.report, render_html(found.report),
            by=g.crd_user.username, at=auth_context().now(),
            address=request.remote_addr,
        )  # fmt: skip
    except (SQLAlchemyError, RuntimeError):
        log.warning("a report could not be finalised")
        return message(translator(found.lang)(UNREACHABLE), found.lang, 503)
    theme = page_theme(request.form.get("theme"), "")
    query = "?theme=dark" if theme == "dark" else ""
    return redirect(f"{SNAPSHOTS_PATH}{snapshot_id}{query}", code=303)


def pdf_response(html: str, name: str, lang: str) -> Response:
    """The HTML printed by Chromium as a PDF download, or 503 with one line."""
    try:
        with tempfile.TemporaryDirectory(prefix="crd-pdf-") as folder:
            out = Path(folder) / "report.pdf"
            html_to_pdf(html, out)
            data = out.read_bytes()
    except PdfUnavailable:
        return _text("PDF output needs Chromium on the server.", 503)
    except (RuntimeError, OSError):
        return _text("The PDF could not be printed; try again.", 503)
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _text(line: str, status: int) -> Response:
    response = make_response(line + "\n", status)
    response.headers["Content-Type"] = "text/plain; charset=utf-8"
    return response


def report_pdf_view(services: Services) -> Response:
    """GET /report.pdf?...: the report page's report as a PDF (same scope rules)."""
    found = asked_report(services, request.args)
    if isinstance(found, Response):
        return found
    name = "-".join((*found.clients[:1], found.period, found.audience))
    return pdf_response(render_html(found.report), name or "report", found.lang)


def _snapshot(services: Services, snapshot_id: int):
    try:
        return snapshot(services.engine, snapshot_id, services.current_scope())
    except SQLAlchemyError:
        return None


def snapshot_view(services: Services, snapshot_id: int) -> Response:
    """GET /report/snapshots/<id>: the stored report exactly as finalised, with
    who and when, downloads and what changed in its figures since."""
    found = _snapshot(services, snapshot_id)
    if found is None:
        return message("There is no page at this address. ", "en", 404)
    info, model, html = found
    _ = translator(info.lang)
    args = _Args(
        client=info.client, period=info.period, lang=info.lang, audience=info.audience
    )
    now = asked_report(services, args)
    changes = changes_since(model, now.report) if isinstance(now, Asked) else None
    banner = _banner(info, changes, _)
    theme = theme_attribute(page_theme(request.args.get("theme"), ""))
    html = html.replace("<html ", f"<html{theme} ", 1)
    return page_response(html.replace("<body>", "<body>" + banner, 1))


class _Args(dict):
    """Query values as the report builder reads them (one value per name)."""

    def getlist(self, name: str) -> list[str]:
        return [self[name]] if name in self else []


def _banner(info, changes, _) -> str:
    base = f"{SNAPSHOTS_PATH}{info.id}"
    when = format_moment(info.created_at, info.lang, "UTC")
    head = Markup(
        '<nav class="crd-report-nav crd-snapshot"><p>{}</p><p>'
        '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a></p>'
    ).format(
        _("Finalised by {who} on {when} (version {version})", who=info.created_by,
          when=when, version=info.version),
        base + ".html", _("Download HTML"), base + ".pdf", _("Download PDF"),
        report_href((info.client,), info.period, info.lang, info.audience),
        _("Open the current report"),
    )  # fmt: skip
    if changes is None:
        listed = Markup("<p>{}</p>").format(_("The current figures cannot be read."))
    elif not changes:
        listed = Markup("<p>{}</p>").format(_("No figure has changed since."))
    else:
        rows = Markup("").join(
            Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                c.title, c.then, c.now
            )
            for c in changes
        )
        listed = Markup(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>"
        ).format(_("Figure"), _("Then"), _("Now"), rows)
    title = Markup("<h2>{}</h2>").format(_("What changed since"))
    return str(head + title + listed + Markup("</nav>"))


def snapshot_file_view(services: Services, snapshot_id: int, kind: str) -> Response:
    """GET /report/snapshots/<id>.html|.pdf: the stored report as a download."""
    found = _snapshot(services, snapshot_id)
    if found is None:
        return message("There is no page at this address. ", "en", 404)
    info, _model, html = found
    name = f"{info.client}-{info.period}-{info.audience}-v{info.version}"
    if kind == "pdf":
        return pdf_response(html, name, info.lang)
    response = make_response(html.encode("utf-8"))
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.html"'
    response.headers["Cache-Control"] = "no-store"
    return response


def register_report_routes(server: Flask, services: Services) -> None:
    """Add the comment and finalise POSTs, the PDF and the finalised reports."""
    server.add_url_rule(
        COMMENT_PATH, "report_comments", lambda: comment_view(services),
        methods=["POST"],
    )  # fmt: skip
    server.add_url_rule(
        FINALISE_PATH, "report_finalise", lambda: finalise_view(services),
        methods=["POST"],
    )  # fmt: skip
    server.add_url_rule(PDF_PATH, "report_pdf", lambda: report_pdf_view(services))
    server.add_url_rule(
        SNAPSHOTS_PATH + "<int:snapshot_id>", "report_snapshot",
        lambda snapshot_id: snapshot_view(services, snapshot_id),
    )  # fmt: skip
    server.add_url_rule(
        SNAPSHOTS_PATH + "<int:snapshot_id>.<any(html, pdf):kind>",
        "report_snapshot_file",
        lambda snapshot_id, kind: snapshot_file_view(services, snapshot_id, kind),
    )
