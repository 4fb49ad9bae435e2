"""The words of the data-quality page, in the viewer's language."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from dashboard.kernel.formatting import format_count, format_day, format_number
from dashboard.kernel.i18n import join_list, translator
from dashboard.kernel.kpi_text import TITLES
from dashboard.kernel.quality_text import (
    CHECK_EXPLANATIONS,
    CHECK_TITLES,
    COLUMN_LABELS,
    FEED_LABELS,
    SEVERITY_LABELS,
)

NONE = "—"


def page_text(lang: str) -> dict[str, str]:
    """Headings, column names and notes of the page."""
    _ = translator(lang)
    return {
        "heading": _("Data quality"),
        "back": _("Back to the dashboard"),
        "intro": _(
            "Checks of the data behind the figures, for the clients you see and the"
            " dashboard's filters. Fix what fails before quoting the figures."
        ),
        "severity": _("Severity"),
        "check": _("Check"),
        "rows": _("Rows"),
        "kpis": _("Figures affected"),
        "download": _("Download CSV"),
        "show_rows": _("Show the first rows"),
        "feeds": _("Feeds"),
        "feed": _("Feed"),
        "newest": _("Newest row"),
        "age": _("Age (days)"),
        "limit": _("Limit (days)"),
        "status": _("Status"),
        "quiet": _("quiet"),
        "fine": _("fine"),
        "no_rows": _("no rows"),
        "passes": _("passes"),
    }


def summary_line(failed: int, total: int, lang: str) -> str:
    """ "3 of 10 checks fail." or "All 10 checks pass."."""
    _ = translator(lang)
    if failed == 0:
        return _("All {total} checks pass.", total=format_count(total, lang))
    return _(
        "{failed} of {total} checks fail.",
        failed=format_count(failed, lang),
        total=format_count(total, lang),
    )


def check_title(check: str, lang: str) -> str:
    """A check's title in the language."""
    return translator(lang)(CHECK_TITLES[check])


def check_explanation(check: str, lang: str) -> str:
    """What a check means, in the language."""
    return translator(lang)(CHECK_EXPLANATIONS[check])


def severity_label(severity: str, lang: str) -> str:
    """high / medium / low in the language."""
    return translator(lang)(SEVERITY_LABELS[severity])


def kpi_titles(keys, lang: str) -> str:
    """The figures a check affects, by their card titles."""
    _ = translator(lang)
    return join_list((_(TITLES[key]) for key in keys), lang)


def feed_label(feed: str, lang: str) -> str:
    """A feed's name in the language."""
    return translator(lang)(FEED_LABELS[feed])


def column_label(column: str, lang: str) -> str:
    """A row column's name in the language."""
    return translator(lang)(COLUMN_LABELS.get(column, column))


def cell_text(column: str, value: object, lang: str) -> str:
    """A cell of a check's rows as the page shows it (text, never markup)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NONE
    if column == "feed":
        return feed_label(str(value), lang)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return format_day(value, lang)
    if isinstance(value, float | Decimal):
        return format_number(float(value), lang, 2)
    return str(value)
