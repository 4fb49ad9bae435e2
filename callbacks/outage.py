"""The database banner of every page, raised by whichever callback meets the outage.

The page's status callback shows the banner on its timer; a callback whose
database access fails raises it at once too (and makes the timer poll fast),
so the page says the database is away as soon as anything notices.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import set_props
from dash.exceptions import MissingCallbackContextException

from dashboard.kernel.i18n import translator
from layouts import ids

OUTAGE_POLL_MS = 10_000


def outage_banner(lang: str) -> dbc.Alert:
    """The banner that says the database cannot be reached."""
    _ = translator(lang)
    return dbc.Alert(
        _("The database cannot be reached. The figures below may be out of date;"
          " this page checks again every few seconds."),
        color="danger",
        className="m-0 rounded-0 text-center",
    )  # fmt: skip


def raise_outage_banner(lang: str) -> None:
    """From a callback whose database access failed: show the banner now and
    check again every few seconds (outside a callback, nothing happens)."""
    try:
        set_props(ids.DB_BANNER, {"children": outage_banner(lang)})
        set_props(ids.REFRESH, {"interval": OUTAGE_POLL_MS})
    except MissingCallbackContextException:
        return
