"""Engine creation, schema upgrades through Alembic, and database health checks."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from data.models import Client

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration. A database already at it needs no Alembic at all, which
# keeps every command's start quick (a test checks this against the scripts).
HEAD_REVISION = "0015_client_name_index"
log = logging.getLogger(__name__)


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or used; the message is one line."""


def make_engine(database_url: str) -> Engine:
    """An engine for the URL; SQLite gets foreign keys, WAL and a busy timeout."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    """An Alembic config bound to the engine (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema up to the newest migration; safe to run any number of times."""
    check_connection(engine)
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at; None before the first one."""
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version"))
        found = versions.scalars().all()
    return found[0] if len(found) == 1 else None


def check_connection(engine: Engine) -> None:
    """Raise DatabaseUnavailable with a one-line reason when the database is down."""
    try:
        with engine.connect() as conn:
            conn.execute(select(1))
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
        first = reason[0] if reason else type(exc).__name__
        shown = engine.url.render_as_string(hide_password=True)
        raise DatabaseUnavailable(
            f"DATABASE_URL={shown} cannot be reached: {first}"
        ) from exc


def is_empty(engine: Engine) -> bool:
    """True when the schema exists but holds no clients."""
    if not inspect(engine).has_table(Client.__tablename__):
        return True
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Client)).scalar_one() == 0
