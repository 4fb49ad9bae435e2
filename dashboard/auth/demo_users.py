"""Demo users (one per role) for the demo data, and the refusals of production."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, func, select

from dashboard.auth.passwords import verify_password
from dashboard.auth.users import add_user
from dashboard.kernel.settings import Settings, SettingsError
from data.models import Client
from data.models.auth import User

# Documented in README.md; refused in production.
DEMO_PASSWORD = "demo-password-1"
DEMO_USERNAMES = ("admin", "manager", "am", "client")
DEVELOPMENT_SECRET_KEY = Settings().secret_key
MIN_SECRET_KEY_LENGTH = 32


def check_production_settings(settings: Settings) -> None:
    """In production, SECRET_KEY must be long and not the development default."""
    if settings.env != "production":
        return
    key = settings.secret_key
    if key == DEVELOPMENT_SECRET_KEY or len(key) < MIN_SECRET_KEY_LENGTH:
        raise SettingsError(
            f"ENV=production needs a SECRET_KEY of at least {MIN_SECRET_KEY_LENGTH}"
            " random characters (not the development default)"
        )


def check_no_demo_passwords(engine: Engine, settings: Settings) -> None:
    """In production, refuse to start while a demo user keeps the demo password."""
    if settings.env != "production":
        return
    with engine.connect() as conn:
        rows = conn.execute(
            select(User.username, User.password_hash).where(
                User.username.in_(DEMO_USERNAMES), User.disabled.is_(False)
            )
        ).all()
    exposed = [name for name, hashed in rows if verify_password(DEMO_PASSWORD, hashed)]
    if exposed:
        raise SettingsError(
            "ENV=production but demo users still have the demo password: "
            + ", ".join(sorted(exposed))
            + " (disable them or set new passwords with `python -m dashboard users`)"
        )


def create_demo_users(
    engine: Engine, settings: Settings, now: dt.datetime
) -> list[tuple[str, str]]:
    """One user per role on the demo data; returns (username, role) pairs."""
    if settings.env == "production":
        raise SettingsError("ENV=production: demo users are never created")
    with engine.begin() as conn:
        owner = conn.execute(
            select(Client.owner)
            .where(Client.owner.is_not(None))
            .group_by(Client.owner)
            .order_by(func.count().desc(), Client.owner)
            .limit(1)
        ).scalar_one_or_none()
        client = conn.execute(
            select(Client.external_id)
            .where(Client.churned_on.is_(None))
            .order_by(Client.external_id)
            .limit(1)
        ).scalar_one_or_none()
        plan = [
            ("admin", "admin", "Demo Admin", None, None),
            ("manager", "manager", "Demo Manager", None, None),
        ]
        if owner is not None:
            plan.append(("am", "account_manager", owner, owner, None))
        if client is not None:
            plan.append(("client", "client_viewer", "Demo Client", None, client))
        for username, role, display_name, owner_name, client_id in plan:
            add_user(
                conn,
                username=username,
                role=role,
                password=DEMO_PASSWORD,
                now=now,
                display_name=display_name,
                owner_name=owner_name,
                client_external_id=client_id,
            )
    return [(username, role) for username, role, *_ in plan]
