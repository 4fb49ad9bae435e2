"""The report model as one self-contained HTML document (print stylesheet inlined).

Every text of the model is escaped (`markupsafe.Markup.format`): names from the data are
shown exactly as written, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import SHARED_ITEMS_NOTE
from dashboard.kernel.settings import PROJECT_ROOT
from dashboard.reports.limits import left_out_note as _left_out
from dashboard.reports.limits import more_note as _more
from dashboard.reports.markup import paragraphs, table
from dashboard.reports.model import ActionRow, Report
from dashboard.reports.progress_html import progress_section
from dashboard.reports.svg_charts import dark_css

STYLESHEET = PROJECT_ROOT / "assets" / "05-report.css"
HTML_LANG = {"en": "en", "zh": "zh-Hans"}


def _actions(actions: Sequence[ActionRow], lang: str, *, with_client: bool) -> Markup:
    _ = translator(lang)
    headers = [_("Action item"), _("Owner"), _("Due")]
    if with_client:
        headers.insert(1, _("Client"))
    rows = []
    for item in actions:
        due = item.due
        if item.overdue:
            due = Markup('{} <strong class="overdue">{}</strong>').format(
                due, _("overdue")
            )
        row = [item.title, item.owner, due]
        if with_client:
            row.insert(1, item.client)
        rows.append(row)
    return table(headers, rows)


def _summary(report: Report, _) -> Markup:
    summary = report.summary
    parts = []
    if summary.health_score is not None:
        parts.append(
            Markup('<p class="health">{}</p>').format(
                _(
                    "Health score: {score} ({band})",
                    score=summary.health_score,
                    band=summary.health_band,
                )
            )
        )
    parts.append(paragraphs(summary.sentences))
    return Markup("").join(parts)


def _problems(report: Report, _, with_client: bool) -> Markup:
    if not report.problems:
        return paragraphs([_("No problems found by the rules in the appendix.")])
    items = []
    for problem in report.problems:
        answer: Markup = paragraphs([_("No action item addresses this yet.")], "none")
        if problem.actions:
            answer = _actions(problem.actions, report.lang, with_client=with_client)
            answer += _more(problem.more, report.lang)
        items.append(Markup("<li><p>{}</p>{}</li>").format(problem.text, answer))
    return Markup('<ol class="problems">{}</ol>').format(
        Markup("").join(items)
    ) + _left_out(report, "problems")


def _next_steps(report: Report, _, with_client: bool) -> Markup:
    steps = report.next_steps
    actions = paragraphs([_("No open action items.")])
    if steps.actions:
        actions = _actions(steps.actions, report.lang, with_client=with_client)
        actions += _left_out(report, "actions")
    if report.audience == "client":
        # A client's report lists (and counts) only the items shared with it.
        actions = paragraphs([_(SHARED_ITEMS_NOTE)]) + actions
    milestones = paragraphs([_("None in the next 90 days.")])
    if steps.milestones:
        milestones = table(
            [_("Project"), _("Milestone"), _("Planned")],
            ((m.project, m.name, m.planned) for m in steps.milestones),
        ) + _left_out(report, "milestones")
    meeting = _("No meeting scheduled.")
    if steps.next_meeting:
        meeting = _("Next meeting: {meeting}", meeting=steps.next_meeting)
    return (
        Markup("<h3>{}</h3>").format(_("Open action items"))
        + actions
        + Markup("<h3>{}</h3>").format(_("Milestones in the next 90 days"))
        + milestones
        + paragraphs([meeting])
    )


def _appendix(report: Report, _) -> Markup:
    appendix = report.appendix
    definitions = Markup("").join(
        Markup("<dt>{}</dt><dd>{}</dd>").format(title, text)
        for title, text in appendix.definitions
    )
    facts = [
        _("Scope: {scope}", scope=appendix.filters),
        _("Counted: {window}", window=appendix.window),
        _("Time zone: {zone}", zone=appendix.timezone),
        _("As of {date}", date=appendix.as_of),
    ]
    issues = Markup("")
    if appendix.data_issues is not None:
        issues = Markup("<h3>{}</h3>").format(_("Data quality")) + paragraphs(
            appendix.data_issues, "data-quality"
        )
    return (
        Markup("<h3>{}</h3><dl>{}</dl>").format(_("Definitions"), definitions)
        + Markup("<h3>{}</h3>").format(_("Sample sizes"))
        + paragraphs(appendix.samples)
        + Markup("<h3>{}</h3>").format(_("Problem rules"))
        + paragraphs(appendix.thresholds)
        + Markup("<h3>{}</h3>").format(_("Which action items address a problem"))
        + paragraphs(appendix.matching)
        + issues
        # Scope, window, time zone and date read as one block: never split
        # over a page, so a last page never holds one line of it alone.
        + Markup('<div class="report-facts">{}</div>').format(paragraphs(facts))
    )


def _comment(text: str | None, _) -> Markup:
    """A manager's comment as escaped text, its line breaks kept."""
    if not text:
        return Markup("")
    lines = Markup("<br>").join(text.splitlines())
    return Markup('<div class="commentary"><h3>{}</h3><p>{}</p></div>').format(
        _("Comment"), lines
    )


def render_body(report: Report) -> Markup:
    """The report's sections as an HTML fragment (`<article class="crd-report">`)."""
    _ = translator(report.lang)
    with_client = len(report.client_ids) != 1
    notes = dict(report.commentary)
    sections = (
        (_("Summary"), _summary(report, _) + _comment(notes.get("summary"), _)),
        (
            _("Progress"),
            progress_section(report, _) + _comment(notes.get("progress"), _),
        ),
        (
            _("Problems and solutions"),
            _problems(report, _, with_client) + _comment(notes.get("problems"), _),
        ),
        (
            _("Next steps"),
            _next_steps(report, _, with_client) + _comment(notes.get("next_steps"), _),
        ),
        (_("Appendix"), _appendix(report, _)),
    )
    mark = ""
    if report.audience == "internal":
        mark = Markup('<p class="internal">{}</p>').format(
            _("Internal: not for the client")
        )
    header = Markup("<header><h1>{}</h1><p>{} · {}</p>{}</header>").format(
        _("Client report"), report.subject, report.period, mark
    )
    body = Markup("").join(
        Markup("<section><h2>{}</h2>{}</section>").format(title, content)
        for title, content in sections
    )
    return Markup('<article class="crd-report">{}{}</article>').format(header, body)


def report_title(report: Report) -> str:
    """The document title: "Client report · Acme · 2026-Q3"."""
    _ = translator(report.lang)
    return f"{_('Client report')} · {report.subject} · {report.period}"


def css_string(text: str) -> str:
    """A text as a quoted CSS string; anything but letters, digits and spaces is
    written as a CSS escape, so no text can end the string or the stylesheet."""
    return (
        '"'
        + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
        + '"'
    )


def page_margins(report: Report) -> str:
    """Print margin boxes: the client and period on top, page numbers below."""
    return (
        "@media print { @page { @top-center { content: "
        + css_string(f"{report.subject} · {report.period}")
        + '; font-size: 8pt; } @bottom-right { content: counter(page) " / "'
        " counter(pages); font-size: 8pt; } } }"
    )


def theme_attribute(theme: str) -> str:
    """` data-bs-theme="dark"` for the dark theme (the app's `?theme=`), else
    nothing: a report without it is light, on screen as on paper."""
    return ' data-bs-theme="dark"' if theme == "dark" else ""


def render_html(report: Report, *, before: str = "", theme: str = "light") -> str:
    """A whole HTML document for the report, styles inlined (prints on A4, always
    light); `before` is trusted HTML put above the report (the page's links)."""
    style = STYLESHEET.read_text(encoding="utf-8") + dark_css() + page_margins(report)
    return str(
        Markup(
            '<!DOCTYPE html><html lang="{}"{}><head><meta charset="utf-8">'
            "<title>{}</title><style>{}</style></head><body>{}{}</body></html>"
        ).format(
            HTML_LANG.get(report.lang, "en"),
            Markup(theme_attribute(theme)),
            report_title(report),
            Markup(style),
            Markup(before),
            render_body(report),
        )
    )
