"""The summary's sentences: the biggest good and bad changes against P-1.

Rule: among the figures of the progress table whose change has a verdict (good or
bad by METRICS.md's directions, dashboard.metrics.changes), the two largest bad
and the two largest good changes, each ranked by the size of the change in its own
unit (points or percent); changes from 0 (no percentage) are left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.figures.card_values import format_change, format_value
from dashboard.kernel.formatting import format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import TITLES
from dashboard.metrics.changes import Change

PER_VERDICT = 2


def ranked(found: Iterable[Change], verdict: str) -> list[Change]:
    """The changes with this verdict and a size, largest first (ties: by key)."""
    chosen = [c for c in found if c.verdict == verdict and c.value is not None]
    return sorted(chosen, key=lambda c: (-abs(c.value), c.key))


def change_sentence(
    found: Change, previous_period: str, lang: str, currency: str
) -> str:
    """ "Meeting attendance fell to 71.4% (−9.2 pp against 2026-Q2)."."""
    _ = translator(lang)
    values = {
        "title": _(TITLES[found.key]),
        "value": format_value(found.key, found.current, lang, currency),
        "change": format_change(found.value, found.unit, lang),
        "period": format_period(previous_period, lang),
    }
    if found.direction == "up":
        return _("{title} rose to {value} ({change} against {period}).", **values)
    return _("{title} fell to {value} ({change} against {period}).", **values)


def summary_sentences(
    found: Iterable[Change],
    *,
    opening: str,
    previous_period: str,
    lang: str,
    currency: str,
) -> tuple[str, ...]:
    """The opening sentence, then up to two bad and two good changes."""
    _ = translator(lang)
    found = list(found)
    picked = ranked(found, "bad")[:PER_VERDICT] + ranked(found, "good")[:PER_VERDICT]
    sentences = [opening]
    sentences += [change_sentence(c, previous_period, lang, currency) for c in picked]
    if not picked:
        sentences.append(
            _(
                "No figure changed for better or worse against {period}.",
                period=format_period(previous_period, lang),
            )
        )
    return tuple(sentences)
