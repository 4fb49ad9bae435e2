"""The data-quality summary as lines of text: after an import (the command, the
upload page), with what changed since before it, and in a report's appendix."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Engine

from dashboard.kernel.filters import Filters
from dashboard.kernel.formatting import format_count
from dashboard.kernel.i18n import translator
from dashboard.kernel.quality_text import CHECKS
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.quality.checks import CheckResult, Quality, run_checks
from dashboard.quality.text import (
    check_title,
    kpi_titles,
    severity_label,
    summary_line,
)


def quality_now(
    engine: Engine,
    settings: Settings,
    *,
    scope: Scope | None = None,
    filters: Filters | None = None,
) -> Quality:
    """Every check for the scope (everything by default) on the data as it is."""
    with engine.connect() as conn:
        return run_checks(
            conn,
            settings=settings,
            filters=filters,
            scope=scope or Scope.everything(),
        )


def quality_of_counts(counts: Mapping[str, int]) -> Quality:
    """The checks' results from their stored counts (an import's summary kept
    for its page): severity from the catalogue; no feed ages."""
    return Quality(
        checks=tuple(
            CheckResult(check, severity, kpis, counts.get(check, 0))
            for check, (severity, kpis) in CHECKS.items()
        ),
        feeds=(),
    )


def summary_lines(
    after: Quality, lang: str = "en", before: Mapping[str, int] | None = None
) -> list[str]:
    """ "Data quality: 2 of 10 checks fail." then one line per check that fails
    (or failed `before`): severity, title, rows and, with `before`, the change."""
    _ = translator(lang)
    lines = [
        _(
            "Data quality: {summary}",
            summary=summary_line(len(after.failed), len(CHECKS), lang),
        )
    ]
    for result in after.checks:
        was = None if before is None else before.get(result.check, 0)
        if not result.failed and not was:
            continue
        count = format_count(result.count, lang)
        if was is not None and was != result.count:
            count = _("{before} → {after}", before=format_count(was, lang), after=count)
        lines.append(
            _(
                "{severity} · {title}: {count}",
                severity=severity_label(result.severity, lang),
                title=check_title(result.check, lang),
                count=count,
            )
        )
    return lines


def appendix_lines(quality: Quality, lang: str) -> tuple[str, ...]:
    """The checks that fail, for a report's appendix (with the figures they
    affect); one line saying all pass when none does."""
    _ = translator(lang)
    if not quality.failed:
        return (_("All data-quality checks pass."),)
    return tuple(
        _(
            "{title}: {count} ({severity}); figures affected: {figures}.",
            title=check_title(result.check, lang),
            count=format_count(result.count, lang),
            severity=severity_label(result.severity, lang),
            figures=kpi_titles(result.kpis, lang),
        )
        for result in quality.failed
    )
