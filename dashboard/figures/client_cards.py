"""The client headline's own cards: which KPIs one client's view shows, its health
score and the days to the end of its current project, as card models.

Pure: takes the `kpis` report, the client's health row and its current project.
"""

from __future__ import annotations

import datetime as dt

from dashboard.figures.card_values import CardModel, build_card
from dashboard.kernel.formatting import UNDEFINED, format_count, format_day
from dashboard.kernel.i18n import translator

# What matters to one client, in the order of a review: logo counts (active, new,
# lost clients, retention, churn) are for portfolios only. Health comes first and
# the days to the end of the current project last (cards of their own).
CLIENT_HEADLINE_KEYS = (
    "revenue",
    "nrr",
    "meetings_held",
    "attendance_rate",
    "goal_achievement_rate",
    "action_item_completion_rate",
    "open_overdue",
    "budget_burn",
    "eac",
    "nps",
    "csat",
)
HEALTH_CARD = "health"
DAYS_CARD = "days_to_end"
COMPONENT_NAMES = {
    "satisfaction": "Satisfaction",
    "engagement": "Engagement",
    "delivery": "Delivery",
    "budget": "Budget",
    "revenue": "Revenue",
}
BAND_NAMES = {"healthy": "Healthy", "watch": "Watch", "at_risk": "At risk"}


def _card(key: str, title: str, value: str, **fields) -> CardModel:
    values = {
        "change_text": None,
        "arrow": None,
        "verdict": None,
        "change_label": None,
        "spark_periods": (),
        "spark_values": (),
        "spark_label": "",
        "definition": "",
        "details": (),
        "warning": None,
        "undefined_reason": None,
        "compared": False,
    }
    values.update(fields)
    return CardModel(key=key, title=title, value=value, **values)


def health_card(
    health: dict | None, as_of: dt.date, lang: str, *, internal: bool
) -> CardModel:
    """The client's health score (0–100) with its components in the details; the
    band ("Watch", "At risk") only for an internal viewer."""
    _ = translator(lang)
    title = _("Health score")
    definition = _(
        "Health on {date}: the mean of five 0–100 components over the last 365 days.",
        date=format_day(as_of, lang),
    )
    score = None if health is None else health.get("score")
    if score is None:
        return _card(
            HEALTH_CARD,
            title,
            UNDEFINED,
            definition=definition,
            undefined_reason=_("Not scored: no active client data on this day."),
        )
    parts = [
        _("{component}: {score}", component=_(name), score=_shown(health.get(part)))
        for part, name in COMPONENT_NAMES.items()
    ]
    band = health.get("band")
    notes = [_(BAND_NAMES[band])] if internal and band in BAND_NAMES else []
    scored = [(health[p], p) for p in COMPONENT_NAMES if health.get(p) is not None]
    if scored:
        lowest, part = min(scored)
        notes.append(
            _("lowest: {component}", component=_(COMPONENT_NAMES[part]))
            + f" {_shown(lowest)}"
        )
    return _card(
        HEALTH_CARD,
        title,
        _shown(score),
        definition=definition,
        details=tuple(parts),
        note=" · ".join(notes) or None,
    )


def _shown(value: float | None) -> str:
    return UNDEFINED if value is None else f"{value:.0f}"


def days_card(project: dict | None, as_of: dt.date, lang: str) -> CardModel | None:
    """Days to the end of the client's current project (`name`, `end_on`), or
    None when it has none running on as_of."""
    if project is None:
        return None
    _ = translator(lang)
    days = (project["end_on"] - as_of).days
    return _card(
        DAYS_CARD,
        _("Days to project end"),
        format_count(days, lang),
        definition=_(
            "Days from {as_of} to the planned end of the current project.",
            as_of=format_day(as_of, lang),
        ),
        details=(
            _(
                "{project} ends on {date}.",
                project=project["name"],
                date=format_day(project["end_on"], lang),
            ),
        ),
        note=_("ends {date}", date=format_day(project["end_on"], lang)),
    )


def build_client_cards(
    report: dict,
    trend: dict[str, list],
    *,
    health: dict | None,
    project: dict | None,
    targets: dict[str, float],
    keys: tuple[str, ...] = CLIENT_HEADLINE_KEYS,
    lang: str,
    currency: str,
    internal: bool,
    as_of: dt.date,
    with_health: bool = True,
    to_date: str | None = None,
) -> list[CardModel]:
    """One client's headline: health (unless `with_health` is False, where the
    page shows it apart), the KPI cards of `keys` with their targets, and the days
    to the end of the current project when one is running; `to_date`: the label
    of the period when it is still running."""
    cards = [health_card(health, as_of, lang, internal=internal)] if with_health else []
    cards += [
        build_card(
            key,
            report,
            trend,
            lang,
            currency,
            shared_only=not internal,
            target=targets.get(key),
            to_date=to_date,
        )
        for key in keys
    ]
    days = days_card(project, as_of, lang)
    return cards + ([days] if days is not None else [])
