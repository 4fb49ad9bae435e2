"""The headline's small "Data issues (n)" badge, linking to the data-quality page."""

from __future__ import annotations

from dash import html

from dashboard.kernel.formatting import format_count
from dashboard.kernel.i18n import translator
from dashboard.kernel.quality_text import quality_href
from layouts import ids


def build_quality_badge(failed: int, rows: int, query: str, lang: str):
    """The badge for `failed` checks failing with `rows` rows, or nothing when
    every check passes; `query` is the dashboard's filters, language and theme."""
    if failed <= 0:
        return None
    _ = translator(lang)
    return html.A(
        _("Data issues ({count})", count=format_count(failed, lang)),
        id=ids.QUALITY_BADGE_LINK,
        href=quality_href(query),
        className="badge rounded-pill text-bg-warning text-decoration-none",
        title=_(
            "{checks} data-quality checks fail ({rows} rows): open the list",
            checks=format_count(failed, lang),
            rows=format_count(rows, lang),
        ),
    )
