"""One typed settings object, read from the environment with safe defaults."""

from __future__ import annotations

import datetime as dt
import math
import os
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dashboard.kernel.quality_text import DEFAULT_STALE_DAYS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "instance" / "dashboard.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
ENVIRONMENTS = ("development", "production")
# The components of client health (METRICS.md), in the order they are shown.
HEALTH_COMPONENTS = ("satisfaction", "engagement", "delivery", "budget", "revenue")


class SettingsError(ValueError):
    """A setting has a value the dashboard cannot use; the message is one line."""


@dataclass(frozen=True)
class Settings:
    """Everything the dashboard reads from its environment."""

    database_url: str = f"sqlite:///{DEFAULT_DATABASE_PATH}"
    host: str = "127.0.0.1"
    port: int = 8050
    timezone: str = "UTC"
    as_of: dt.date | None = None
    fiscal_year_start_month: int = 1
    gross_margin: float = 1.0
    secret_key: str = field(default="dev-only-not-secret", repr=False)
    log_level: str = "INFO"
    env: str = "development"
    refresh_seconds: int = 300
    currency: str = "USD"
    load_demo_data: bool = True
    session_idle_minutes: int = 30
    trusted_proxies: int = 0
    # The largest request body accepted (callbacks, forms), in megabytes.
    max_request_mb: int = 10
    # Weights of HEALTH_COMPONENTS, in that order: equal by default.
    health_weights: tuple[float, ...] = (1.0,) * len(HEALTH_COMPONENTS)
    # The client report's problem rules: a bad change of more than this many points
    # (pp, score points, minutes) or percent (counts, amounts); a project burn ratio
    # above this; meeting attendance below this share.
    report_change_points: float = 5.0
    report_change_percent: float = 20.0
    report_burn_ratio: float = 1.1
    report_min_attendance: float = 0.8
    # Where computed views are cached for every worker (redis://host:port/db);
    # without it each process keeps its own cache.
    redis_url: str | None = field(default=None, repr=False)
    # Days without a new row after which a feed counts as quiet (data quality),
    # as (feed, days) pairs: QUALITY_STALE_DAYS=invoices:30,surveys:180.
    quality_stale_days: tuple[tuple[str, int], ...] = tuple(DEFAULT_STALE_DAYS.items())

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        """The configured time zone as a tzinfo."""
        return zoneinfo.ZoneInfo(self.timezone)

    def today(self) -> dt.date:
        """`as_of` of METRICS.md: AS_OF when given, else today in the time zone."""
        if self.as_of is not None:
            return self.as_of
        return dt.datetime.now(self.tz).date()

    @property
    def health_weights_by_name(self) -> dict[str, float]:
        """The client-health weights by component name."""
        return dict(zip(HEALTH_COMPONENTS, self.health_weights, strict=True))

    @property
    def stale_days(self) -> dict[str, int]:
        """Days without a new row after which each feed counts as quiet."""
        return {**DEFAULT_STALE_DAYS, **dict(self.quality_stale_days)}

    @property
    def health_weights_equal(self) -> bool:
        """True when every component weighs the same."""
        return len(set(self.health_weights)) == 1

    def with_(self, **changes: object) -> Settings:
        """A copy with some values changed (tests, commands)."""
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and validate every setting; raise SettingsError naming a bad one."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(name)
            if value is None or value.strip() == "":
                return None
            return value.strip()

        values: dict[str, object] = {}
        if (url := get("DATABASE_URL")) is not None:
            values["database_url"] = _database_url(url)
        if (host := get("HOST")) is not None:
            values["host"] = host
        if (port := get("PORT")) is not None:
            values["port"] = int_in("PORT", port, 1, 65535)
        if (tz := get("TIMEZONE")) is not None:
            values["timezone"] = _timezone(tz)
        if (as_of := get("AS_OF")) is not None:
            values["as_of"] = _date("AS_OF", as_of)
        if (month := get("FISCAL_YEAR_START_MONTH")) is not None:
            values["fiscal_year_start_month"] = int_in(
                "FISCAL_YEAR_START_MONTH", month, 1, 12
            )
        if (margin := get("GROSS_MARGIN")) is not None:
            values["gross_margin"] = _fraction("GROSS_MARGIN", margin)
        if (key := get("SECRET_KEY")) is not None:
            values["secret_key"] = key
        if (level := get("LOG_LEVEL")) is not None:
            if level.upper() not in LOG_LEVELS:
                raise SettingsError(
                    f"LOG_LEVEL={level} is not one of {', '.join(LOG_LEVELS)}"
                )
            values["log_level"] = level.upper()
        if (environment := get("ENV")) is not None:
            if environment not in ENVIRONMENTS:
                raise SettingsError(
                    f"ENV={environment} is not one of {', '.join(ENVIRONMENTS)}"
                )
            values["env"] = environment
        if (refresh := get("REFRESH_SECONDS")) is not None:
            values["refresh_seconds"] = int_in("REFRESH_SECONDS", refresh, 10, 86400)
        if (currency := get("CURRENCY")) is not None:
            values["currency"] = _currency(currency)
        if (demo := get("LOAD_DEMO_DATA")) is not None:
            values["load_demo_data"] = _bool("LOAD_DEMO_DATA", demo)
        if (idle := get("SESSION_IDLE_MINUTES")) is not None:
            values["session_idle_minutes"] = int_in(
                "SESSION_IDLE_MINUTES", idle, 1, 720
            )
        if (proxies := get("TRUSTED_PROXIES")) is not None:
            values["trusted_proxies"] = int_in("TRUSTED_PROXIES", proxies, 0, 5)
        if (size := get("MAX_REQUEST_MB")) is not None:
            values["max_request_mb"] = int_in("MAX_REQUEST_MB", size, 1, 1024)
        if (weights := get("HEALTH_WEIGHTS")) is not None:
            values["health_weights"] = _health_weights(weights)
        if (redis := get("REDIS_URL")) is not None:
            if not redis.startswith(("redis://", "rediss://", "unix://")):
                raise SettingsError(
                    f"REDIS_URL={redis} must start with redis://, rediss:// or unix://"
                )
            values["redis_url"] = redis
        if (stale := get("QUALITY_STALE_DAYS")) is not None:
            values["quality_stale_days"] = _stale_days(stale)
        values.update(_report_thresholds(get))
        return cls(**values)


def _number_in(name: str, raw: str, low: float, high: float) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not low <= value <= high:
        raise SettingsError(f"{name}={raw} must be a number from {low:g} to {high:g}")
    return value


def _report_thresholds(get) -> dict[str, float]:
    """The client report's problem thresholds that are set (README, Settings)."""
    values: dict[str, float] = {}
    if (points := get("REPORT_CHANGE_POINTS")) is not None:
        values["report_change_points"] = _number_in(
            "REPORT_CHANGE_POINTS", points, 0, 100
        )
    if (percent := get("REPORT_CHANGE_PERCENT")) is not None:
        values["report_change_percent"] = _number_in(
            "REPORT_CHANGE_PERCENT", percent, 0, 1000
        )
    if (ratio := get("REPORT_BURN_RATIO")) is not None:
        values["report_burn_ratio"] = _number_in("REPORT_BURN_RATIO", ratio, 1, 10)
    if (attendance := get("REPORT_MIN_ATTENDANCE")) is not None:
        share = _number_in("REPORT_MIN_ATTENDANCE", attendance, 0, 100)
        values["report_min_attendance"] = share / 100
    return values


def int_in(name: str, raw: str, low: int, high: int) -> int:
    """`raw` as a whole number within [low, high], else a SettingsError naming it."""
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw} is not a whole number") from None
    if not low <= value <= high:
        raise SettingsError(f"{name}={raw} must be between {low} and {high}")
    return value


def _named_values(
    setting: str, raw: str, names: tuple[str, ...], what: str
) -> list[tuple[str, str]]:
    """`a:1,b:2` (or `a=1`) as (name, value) pairs, each name one of `names`."""
    pairs = []
    for part in raw.split(","):
        if not part.strip():  # "a:1,,b:2" or a trailing comma
            continue
        name, sep, value = part.replace("=", ":").partition(":")
        name = name.strip().lower()
        if not sep or name not in names:
            raise SettingsError(
                f"{setting}={raw} must be {what} pairs for {', '.join(names)}"
            )
        pairs.append((name, value.strip()))
    return pairs


def _health_weights(raw: str) -> tuple[float, ...]:
    """`satisfaction:2,engagement:1,...`: components not named weigh 0."""
    weights = dict.fromkeys(HEALTH_COMPONENTS, 0.0)
    pairs = _named_values("HEALTH_WEIGHTS", raw, HEALTH_COMPONENTS, "name:weight")
    for name, number in pairs:
        try:
            weight = float(number)
        except ValueError:
            weight = math.nan
        if not 0 <= weight <= 100:
            raise SettingsError(
                f"HEALTH_WEIGHTS={raw}: the weight of {name} must be a number"
                " from 0 to 100"
            )
        weights[name] = weight
    if not any(weights.values()):
        raise SettingsError(
            f"HEALTH_WEIGHTS={raw}: at least one weight must be above 0"
        )
    return tuple(weights.values())


def _stale_days(raw: str) -> tuple[tuple[str, int], ...]:
    """`invoices:30,surveys:180`: the feeds not named keep their default."""
    days = dict(DEFAULT_STALE_DAYS)
    feeds = tuple(DEFAULT_STALE_DAYS)
    for name, number in _named_values("QUALITY_STALE_DAYS", raw, feeds, "feed:days"):
        days[name] = int_in(f"QUALITY_STALE_DAYS ({name})", number, 1, 3650)
    return tuple(days.items())


def _fraction(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw} is not a number") from None
    if not 0 < value <= 1:
        raise SettingsError(f"{name}={raw} must be above 0 and at most 1")
    return value


def _date(name: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw} is not a date (YYYY-MM-DD)") from None


def _timezone(raw: str) -> str:
    try:
        zoneinfo.ZoneInfo(raw)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"TIMEZONE={raw} is not a known time zone (e.g. UTC, Asia/Shanghai)"
        ) from None
    return raw


def _currency(raw: str) -> str:
    from babel.numbers import list_currencies

    code = raw.upper()
    if code not in list_currencies():
        raise SettingsError(f"CURRENCY={raw} is not an ISO 4217 currency code")
    return code


def _bool(name: str, raw: str) -> bool:
    lowered = raw.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name}={raw} is not true or false")


def _database_url(raw: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(raw)
    except ArgumentError:
        raise SettingsError(f"DATABASE_URL={raw} is not a database URL") from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise SettingsError(
            f"DATABASE_URL={raw}: only sqlite and postgresql URLs are supported"
        )
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        # The bare scheme would pick psycopg2, which is not installed.
        raw = url.set(drivername="postgresql+psycopg").render_as_string(
            hide_password=False
        )
    return raw
