"""Settings come from the environment; a bad value is one clear line naming it."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.settings import (
    DEFAULT_DATABASE_PATH,
    HEALTH_COMPONENTS,
    Settings,
    SettingsError,
)


def test_defaults_use_sqlite_in_instance_folder_and_localhost():
    settings = Settings.from_env({})
    assert settings.database_url == f"sqlite:///{DEFAULT_DATABASE_PATH}"
    assert DEFAULT_DATABASE_PATH.parent.name == "instance"
    assert (settings.host, settings.port) == ("127.0.0.1", 8050)
    assert settings.timezone == "UTC"
    assert settings.fiscal_year_start_month == 1
    assert settings.gross_margin == 1.0
    assert settings.as_of is None
    assert settings.max_request_mb == 10


def test_values_are_read_and_typed():
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/app",
            "HOST": "0.0.0.0",
            "PORT": "9000",
            "TIMEZONE": "Asia/Shanghai",
            "AS_OF": "2026-08-15",
            "FISCAL_YEAR_START_MONTH": "4",
            "GROSS_MARGIN": "0.6",
            "SECRET_KEY": "s3cret",
            "LOG_LEVEL": "debug",
            "MAX_REQUEST_MB": "25",
        }
    )
    # The bare postgresql scheme is pointed at the installed psycopg 3 driver.
    assert settings.database_url == "postgresql+psycopg://postgres@127.0.0.1:5432/app"
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)
    assert settings.timezone == "Asia/Shanghai"
    assert settings.as_of == dt.date(2026, 8, 15)
    assert settings.today() == dt.date(2026, 8, 15)
    assert settings.fiscal_year_start_month == 4
    assert settings.gross_margin == 0.6
    assert settings.secret_key == "s3cret"
    assert settings.log_level == "DEBUG"
    assert settings.max_request_mb == 25


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FISCAL_YEAR_START_MONTH", "13", "FISCAL_YEAR_START_MONTH=13 must be between"),
        ("FISCAL_YEAR_START_MONTH", "April", "FISCAL_YEAR_START_MONTH=April is not"),
        ("AS_OF", "2026-02-30", "AS_OF=2026-02-30 is not a date"),
        ("AS_OF", "yesterday", "AS_OF=yesterday is not a date"),
        ("PORT", "80000", "PORT=80000 must be between 1 and 65535"),
        ("TIMEZONE", "Mars/Olympus", "TIMEZONE=Mars/Olympus is not a known time"),
        ("GROSS_MARGIN", "1.5", "GROSS_MARGIN=1.5 must be above 0 and at most 1"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL=LOUD is not one of"),
        ("DATABASE_URL", "not a url", "DATABASE_URL=not a url is not a database URL"),
        ("DATABASE_URL", "mysql://x@y/z", "only sqlite and postgresql"),
        ("MAX_REQUEST_MB", "0", "MAX_REQUEST_MB=0 must be between 1 and 1024"),
        ("MAX_REQUEST_MB", "ten", "MAX_REQUEST_MB=ten is not a whole number"),
        ("REPORT_CHANGE_POINTS", "-1", "REPORT_CHANGE_POINTS=-1 must be a number from"),
        ("REPORT_CHANGE_PERCENT", "nan", "REPORT_CHANGE_PERCENT=nan must be a number"),
        ("REPORT_BURN_RATIO", "0.9", "REPORT_BURN_RATIO=0.9 must be a number from 1"),
        ("REPORT_MIN_ATTENDANCE", "many", "REPORT_MIN_ATTENDANCE=many must be a"),
        ("REPORT_MIN_ATTENDANCE", "101", "REPORT_MIN_ATTENDANCE=101 must be a number"),
    ],
)
def test_bad_values_name_the_setting_and_value(name, value, message):
    with pytest.raises(SettingsError) as error:
        Settings.from_env({name: value})
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_report_thresholds_have_defaults_and_are_read():
    default = Settings.from_env({})
    assert (default.report_change_points, default.report_change_percent) == (5, 20)
    assert (default.report_burn_ratio, default.report_min_attendance) == (1.1, 0.8)
    given = Settings.from_env(
        {
            "REPORT_CHANGE_POINTS": "2.5",
            "REPORT_CHANGE_PERCENT": "15",
            "REPORT_BURN_RATIO": "1.25",
            "REPORT_MIN_ATTENDANCE": "90",
        }
    )
    assert (given.report_change_points, given.report_change_percent) == (2.5, 15)
    assert (given.report_burn_ratio, given.report_min_attendance) == (1.25, 0.9)


def test_blank_values_mean_default():
    assert Settings.from_env({"AS_OF": " ", "PORT": ""}) == Settings()


def test_health_weights_by_name_and_checked():
    default = Settings.from_env({})
    assert default.health_weights_equal
    assert default.health_weights_by_name == dict.fromkeys(HEALTH_COMPONENTS, 1.0)
    given = Settings.from_env(
        {"HEALTH_WEIGHTS": "Satisfaction:2, engagement=1,revenue:0.5"}
    )
    assert given.health_weights == (2.0, 1.0, 0.0, 0.0, 0.5)
    trailing = Settings.from_env({"HEALTH_WEIGHTS": "budget:1,,revenue:1,"})
    assert trailing.health_weights == (0.0, 0.0, 0.0, 1.0, 1.0)
    assert not given.health_weights_equal
    for raw, message in (
        ("happiness:1", "must be name:weight pairs for satisfaction, engagement"),
        ("satisfaction", "must be name:weight pairs"),
        ("satisfaction:-1", "the weight of satisfaction must be a number from 0"),
        ("budget:lots", "the weight of budget must be a number from 0 to 100"),
        ("budget:0,revenue:0", "at least one weight must be above 0"),
    ):
        with pytest.raises(SettingsError, match=message):
            Settings.from_env({"HEALTH_WEIGHTS": raw})


def test_redis_url_is_read_checked_and_kept_out_of_repr():
    assert Settings.from_env({}).redis_url is None
    url = "redis://:secret@127.0.0.1:6379/15"
    settings = Settings.from_env({"REDIS_URL": url})
    assert settings.redis_url == url
    assert "secret" not in repr(settings)
    with pytest.raises(SettingsError, match="REDIS_URL=http://x must start with"):
        Settings.from_env({"REDIS_URL": "http://x"})


def test_quality_stale_days_are_read_per_feed_with_defaults():
    default = Settings.from_env({}).stale_days
    assert default == {
        "invoices": 45, "spend": 45, "meetings": 60, "action_items": 90,
        "acquisition_spend": 90, "surveys": 365,
    }  # fmt: skip
    given = Settings.from_env({"QUALITY_STALE_DAYS": "Invoices:30, surveys=180,"})
    assert given.stale_days == {**default, "invoices": 30, "surveys": 180}
    for raw, message in (
        ("billing:30", "must be feed:days pairs for invoices, spend, meetings"),
        ("invoices", "must be feed:days pairs"),
        ("invoices:0", r"QUALITY_STALE_DAYS \(invoices\)=0 must be between 1 and"),
        ("surveys:soon", "is not a whole number"),
    ):
        with pytest.raises(SettingsError, match=message):
            Settings.from_env({"QUALITY_STALE_DAYS": raw})
