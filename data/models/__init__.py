"""The data model: one table per imported entity of DATA.md, rules as constraints.

Money is stored as whole cents (BIGINT) so sums are exact on SQLite and PostgreSQL
alike; meeting start times are stored as naive UTC datetimes. The tables live in
one module per topic; importing this package puts every table, the login tables
included, on `Base.metadata` (and so in Alembic's view).
"""

from __future__ import annotations

from dashboard.kernel.filters import SEGMENTS
from data.models.auth import AuditEntry, LoginFailure, User, UserSession
from data.models.base import (
    ACTION_ITEM_VISIBILITIES,
    ATTENDEE_SIDES,
    MEETING_KINDS,
    MEETING_STATUSES,
    NAMING,
    SPEND_CATEGORIES,
    SURVEY_KINDS,
    Base,
)
from data.models.clients import AcquisitionSpend, Client, Invoice, SurveyResponse
from data.models.delivery import Delivery, SentCopy, Subscription
from data.models.meetings import ActionItem, Attendee, Meeting
from data.models.projects import Milestone, Project, Spend
from data.models.reports import ReportComment, ReportSnapshot
from data.models.reviews import Review, ReviewNote
from data.models.rollups import (
    ROLLUP_TABLES,
    RollupActionItems,
    RollupMeetings,
    RollupRevenue,
    RollupSpend,
    RollupSpendCategories,
    RollupState,
    RollupSurveys,
)
from data.models.targets import Target
from data.models.uploads import ImportRun
from data.models.version import DataVersion, RollupChange

__all__ = [
    "ACTION_ITEM_VISIBILITIES",
    "ATTENDEE_SIDES",
    "MEETING_KINDS",
    "MEETING_STATUSES",
    "NAMING",
    "SEGMENTS",
    "SPEND_CATEGORIES",
    "SURVEY_KINDS",
    "AcquisitionSpend",
    "ActionItem",
    "Attendee",
    "AuditEntry",
    "Base",
    "Client",
    "DataVersion",
    "RollupChange",
    "Delivery",
    "ENTITY_TABLES",
    "ImportRun",
    "Invoice",
    "LoginFailure",
    "Meeting",
    "Milestone",
    "Project",
    "ReportComment",
    "ROLLUP_TABLES",
    "ReportSnapshot",
    "Review",
    "ReviewNote",
    "SentCopy",
    "RollupActionItems",
    "RollupMeetings",
    "RollupRevenue",
    "RollupSpend",
    "RollupSpendCategories",
    "RollupState",
    "RollupSurveys",
    "Spend",
    "Subscription",
    "SurveyResponse",
    "Target",
    "User",
    "UserSession",
]

ENTITY_TABLES = (
    Client.__table__,
    Invoice.__table__,
    Meeting.__table__,
    Attendee.__table__,
    ActionItem.__table__,
    Project.__table__,
    Spend.__table__,
    Milestone.__table__,
    SurveyResponse.__table__,
    AcquisitionSpend.__table__,
    Target.__table__,
)
