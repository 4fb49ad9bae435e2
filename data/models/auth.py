"""Who may log in and what they did: users, server-side sessions, lockout, audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, one_of

ROLES = ("admin", "manager", "account_manager", "client_viewer")
AUDIT_ACTIONS = (
    "login",
    "login_failed",
    "lockout",
    "logout",
    "presenting_started",
    "presenting_stopped",
    "export",
    "import",
    "user_added",
    "user_disabled",
    "password_set",
    "report_finalised",
    "schedule_changed",
    "delivery_sent",
    "delivery_failed",
    "target_set",
    "target_deleted",
    "review_started",
    "review_changed",
    "review_ended",
    "review_recap_sent",
)


class User(Base):
    """A person who may log in; client viewers see exactly one client."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(one_of("role", ROLES), name="role"),
        CheckConstraint(
            "(role = 'client_viewer' AND client_id IS NOT NULL)"
            " OR (role <> 'client_viewer' AND client_id IS NULL)",
            name="client_only_for_viewers",
        ),
        CheckConstraint(
            "role = 'account_manager' OR owner_name IS NULL",
            name="owner_only_for_account_managers",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    owner_name: Mapped[str | None] = mapped_column(String(100))
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE")
    )
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class UserSession(Base):
    """A logged-in browser; only the SHA-256 of its random token is stored."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    address: Mapped[str | None] = mapped_column(String(64))
    presenting_client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL")
    )


class LoginFailure(Base):
    """Recent failed logins of one username ("user:<name>") or address ("addr:<ip>")."""

    __tablename__ = "login_failures"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    first_failed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """One security-relevant event; times are naive UTC."""

    __tablename__ = "audit_log"
    __table_args__ = (CheckConstraint(one_of("action", AUDIT_ACTIONS), name="action"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(30), index=True)
    detail: Mapped[str | None] = mapped_column(Text)
