"""Which open action items address a problem (dashboard.reports.matching)."""

from __future__ import annotations

import datetime as dt

from dashboard.reports.matching import (
    for_figure,
    for_project,
    for_subject,
    matching_rules,
    speaks_of,
)
from dashboard.reports.model import ActionRow


def item(title, client="C1", overdue=False, kind=None) -> ActionRow:
    return ActionRow(
        title=title,
        owner="ann",
        client="Acme",
        client_external_id=client,
        due="Aug 1, 2026",
        due_on=dt.date(2026, 8, 1),
        overdue=overdue,
        meeting_kind=kind,
    )


INVOICE = item("Send the corrected invoices")
RENEWAL = item("Draft the renewal proposal")
SURVEY = item("客户满意度问卷跟进")
ESCALATED = item("Fix the data export", kind="escalation")
QBR = item("Review the QBR deck", overdue=True)
TIMELINE = item("Update the rollout timeline", client="C2")
CRM = item("Agree the crm Migration scope", client="C2")
OTHER = item("Share training materials", overdue=True)
ALL = (INVOICE, RENEWAL, SURVEY, ESCALATED, QBR, TIMELINE, CRM, OTHER)


def titles(items) -> list[str]:
    return [i.title for i in items]


def test_a_word_matches_at_the_start_of_a_word_and_abbreviations_whole():
    assert speaks_of("Send the corrected Invoices", "revenue")
    assert speaks_of("Check attendance of the QBR", "meetings")  # attend…
    assert not speaks_of("Reattend later", "meetings")  # not at a word's start
    assert speaks_of("Publish the NPS results", "satisfaction")
    assert not speaks_of("Upload snapshots", "satisfaction")  # "nps" inside
    assert not speaks_of("Follow up", "budget")


def test_a_figure_gets_the_items_of_its_topic():
    assert titles(for_figure(ALL, "revenue")) == [INVOICE.title, RENEWAL.title]
    # Satisfaction: by words (Chinese too) and the escalation meeting's items.
    assert titles(for_figure(ALL, "nps")) == [SURVEY.title, ESCALATED.title]
    assert titles(for_figure(ALL, "attendance_rate")) == [QBR.title]
    # Action-item figures: the overdue items.
    assert titles(for_figure(ALL, "action_item_completion_rate")) == [
        QBR.title,
        OTHER.title,
    ]
    assert for_figure(ALL, "budget_burn") == ()


def test_a_project_gets_its_clients_items_naming_it_or_its_subject():
    assert titles(for_project(ALL, "C2", "CRM migration", "budget")) == [CRM.title]
    assert titles(for_project(ALL, "C2", "CRM migration", "schedule")) == [
        TIMELINE.title,
        CRM.title,
    ]
    # Another client's items never address a project.
    assert for_project(ALL, "C1", "CRM migration", "schedule") == ()


def test_detractors_and_attendance_take_their_subjects():
    assert titles(for_subject(ALL, "satisfaction")) == [SURVEY.title, ESCALATED.title]
    assert titles(for_subject(ALL, "meetings")) == [QBR.title]


def test_the_rules_are_printed_in_the_reports_language():
    english = matching_rules("en")
    assert english[0].startswith("An open action item is listed under a problem")
    assert "Budget: budget, cost, spend, spent, overrun, forecast, estimate" in english
    chinese = matching_rules("zh")
    assert "预算：预算、成本、费用、支出、超支" in chinese
