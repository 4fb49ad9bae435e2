"""Which open action items address a problem: stated rules on an item's title, its
meeting and its client.

The data links an action item to its client and to the meeting it came from, never
to a project or a figure, so the rules read the title:

- open overdue items: the overdue items themselves;
- a project's burn ratio: the items of the project's client whose title names the
  project or speaks of the budget; late milestones: the same, speaking of the
  schedule;
- detractor answers: the items that speak of satisfaction, and the items of an
  escalation meeting;
- low meeting attendance: the items that speak of meetings;
- a figure that moved the wrong way: the items that speak of its subject (its
  METRICS.md topic); for the action-item figures, the overdue items.

A title speaks of a subject when it holds one of the subject's words below,
English and Chinese alike, whatever the report's language: an English word as the
start of a word ("renew" in "renewal", "attend" in "attendance"), an abbreviation
(upper case here) as a whole word, a Chinese word anywhere; a title names a project
when it holds the project's name. Case is ignored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from dashboard.kernel.catalog import KPI_BY_KEY
from dashboard.kernel.i18n import join_list, normalise_language, translator
from dashboard.reports.model import ActionRow

# fmt: off
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "clients": {
        "en": ("renew", "contract", "churn", "cancel", "onboard"),
        "zh": ("续约", "续签", "合同", "流失", "取消", "签约"),
    },
    "revenue": {
        "en": ("invoice", "bill", "payment", "price", "pricing", "renew", "contract",
               "upsell", "revenue", "credit note"),
        "zh": ("发票", "账单", "付款", "价格", "定价", "续约", "合同", "收入"),
    },
    "satisfaction": {
        "en": ("survey", "feedback", "satisfaction", "satisfied", "complain",
               "support", "escalate", "escalation", "NPS", "CSAT", "SLA"),
        "zh": ("问卷", "调查", "反馈", "满意", "投诉", "支持"),
    },
    "meetings": {
        "en": ("meeting", "attend", "agenda", "invite", "invitation", "calendar",
               "workshop", "QBR"),
        "zh": ("会议", "出席", "议程", "邀请", "日程"),
    },
    "budget": {
        "en": ("budget", "cost", "spend", "spent", "overrun", "forecast",
               "estimate"),
        "zh": ("预算", "成本", "费用", "支出", "超支"),
    },
    "schedule": {
        "en": ("milestone", "timeline", "deadline", "delay", "roadmap", "go-live",
               "launch"),
        "zh": ("里程碑", "进度", "时间表", "延期", "上线", "逾期"),
    },
}
# fmt: on
SUBJECTS = {
    "clients": "Clients",
    "revenue": "Revenue",
    "satisfaction": "Satisfaction",
    "meetings": "Meetings",
    "budget": "Budget",
    "schedule": "Schedule",
}
ESCALATION = "escalation"


def _pattern(word: str) -> str:
    if word.isascii() and word.isupper():
        return rf"(?<![a-z]){re.escape(word.lower())}(?![a-z])"
    if word.isascii():
        return rf"(?<![a-z]){re.escape(word)}"
    return re.escape(word)


@functools.cache
def _matcher(subject: str) -> re.Pattern[str]:
    words = [w for lang in ("en", "zh") for w in WORDS[subject][lang]]
    return re.compile("|".join(_pattern(w) for w in words))


def speaks_of(title: str, subject: str) -> bool:
    """Whether a title holds one of the subject's words (see the module)."""
    return _matcher(subject).search(title.casefold()) is not None


def names(title: str, project: str) -> bool:
    """Whether a title holds the project's name (case ignored)."""
    name = project.strip().casefold()
    return bool(name) and name in title.casefold()


def overdue_items(actions: Sequence[ActionRow]) -> tuple[ActionRow, ...]:
    """The open overdue items."""
    return tuple(a for a in actions if a.overdue)


def for_subject(actions: Sequence[ActionRow], subject: str) -> tuple[ActionRow, ...]:
    """Items that speak of a subject; for satisfaction, also an escalation
    meeting's items."""
    return tuple(
        a
        for a in actions
        if speaks_of(a.title, subject)
        or (subject == "satisfaction" and a.meeting_kind == ESCALATION)
    )


def for_figure(actions: Sequence[ActionRow], key: str) -> tuple[ActionRow, ...]:
    """Items addressing a figure that moved the wrong way: by its topic; for the
    action-item figures, the overdue items."""
    topic = KPI_BY_KEY[key].topic
    if topic == "action_items":
        return overdue_items(actions)
    return for_subject(actions, topic)


def for_project(
    actions: Sequence[ActionRow], client: str, project: str, subject: str
) -> tuple[ActionRow, ...]:
    """Items of the project's client naming the project or speaking of `subject`
    (budget for the burn ratio, schedule for late milestones)."""
    return tuple(
        a
        for a in actions
        if a.client_external_id == client
        and (names(a.title, project) or speaks_of(a.title, subject))
    )


def matching_rules(lang: str) -> tuple[str, ...]:
    """The rules above as the appendix prints them, with each subject's words in
    the report's language."""
    _ = translator(lang)
    lines = [
        _(
            "An open action item is listed under a problem when it addresses it:"
            " under open overdue action items, the overdue items; under a"
            " project's burn ratio or late milestones, the items of its client"
            " whose title names the project or speaks of the budget or the"
            " schedule; under detractor answers, the items that speak of"
            " satisfaction or come from an escalation meeting; under low"
            " attendance, the items that speak of meetings; under a figure that"
            " moved the wrong way, the items that speak of its subject (for the"
            " action item figures, the overdue items)."
        ),
        _(
            "A title speaks of a subject when it holds one of its words, or a word"
            " that starts with one (case ignored; the same words in the other"
            " language count as well):"
        ),
    ]
    lines += [
        _(
            "{subject}: {words}",
            subject=_(title),
            words=join_list(list(WORDS[subject][normalise_language(lang)]), lang),
        )
        for subject, title in SUBJECTS.items()
    ]
    return tuple(lines)
