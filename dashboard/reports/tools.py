"""The report page's forms for whoever may edit: a comment per section, Finalise."""

from __future__ import annotations

from markupsafe import Markup

from dashboard.kernel.i18n import translator
from dashboard.reports.commentary import MAX_COMMENT_CHARS, ReportKey

COMMENT_PATH = "/report/comments"
FINALISE_PATH = "/report/finalise"
SNAPSHOTS_PATH = "/report/snapshots/"


def _hidden(key: ReportKey, csrf: str, theme: str) -> Markup:
    """The report's values, the token, and the page's theme (kept by the
    redirect back to the report)."""
    values = {
        "client": key.client,
        "period": key.period,
        "audience": key.audience,
        "lang": key.lang,
        "theme": theme,
        "csrf_token": csrf,
    }
    return Markup("").join(
        Markup('<input type="hidden" name="{}" value="{}">').format(name, value)
        for name, value in values.items()
    )


def report_tools(
    key: ReportKey,
    commentary: tuple[tuple[str, str], ...],
    csrf: str,
    theme: str = "light",
) -> str:
    """Two forms above the report: the section comments (folded), and Finalise."""
    _ = translator(key.lang)
    notes = dict(commentary)
    labels = (
        ("summary", _("Summary")),
        ("progress", _("Progress")),
        ("problems", _("Problems and solutions")),
        ("next_steps", _("Next steps")),
    )
    fields = Markup("").join(
        Markup(
            '<p><label>{}<br><textarea name="{}" maxlength="{}" rows="3" cols="80">'
            "{}</textarea></label></p>"
        ).format(label, name, MAX_COMMENT_CHARS, notes.get(name, ""))
        for name, label in labels
    )
    # Folded by default: the page opens on the report itself.
    comments = Markup(
        '<details class="crd-report-comments"><summary>{}</summary>'
        '<form method="post" action="{}">{}{}<p><button type="submit">{}</button>'
        "</p></form></details>"
    ).format(
        _("Comments for the client"),
        COMMENT_PATH,
        _hidden(key, csrf, theme),
        fields,
        _("Save comments"),
    )
    finalise = Markup(
        '<form method="post" action="{}" class="crd-report-finalise">{}'
        '<button type="submit">{}</button> <span>{}</span></form>'
    ).format(
        FINALISE_PATH,
        _hidden(key, csrf, theme),
        _("Finalise"),
        _("Keeps this report, its figures and comments, exactly as shown now."),
    )
    return str(
        Markup('<div class="crd-report-tools">{}{}</div>').format(comments, finalise)
    )
