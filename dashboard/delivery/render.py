"""The report one recipient gets: built with their rights (never more than the
owner's), rendered to HTML and printed to a PDF that is checked before it may
be attached."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from dashboard.delivery.pdfcheck import pdf_problem
from dashboard.delivery.recipients import login_scope, recipient_scope
from dashboard.delivery.schedule import Run
from dashboard.delivery.subscriptions import Plan
from dashboard.kernel.settings import Settings
from dashboard.reports.build import build_report
from dashboard.reports.html import render_html
from dashboard.reports.model import Report, ReportError
from dashboard.reports.pdf import PdfUnavailable, html_to_pdf


class CannotRender(ValueError):
    """This recipient cannot be sent this report (rights, unknown client); the
    message is one line for the owner."""


@dataclass(frozen=True)
class Rendered:
    """The report as built, its HTML, and the PDF when it may be attached."""

    report: Report
    html: str
    pdf: bytes | None
    pdf_problem: str | None  # why there is no PDF (then the email links)


def build_for(
    conn: Connection, settings: Settings, plan: Plan, run: Run, recipient: str
) -> Report:
    """The report of this run as the recipient may see it."""
    owner = login_scope(conn, plan.owner_username)
    if owner is None:
        raise CannotRender(f"the schedule's owner {plan.owner_username} has no login")
    scope = recipient_scope(conn, recipient, owner)
    try:
        return build_report(
            conn,
            settings=settings.with_(as_of=run.as_of),
            scope=scope,
            period=run.period,
            lang=plan.lang,
            audience=plan.audience,
            clients=plan.clients,
            owner=plan.owner_book,
        )
    except ReportError as exc:
        raise CannotRender(f"{recipient} may not get this report: {exc}") from None


def print_pdf(html: str) -> tuple[bytes | None, str | None]:
    """(the PDF, None), or (None, why there is none)."""
    with tempfile.TemporaryDirectory(prefix="crd-delivery-") as folder:
        target = Path(folder) / "report.pdf"
        try:
            html_to_pdf(html, target)
        except (PdfUnavailable, RuntimeError, OSError) as exc:
            return None, str(exc) or type(exc).__name__
        return target.read_bytes(), None


def render_for(
    conn: Connection,
    settings: Settings,
    plan: Plan,
    run: Run,
    recipient: str,
    *,
    limit_bytes: int,
    printer=print_pdf,
) -> Rendered:
    """Build, render and print the recipient's report; a PDF that fails the
    checks or the size limit is dropped, with the reason."""
    report = build_for(conn, settings, plan, run, recipient)
    html = render_html(report)
    pdf, problem = printer(html)
    if pdf is not None:
        problem = pdf_problem(pdf, limit_bytes)
        if problem is not None:
            pdf = None
    return Rendered(report=report, html=html, pdf=pdf, pdf_problem=problem)
