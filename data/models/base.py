"""The declarative base, its naming convention and the allowed values of coded
columns (DATA.md)."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

MEETING_KINDS = ("qbr", "monthly_review", "weekly_sync", "workshop", "escalation")
MEETING_STATUSES = ("scheduled", "held", "cancelled", "no_show")
ATTENDEE_SIDES = ("client", "internal")
SPEND_CATEGORIES = ("labor", "travel", "software", "subcontract", "other")
SURVEY_KINDS = ("nps", "csat")
# Who may see an action item: the client too (`shared`), or only us (`internal`).
ACTION_ITEM_VISIBILITIES = ("shared", "internal")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL for a CHECK that `column` holds one of `values`."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations are stable."""

    metadata = MetaData(naming_convention=NAMING)
