"""A client's finalised reports on its page: newest first, each a link to its copy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dash import html

from dashboard.kernel.formatting import format_moment, format_period
from dashboard.kernel.i18n import translator
from layouts import ids


@dataclass(frozen=True)
class HistoryEntry:
    """A finalised report of the client, as its history lists it."""

    period: str
    audience: str
    lang: str
    version: int
    created_by: str
    created_at: dt.datetime
    href: str


def report_history(entries: Sequence[HistoryEntry], lang: str) -> html.Div:
    """The client's finalised reports, newest first, each a link to its copy."""
    _ = translator(lang)
    audiences = {"client": _("for the client"), "internal": _("internal")}
    items = [
        html.Li(
            html.A(
                _(
                    "{period} · {audience} · {lang} · version {version},"
                    " finalised by {who} on {when}",
                    period=format_period(e.period, lang),
                    audience=audiences.get(e.audience, e.audience),
                    lang=e.lang,
                    version=e.version,
                    who=e.created_by,
                    when=format_moment(e.created_at, lang, "UTC"),
                ),
                href=e.href,
            )
        )
        for e in entries
    ]
    body = html.Ul(items) if items else html.P(_("No finalised reports yet."))
    return html.Div(
        [html.H2(_("Report history"), className="h6 mt-3"), body],
        id=ids.CLIENT_REPORT_HISTORY,
        className="client-report-history small",
    )
