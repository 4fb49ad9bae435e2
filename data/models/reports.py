"""What a manager adds to a client report and the finalised reports themselves."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, one_of

REPORT_AUDIENCES = ("client", "internal")
COMMENT_SECTIONS = ("summary", "progress", "problems", "next_steps")


class ReportComment(Base):
    """A manager's comment on one section of one report (client, period,
    audience, language) before it is shared."""

    __tablename__ = "report_comments"
    __table_args__ = (
        CheckConstraint(one_of("audience", REPORT_AUDIENCES), name="audience"),
        CheckConstraint(one_of("section", COMMENT_SECTIONS), name="section"),
        UniqueConstraint("client", "period", "audience", "lang", "section"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(20))
    audience: Mapped[str] = mapped_column(String(10))
    lang: Mapped[str] = mapped_column(String(5))
    section: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ReportSnapshot(Base):
    """A finalised report: its model as JSON and its HTML exactly as shared;
    never changed once written (a new finalise is a new version)."""

    __tablename__ = "report_snapshots"
    __table_args__ = (
        CheckConstraint(one_of("audience", REPORT_AUDIENCES), name="audience"),
        UniqueConstraint("client", "period", "audience", "lang", "version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    period: Mapped[str] = mapped_column(String(20))
    audience: Mapped[str] = mapped_column(String(10))
    lang: Mapped[str] = mapped_column(String(5))
    version: Mapped[int] = mapped_column(Integer)
    model_json: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
